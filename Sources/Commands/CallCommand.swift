import ArgumentParser
import Foundation
import PhoneCore

/// `switchboard call URI`: place a call, optionally play and record, send
/// DTMF, hang up after a while; exits with how the call went.
struct CallCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "call", abstract: "Place a call and wait until it ends.",
        discussion: """
        Without a running instance the call is placed headless (no registration
        needed) and the command ends with the call. Audio devices: --play and
        --record take WAV files; --source/--sink take device specifications
        (alsa[:NAME], file:PATH, loop:PATH, tone[:HZ], null); the default is
        ALSA, or null when there is no sound card.
        Exit status: 0 answered and ended, 20 busy, 21 declined, 22 no answer,
        11 unreachable, 10 authentication failed, 13 other refusal.
        """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Argument(help: ArgumentHelp("Who to call: sip:bob@example.com, bob@example.com or bob.", valueName: "uri"))
    var target: String

    @Option(help: ArgumentHelp("Hang up this many seconds after the answer.", valueName: "seconds"))
    var duration: Double?

    @Option(help: ArgumentHelp("Play this WAV file into the call.", valueName: "wav"))
    var play: String?

    @Option(help: ArgumentHelp("Record what is heard to this WAV file.", valueName: "wav"))
    var record: String?

    @Option(help: ArgumentHelp("Audio source device.", valueName: "device"))
    var source: String?

    @Option(help: ArgumentHelp("Audio sink device.", valueName: "device"))
    var sink: String?

    @Option(help: ArgumentHelp("Send these DTMF digits once answered.", valueName: "digits"))
    var dtmf: String?

    @Option(help: ArgumentHelp("Give up when not answered within this many seconds.", valueName: "seconds"))
    var ringTimeout: Double = 60

    @Flag(help: "Print the call as JSON when it ends.")
    var json = false

    /// The longest a call is followed without --duration.
    static let longestCall: Double = 86_400

    func validate() throws {
        // bounded, not only positive: `inf` or 1e21 seconds would trap as a Duration
        if let duration, !(duration > 0 && duration <= Self.longestCall) {
            throw ValidationError("--duration takes more than 0 and at most 86400 seconds")
        }
        if !(ringTimeout > 0 && ringTimeout <= 3600) { throw ValidationError("--ring-timeout takes more than 0 and at most 3600 seconds") }
        if let dtmf, !PhoneCore.isValidDTMF(dtmf) {
            throw ValidationError("--dtmf takes the digits 0-9, *, #, A-D: '\(dtmf)'")
        }
        if play != nil, source != nil { throw ValidationError("--play and --source name the same thing; give one") }
        if record != nil, sink != nil { throw ValidationError("--record and --sink name the same thing; give one") }
    }

    func run() async throws {
        let context = CommandContext.current
        let audio = CallAudio(source: play.map { "file:" + Self.absolute($0) } ?? source ?? "alsa",
                              sink: record.map { "file:" + Self.absolute($0) } ?? sink ?? "alsa")
        let final = try await PhoneSession(account: account, sip: sip).run(registering: false) { core, id in
            try await placeAndFollow(core: core, account: id, audio: audio)
        }
        context.line(json ? JSONText.line(final) : CallReport.text(final))
        let status = CallReport.exitStatus(final)
        if status != .success { throw CommandFailure(status, CallReport.failureText(final)) }
    }

    private func placeAndFollow(core: PhoneCore, account: String, audio: CallAudio) async throws -> CallSnapshot {
        let placed: CallSnapshot
        do {
            placed = try await core.placeCall(to: target, account: account, audio: audio)
        } catch {
            throw RegisterCommand.failure(for: error)
        }
        let id = placed.id
        let answered = await core.waitForCall(id, timeout: .seconds(ringTimeout)) { $0.state == .connected || $0.isEnded }
        guard let answered, answered.state == .connected else {
            // not answered in time: CANCEL and report "no answer"
            try? await core.hangUp(id)
            var last = await core.waitForCall(id, timeout: .seconds(40)) { $0.isEnded } ?? placed
            if last.endReason == "cancelled" || last.statusCode == 487 { last.endReason = "no-answer" }
            return last
        }
        if let dtmf {
            // give the far end's media a moment to start before the digits
            try? await Task.sleep(for: .milliseconds(300))
            do {
                _ = try await core.sendDTMF(dtmf, call: id)
            } catch {
                try? await core.hangUp(id)   // a call we cannot go on with is not left up
                throw RegisterCommand.failure(for: error)
            }
        }
        if let duration {
            let ended = await core.waitForCall(id, timeout: .seconds(duration)) { $0.isEnded }
            if ended?.isEnded != true { try? await core.hangUp(id) }
        }
        return await core.waitForCall(id, timeout: .seconds(duration == nil ? Self.longestCall : 40)) { $0.isEnded } ?? placed
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// A running instance has its own working directory: WAV paths and
    /// file:/loop: devices are made absolute here, before the line is sent.
    func argumentsForInstance(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var pathFollows = false, deviceFollows = false
        for word in arguments {
            if pathFollows { result.append(Self.absolute(word)) }
            else if deviceFollows { result.append(Self.absoluteDevice(word)) }
            else if let value = Self.value(of: ["--play", "--record"], in: word) { result.append(word.prefix(word.count - value.count) + Self.absolute(value)) }
            else if let value = Self.value(of: ["--source", "--sink"], in: word) { result.append(word.prefix(word.count - value.count) + Self.absoluteDevice(value)) }
            else { result.append(word) }
            pathFollows = word == "--play" || word == "--record"
            deviceFollows = word == "--source" || word == "--sink"
        }
        return result
    }

    /// The call may last up to its ring timeout plus its duration.
    var replyTimeout: Duration { .seconds(ringTimeout + (duration ?? Self.longestCall) + 60) }

    private static func value(of options: [String], in word: String) -> String? {
        for option in options where word.hasPrefix(option + "=") { return String(word.dropFirst(option.count + 1)) }
        return nil
    }

    private static func absoluteDevice(_ device: String) -> String {
        for scheme in ["file:", "loop:"] where device.hasPrefix(scheme) {
            return scheme + absolute(String(device.dropFirst(scheme.count)))
        }
        return device
    }
}

