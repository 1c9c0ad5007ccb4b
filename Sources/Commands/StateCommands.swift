import ArgumentParser
import Foundation
import PhoneCore

/// `switchboard state`: the whole state of the running instance (or of a
/// headless run that registers, looks and unregisters).
struct StateCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "Print the state: accounts and their registrations.")

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Print the snapshot as JSON.")
    var json = false

    func run() async throws {
        let context = CommandContext.current
        let snapshot = try await PhoneSession(account: account, sip: sip)
            .run(wait: instance.wait) { core, _ in await core.snapshot() }
        if json {
            context.line(JSONText.pretty(snapshot))
            return
        }
        for entry in snapshot.accounts {
            var line = "\(entry.id) \(entry.aor) \(entry.transport) \(entry.registration.status.rawValue)"
            if let expires = entry.registration.expires { line += " (expires \(expires) s)" }
            if let failure = entry.registration.failure { line += ": \(failure)" }
            if entry.insecureTLS { line += " [TLS NOT VERIFIED]" }
            context.line(line)
        }
    }
}

/// `switchboard events`: print events as they happen until interrupted.
struct EventsCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Print events (registration changes, notices) until Ctrl-C.")

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "One JSON object per line.")
    var json = false

    func run() async throws {
        let context = CommandContext.current
        if context.instance != nil {
            throw CommandFailure(.usageOrIO, "over the control socket, subscribe to events instead of running `events`")
        }
        let json = json
        try await PhoneSession(account: account, sip: sip).run(registering: false) { core, id in
            let stream = core.events
            let printer = Task {
                for await event in stream {
                    context.line(json ? JSONText.line(event.record) : event.record.text)
                }
            }
            try await core.register(id)
            _ = await TerminationSignals.wait()
            printer.cancel()
        }
    }
}

/// `switchboard unregister`: remove the running instance's registration.
struct UnregisterCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "unregister", abstract: "Unregister the running instance's account (Expires: 0).")

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Print the resulting registration as JSON.")
    var json = false

    func run() async throws {
        let context = CommandContext.current
        guard let running = context.instance else {
            throw CommandFailure(.wrongState, "not running: a standalone run is never registered after it ends")
        }
        guard await running.core.registration(running.account)?.status == .registered else {
            throw CommandFailure(.wrongState, "not registered")
        }
        try await running.core.unregister(running.account)
        let state = await running.core.waitForRegistration(running.account, timeout: .seconds(10)) {
            $0.status == .unregistered || $0.status == .failed
        }
        context.line(json ? JSONText.line(state) : "unregistered")
    }
}

/// Flags about the running instance: its socket, standalone runs, waiting.
struct InstanceOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Control socket of the running instance (default: per account under $XDG_RUNTIME_DIR/switchboard).", valueName: "path"))
    var socket: String?

    @Flag(help: "Run headless even when an instance is running.")
    var standalone = false

    @Option(help: ArgumentHelp("Wait for the state first: registered[:seconds].", valueName: WaitCondition.valueName))
    var wait: WaitCondition?
}

enum JSONText {
    static func pretty(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
