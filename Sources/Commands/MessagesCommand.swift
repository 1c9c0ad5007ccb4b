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

    func run() async throws {
        let context = CommandContext.current
        let messages = try await StoreAccess.with(context, what: "the message history") { store in
            do {
                return try await store.messages.history(peer: peer, limit: limit)
            } catch {
                throw CommandFailure(.usageOrIO, "cannot read the message history: \(error)")
            }
        }
        if json {
            // the stored records as they encode themselves: ids, status codes,
            // millisecond times, like `history --json`
            context.line(JSONText.pretty(messages))
            return
        }
        if messages.isEmpty { context.line("no messages with \(peer)"); return }
        for message in messages {
            var failed = false
            if case .failed = message.state { failed = true }
            context.line("\(HistoryCommand.timestamp(message.time)) \(message.direction == .incoming ? "<" : ">") \(message.text)"
                         + (failed ? "  (not delivered)" : ""))
        }
    }
}