/// How `call` reports a finished call.
enum CallReport {
    static func exitStatus(_ call: CallSnapshot) -> SwitchboardExit {
        if call.answeredAt != nil { return .success }
        if call.endReason == "no-answer" { return .noAnswer }
        if call.endReason == "timeout" { return .unreachable }   // no response at all (Timer B)
        switch call.statusCode {
        case 486, 600: return .busy
        case 603: return .declined
        case 408, 480, 487: return .noAnswer
        case 401, 407: return .authFailed
        case 503: return .unreachable   // ours when the transport failed, or a server that is down
        case .some: return .refused
        case nil: return .unreachable
        }
    }

    static func text(_ call: CallSnapshot) -> String {
        var text = "call \(call.id) \(call.peer): \(call.endReason ?? call.state.rawValue)"
        if let code = call.statusCode { text += " \(code)" }
        if let duration = call.duration() { text += String(format: " after %.1f s", duration) }
        if let codec = call.codec { text += " \(codec)" }
        if !call.dtmfReceived.isEmpty { text += " dtmf \(call.dtmfReceived)" }
        return text
    }

    static func failureText(_ call: CallSnapshot) -> String {
        switch exitStatus(call) {
        case .busy: return "busy"
        case .declined: return "declined"
        case .noAnswer: return "no answer"
        case .authFailed: return "authentication failed (\(call.statusCode ?? 0))"
        case .unreachable: return "unreachable"
        default: return "refused: \(call.statusCode.map(String.init) ?? "?")"
        }
    }
}
