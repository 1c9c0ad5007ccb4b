import ArgumentParser
import Foundation
import Store

/// `switchboard messages URI`: the instant messages exchanged with a peer,
/// oldest first, from the one database (shared with a running instance).
struct MessagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages", abstract: "Print the instant messages exchanged with URI.")

    @Argument(help: ArgumentHelp("The peer's address.", valueName: "uri"))
    var peer: String

    @Option(help: "How many messages to show (the newest).")
    var limit = 100

    @Flag(help: "Print the messages as JSON.")
    var json = false

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be 1...100000") }
    }

    struct Row: Encodable {
        var direction: String
        var peer: String
        var time: Date
        var text: String
        var state: String
    }

    func run() async throws {
        let context = CommandContext.current
        let messages = try await StoreAccess.with(context, what: "the message history") { store in
            do {
                return try await store.messages.history(peer: peer, limit: limit)
            } catch {
                throw CommandFailure(.usageOrIO, "cannot read the message history: \(error)")
            }
        }
        let rows = messages.map {
            Row(direction: $0.direction == .incoming ? "in" : "out", peer: $0.peerURI, time: $0.time, text: $0.text,
                state: $0.state.text)
        }
        if json {
            context.line(JSONText.pretty(rows))
            return
        }
        if rows.isEmpty { context.line("no messages with \(peer)"); return }
        for row in rows {
            context.line("\(HistoryCommand.timestamp(row.time)) \(row.direction == "in" ? "<" : ">") \(row.text)"
                         + (row.state == "failed" ? "  (not delivered)" : ""))
        }
    }
}
