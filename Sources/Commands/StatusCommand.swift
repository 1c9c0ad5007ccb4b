import ArgumentParser
import Foundation
import PhoneCore

/// `switchboard status set|clear|show`: our own presence.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Set, clear or show your own presence status.",
        subcommands: [StatusSetCommand.self, StatusNoteCommand.self, StatusClearCommand.self, StatusShowCommand.self])
}

/// `status set ACTIVITY [--note TEXT] [--until TIME]`. Headless it
/// publishes and exits, leaving the publication in place; its SIP-ETag is
/// kept in the state directory so the next run modifies it.
struct StatusSetCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Publish a status: available, offline or an activity (busy, away, meeting ...).")

    @Argument(help: "available, offline, or an RFC 4480 activity (busy, away, meeting, on-the-phone, vacation ...).")
    var activity: String

    @Option(help: ArgumentHelp("A note watchers see beside the status.", valueName: "text"))
    var note: String?

    @Option(help: ArgumentHelp("Where you are, in words (published as a civic location).", valueName: "text"))
    var location: String?

    @Option(help: ArgumentHelp("Until when the activity holds: an RFC 3339 time, HH:MM (today, local) or +MINUTES.",
                               valueName: "time"))
    var until: String?

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Print the resulting status as JSON.")
    var json = false

    func validate() throws {
        guard OwnStatus.isValidActivity(activity) else {
            throw ValidationError(PresenceError.invalidStatus(activity).description)
        }
        if let until, StatusTime.parse(until, now: Date()) == nil {
            throw ValidationError("--until must be an RFC 3339 time, HH:MM or +MINUTES")
        }
    }

    func run() async throws {
        let status = OwnStatus(activity: activity.lowercased(), note: note,
                               until: until.flatMap { StatusTime.parse($0, now: Date()) }, location: location)
        try await StatusPublishing.publish(status, account: account, sip: sip, instance: instance, json: json)
    }
}

/// `status clear`: back to plain available.
struct StatusClearCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear", abstract: "Clear the status (publish plain available).")

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Print the resulting status as JSON.")
    var json = false

    func run() async throws {
        try await StatusPublishing.publish(nil, account: account, sip: sip, instance: instance, json: json)
    }
}

/// `status show`: what we publish and where the publication stands.
struct StatusShowCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show your status and its publication.")

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Print the status as JSON.")
    var json = false

    /// A running instance shows what it publishes; a headless run has
    /// chosen nothing, so it asks the server (a presence subscription to
    /// our own AOR) what it holds for us.
    func run() async throws {
        let context = CommandContext.current
        let headless = context.instance == nil
        let report = try await PhoneSession(account: account, sip: sip).run(wait: instance.wait) { core, id in
            guard headless, let aor = await core.snapshot().accounts.first(where: { $0.id == id })?.aor else {
                return StatusShowReport(own: await core.ownPresence(id), server: nil)
            }
            _ = try? await core.watch([aor], account: id)
            let seen = await core.waitForBuddies([aor], account: id, timeout: .seconds(20))
            return StatusShowReport(own: nil, server: seen.first)
        }
        if json {
            context.line(JSONText.line(report))
        } else if let own = report.own {
            context.line(StatusPublishing.text(own))
        } else if let server = report.server {
            context.line("the server shows: \(server.status)" + (server.note.map { ": \($0)" } ?? ""))
        }
    }
}

/// `status show --json`: `own` from a running instance (what it
/// publishes), `server` from a headless run (what watchers are told).
struct StatusShowReport: Codable, Sendable {
    var own: OwnPresenceSnapshot?
    var server: BuddySnapshot?
}

enum StatusPublishing {
    static func publish(_ status: OwnStatus?, account: AccountOptions, sip: SIPOptions, instance: InstanceOptions,
                        json: Bool) async throws {
        let context = CommandContext.current
        let own = try await PhoneSession(account: account, sip: sip).run(wait: instance.wait) { core, id in
            do {
                try await core.setStatus(status, account: id)
            } catch {
                throw CommandFailure(.usageOrIO, "\(error)")
            }
            return await core.waitForPublication(id, timeout: .seconds(40))
        }
        guard let own else { throw CommandFailure(.wrongState, "no presence for this account") }
        switch own.publication {
        case "published":
            context.line(json ? JSONText.line(own) : text(own))
        case "publishing", "removing":
            throw CommandFailure(.unreachable, "no answer to PUBLISH in time")
        default:
            let message = "not published: \(own.failure ?? own.publication)"
            switch own.failureKind ?? .unreachable {
            case .authentication: throw CommandFailure(.authFailed, message)
            case .unreachable, .expired: throw CommandFailure(.unreachable, message)
            case .tls: throw CommandFailure(.tlsFailed, message)
            case .refused: throw CommandFailure(.refused, message)
            }
        }
    }

    static func text(_ own: OwnPresenceSnapshot) -> String {
        var line = own.call != nil ? "on-the-phone" : (own.status?.activity ?? "available")
        if let note = own.status?.note { line += ": \(note)" }
        if let until = own.status?.until { line += " (until \(ISO8601DateFormatter().string(from: until)))" }
        line += " [\(own.publication)" + (own.failure.map { ": \($0)" } ?? "") + "]"
        return line
    }
}

/// `--until`: an RFC 3339 time, HH:MM today (local time; tomorrow when
/// already past), or +MINUTES from now.
enum StatusTime {
    static func parse(_ text: String, now: Date) -> Date? {
        if text.hasPrefix("+"), let minutes = Int(text.dropFirst()), (1...525_600).contains(minutes) {
            return now.addingTimeInterval(Double(minutes) * 60)
        }
        let parts = text.split(separator: ":")
        if parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]), let minute = Int(parts[1]),
           (0..<24).contains(hour), (0..<60).contains(minute) {
            let calendar = Calendar.current
            guard let today = calendar.date(bySettingHour: hour, minute: minute, second: 0, of: now) else { return nil }
            return today > now ? today : calendar.date(byAdding: .day, value: 1, to: today)
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

/// `status note TEXT`: change the note and keep the activity (the TUI's note
/// key). Headless there is no current activity: it publishes available.
struct StatusNoteCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Set the note beside your status, keeping the activity (empty text clears it).")

    @Argument(help: ArgumentHelp("The note.", valueName: "text"))
    var text: [String] = []

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Print the resulting status as JSON.")
    var json = false

    func run() async throws {
        let note = text.joined(separator: " ")
        var current: OwnStatus?
        if let running = CommandContext.current.instance {
            current = await running.core.ownPresence(running.account)?.status   // the instance's own account
        }
        let status = OwnStatus(activity: current?.activity ?? "available", note: note.isEmpty ? nil : note,
                               until: current?.until, location: current?.location)
        try await StatusPublishing.publish(status, account: account, sip: sip, instance: instance, json: json)
    }
}
