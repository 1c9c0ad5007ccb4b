import ArgumentParser
import PhoneCore

/// The commands that act on the running instance's calls. They need the
/// running daemon or TUI (one-shot invocations forward to its socket);
/// `--call N` picks a call, else the one call that fits.
protocol CallControlCommand: AsyncParsableCommand, InstanceCommand {
    func act(on core: PhoneCore) async throws(PhoneError) -> String
}

extension CommandContext {
    /// The running instance a call command acts on (there is no headless call control).
    func requireInstance() throws -> RunningInstance {
        guard let instance else {
            throw CommandFailure(.wrongState, "no running instance: start `switchboard daemon` or `switchboard tui` first")
        }
        return instance
    }
}

extension CallControlCommand {
    func run() async throws {
        let context = CommandContext.current
        let running = try context.requireInstance()
        do {
            let text = try await act(on: running.core)
            if !text.isEmpty { context.line(text) }
        } catch {
            throw RegisterCommand.failure(for: error)
        }
    }
}

struct CallOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("call"), help: ArgumentHelp("The call's number (default: the one that fits).", valueName: "n"))
    var call: Int?
}

struct AnswerCommand: CallControlCommand {
    static let configuration = CommandConfiguration(commandName: "answer", abstract: "Answer the ringing call.")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @OptionGroup var callOptions: CallOptions
    var call: Int? { callOptions.call }

    func act(on core: PhoneCore) async throws(PhoneError) -> String {
        let snapshot = try await core.answer(call)
        return "answered call \(snapshot.id) from \(snapshot.peer)"
    }
}

struct RejectCommand: CallControlCommand {
    static let configuration = CommandConfiguration(commandName: "reject",
                                                    abstract: "Reject the ringing call (486 Busy Here, or 603 with --decline).")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @OptionGroup var callOptions: CallOptions
    @Flag(help: "Answer 603 Decline instead of 486 Busy Here.")
    var decline = false
    var call: Int? { callOptions.call }

    func act(on core: PhoneCore) async throws(PhoneError) -> String {
        try await core.reject(call, decline: decline)
        return "rejected"
    }
}

struct HangupCommand: CallControlCommand {
    static let configuration = CommandConfiguration(commandName: "hangup", abstract: "End a call (CANCEL, decline or BYE).")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @OptionGroup var callOptions: CallOptions
    var call: Int? { callOptions.call }

    func act(on core: PhoneCore) async throws(PhoneError) -> String {
        try await core.hangUp(call)
        return "hung up"
    }
}

struct HoldCommand: CallControlCommand {
    static let configuration = CommandConfiguration(commandName: "hold", abstract: "Put a call on hold (re-INVITE, sendonly).")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @OptionGroup var callOptions: CallOptions
    var call: Int? { callOptions.call }

    func act(on core: PhoneCore) async throws(PhoneError) -> String {
        try await core.hold(call)
        return "holding"
    }
}

struct ResumeCommand: CallControlCommand {
    static let configuration = CommandConfiguration(commandName: "resume", abstract: "Take a call off hold.")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @OptionGroup var callOptions: CallOptions
    var call: Int? { callOptions.call }

    func act(on core: PhoneCore) async throws(PhoneError) -> String {
        try await core.resume(call)
        return "resuming"
    }
}

struct TransferCommand: CallControlCommand {
    static let configuration = CommandConfiguration(commandName: "transfer",
                                                    abstract: "Blind transfer: ask the peer to call URI (REFER).")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @OptionGroup var callOptions: CallOptions
    @Argument(help: ArgumentHelp("Where the peer goes.", valueName: "uri"))
    var target: String
    var call: Int? { callOptions.call }

    func act(on core: PhoneCore) async throws(PhoneError) -> String {
        try await core.transfer(call, to: target)
        return "transfer to \(target) requested"
    }
}

struct DTMFCommand: CallControlCommand {
    static let configuration = CommandConfiguration(commandName: "dtmf",
                                                    abstract: "Send DTMF digits (RFC 4733, or SIP INFO when the peer has no telephone-event).")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @OptionGroup var callOptions: CallOptions
    @Argument(help: ArgumentHelp("0-9, *, #, A-D.", valueName: "digits"))
    var digits: String
    @Flag(help: "Send SIP INFO even when the peer takes RFC 4733 events (PBXs that want INFO).")
    var info = false
    var call: Int? { callOptions.call }

    func act(on core: PhoneCore) async throws(PhoneError) -> String {
        let method = try await core.sendDTMF(digits, call: call, info: info)
        return "sent \(digits) (\(method))"
    }
}

/// `switchboard calls`: the running instance's live calls.
struct CallsCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(commandName: "calls", abstract: "List the running instance's calls.")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @Flag(help: "Print the calls as JSON.")
    var json = false

    func run() async throws {
        let context = CommandContext.current
        let calls = try await context.requireInstance().core.liveCalls
        if json {
            context.line(JSONText.line(calls))
        } else if calls.isEmpty {
            context.line("no calls")
        } else {
            for call in calls { context.line(CallReport.text(call)) }
        }
    }
}

/// `switchboard dial URI`: the running instance places a call and the
/// command returns at once (the TUI's dial key; `call` waits for the end).
struct DialCommand: CallControlCommand {
    static let configuration = CommandConfiguration(commandName: "dial",
                                                    abstract: "Have the running instance call URI; returns at once.")
    @OptionGroup var account: AccountOptions
    @OptionGroup var instance: InstanceOptions
    @Argument(help: ArgumentHelp("Who to call: sip:bob@example.com, bob@example.com or bob.", valueName: "uri"))
    var target: String

    func act(on core: PhoneCore) async throws(PhoneError) -> String {
        let placed = try await core.placeCall(to: target)
        return "calling \(placed.peer) (call \(placed.id))"
    }
}
