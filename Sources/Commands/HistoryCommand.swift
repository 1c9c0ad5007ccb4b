import ArgumentParser
import Config
import Foundation
import Store

/// `switchboard history`: the call history, newest first.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print the call history, newest first.",
        discussion: "Reads $XDG_DATA_HOME/switchboard/switchboard.sqlite (shared with a running instance).")

    @Option(help: "How many calls to show.")
    var limit = 50

    @Option(help: ArgumentHelp("Only calls with this peer URI.", valueName: "uri"))
    var peer: String?

    @Flag(help: "Print the records as JSON.")
    var json = false

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be 1...100000") }
    }

    func run() async throws {
        let context = CommandContext.current
        let records = try await StoreAccess.with(context, what: "the call history") { store in
            do {
                return try await store.callHistory.history(CallHistoryQuery(peerURI: peer, limit: limit))
            } catch {
                throw CommandFailure(.usageOrIO, "cannot read the call history: \(error)")
            }
        }
        if json {
            context.line(JSONText.pretty(records))
            return
        }
        if records.isEmpty { context.line("no calls"); return }
        for record in records {
            var line = "\(Self.timestamp(record.started)) \(record.direction == .incoming ? "in " : "out") "
            line += (record.peerDisplayName.map { "\($0) <\(record.peerURI)>" } ?? record.peerURI)
            line += "  " + (record.result.map(Self.describe) ?? "in progress")
            if let duration = record.duration { line += String(format: " %d:%02d", Int(duration) / 60, Int(duration) % 60) }
            if let codec = record.codec { line += " \(codec)" }
            context.line(line)
        }
    }

    static func describe(_ result: CallResult) -> String {
        if case .failed(let code) = result { return "failed (\(code))" }
        return result.kind.rawValue
    }

    /// One formatter for every row (`messages --limit` may print 100,000):
    /// "yyyy-MM-dd HH:mm" in the local time zone.
    static func timestamp(_ date: Date) -> String {
        date.formatted(rowFormat)
    }

    private static let rowFormat = Date.VerbatimFormatStyle(
        format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
        timeZone: .current, calendar: Calendar(identifier: .gregorian))
}
