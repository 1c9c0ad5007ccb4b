import ArgumentParser
import Config
import Foundation
import PhoneCore

/// `switchboard register`: register the account, print what the registrar
/// granted, and stay registered until interrupted (or unregister at once with --once).
struct RegisterCommand: AsyncParsableCommand, InstanceCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Register with the SIP server and print the result.",
        discussion: """
        Prints the status, the expiry the registrar granted and the contact
        bindings it returned. With --once, unregisters (Expires: 0) and exits;
        otherwise stays registered, refreshing before expiry and re-registering
        after network loss, until Ctrl-C or SIGTERM, then unregisters.

        Exit status: 0 registered, 3 configuration error, 10 authentication
        failed, 11 server unreachable or not answering, 12 TLS failure,
        13 refused by the server.
        """)

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions
    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Unregister right after registering, then exit.")
    var once = false

    @Flag(help: "Print JSON (one object with --once, one line per change otherwise).")
    var json = false

    @Option(help: ArgumentHelp("Give up when not registered after this many seconds.", valueName: "seconds"))
    var timeout: Double = 40

    func run() async throws {
        let context = CommandContext.current
        if let running = context.instance {
            try await registerRunning(running, context: context)
            return
        }
        sip.bootstrapLogging()
        let (_, resolved) = try account.resolve(environment: context.environment)
        let core = PhoneCore(options: try sip.phoneOptions(environment: context.environment))
        // a one-shot check must not overwrite (and then withdraw) a published status
        if once { await core.setPresenceFollowsRegistration(false) }
        let started = ContinuousClock.now
        let id: String
        do {
            id = try await core.addAccount(resolved)
            try await core.register(id)
        } catch {
            await core.shutdown(grace: .zero)
            throw Self.failure(for: error)
        }
        let result = await core.waitForRegistration(id, timeout: .seconds(timeout)) {
            $0.status == .registered || $0.status == .failed
        }
        let elapsed = ContinuousClock.now - started
        let report = RegistrationReport(id: id, resolved: resolved, snapshot: result, elapsed: elapsed)
        // Staying registered survives an unreachable server (it keeps retrying
        // with backoff); a one-shot run, or bad credentials or TLS, end here.
        if result.status != .registered && (once || result.failureKind != .unreachable) {
            await core.shutdown(grace: .seconds(2))
            if json { context.line(report.jsonLine) }
            throw Self.failure(for: result)
        }
        if once {
            await core.shutdown(grace: .seconds(5))
            let final = await core.registration(id)
            var done = report
            done.unregistered = final?.status == .unregistered
            context.line(json ? done.jsonLine : report.text + "\nunregistered")
            return
        }
        context.line(json ? report.jsonLine : report.text)
        let events = Task {
            for await event in core.events {
                guard case .registration(let account, let snapshot) = event, account == id else { continue }
                let line = RegistrationReport(id: id, resolved: resolved, snapshot: snapshot, elapsed: nil)
                context.line(json ? line.jsonLine : line.text)
            }
        }
        _ = await TerminationSignals.wait()
        await core.shutdown(grace: .seconds(5))
        events.cancel()
        if !json { context.line("unregistered") }
    }

    /// Inside a running instance: register (again) now and report the result.
    private func registerRunning(_ running: RunningInstance, context: CommandContext) async throws {
        if once { throw CommandFailure(.wrongState, "--once is for standalone runs; use unregister on a running instance") }
        let started = ContinuousClock.now
        try await running.core.register(running.account)
        let result = await running.core.waitForRegistration(running.account, timeout: .seconds(timeout)) {
            $0.status == .registered || $0.status == .failed
        }
        guard result.status == .registered else { throw Self.failure(for: result) }
        guard let entry = await running.core.snapshot().accounts.first(where: { $0.id == running.account }) else {
            throw CommandFailure(.wrongState, "the instance has no account \(running.account)")
        }
        let report = RegistrationReport(entry: entry, elapsed: ContinuousClock.now - started)
        context.line(json ? report.jsonLine : report.text)
    }

    static func failure(for snapshot: RegistrationSnapshot) -> CommandFailure {
        let message = "not registered: \(snapshot.failure ?? "timed out waiting for the registrar")"
        switch snapshot.failureKind {
        case .authentication: return CommandFailure(.authFailed, message)
        case .tls: return CommandFailure(.tlsFailed, message)
        case .refused: return CommandFailure(.refused, message)
        case .unreachable, .expired, nil: return CommandFailure(.unreachable, message)
        }
    }

    static func failure(for error: Error) -> CommandFailure {
        guard let error = error as? PhoneError else { return CommandFailure(.unreachable, "\(error)") }
        switch error {
        case .invalidAccount, .unknownAccount: return CommandFailure(.configError, error.description)
        case .transport(let transportError):
            return CommandFailure(transportError.kind == .tls ? .tlsFailed : .unreachable, error.description)
        case .noSuchCall, .wrongCallState: return CommandFailure(.wrongState, error.description)
        case .invalidArgument, .media: return CommandFailure(.usageOrIO, error.description)
        case .callFailed: return CommandFailure(.refused, error.description)
        }
    }
}

/// What `register` prints about one registration state.
struct RegistrationReport: Encodable {
    var account: String
    var aor: String
    var registrar: String
    var transport: String
    var status: String
    var expires: Int?
    var contact: String?
    var bindings: [RegistrationSnapshot.Binding]
    var failure: String?
    var elapsedMs: Double?
    var unregistered: Bool?

    init(id: String, resolved: ResolvedAccount, snapshot: RegistrationSnapshot, elapsed: Duration?) {
        account = id
        aor = resolved.aor.description
        registrar = (resolved.proxy ?? resolved.registrar).description
        transport = resolved.transport.rawValue
        status = snapshot.status.rawValue
        expires = snapshot.expires
        contact = snapshot.contact
        bindings = snapshot.bindings
        failure = snapshot.failure
        elapsedMs = elapsed.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
    }

    /// The same report for a running instance's account, from its snapshot.
    init(entry: PhoneSnapshot.Account, elapsed: Duration?) {
        account = entry.id
        aor = entry.aor
        registrar = entry.nextHop
        transport = entry.transport
        status = entry.registration.status.rawValue
        expires = entry.registration.expires
        contact = entry.registration.contact
        bindings = entry.registration.bindings
        failure = entry.registration.failure
        elapsedMs = elapsed.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }
    }

    var text: String {
        var line = "\(status) \(aor) via \(transport) to \(registrar)"
        if let expires { line += ", expires in \(expires) s" }
        if let elapsedMs { line += String(format: " (%.1f ms)", elapsedMs) }
        if let failure { line += ": \(failure)" }
        for binding in bindings {
            line += "\n  binding \(binding.contact)" + (binding.expires.map { " expires \($0) s" } ?? "")
                + (binding.ours ? " (this device)" : "")
        }
        return line
    }

    var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
