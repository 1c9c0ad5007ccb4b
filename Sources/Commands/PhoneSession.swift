import ArgumentParser
import Config
import PhoneCore

/// Runs a command's work with a PhoneCore: the running instance's when the
/// command came through its control socket or prompt, otherwise a headless
/// one that registers for the command and unregisters after it ("register,
/// act, unregister").
struct PhoneSession {
    var account: AccountOptions
    var sip: SIPOptions
    /// False for benchmarks: their test calls stay out of the user's call history.
    var keepsHistory = true

    /// `wait` is the `--wait registered[:SECONDS]` condition, if any.
    func run<T: Sendable>(registering: Bool = true, wait: WaitCondition? = nil,
                          _ body: (PhoneCore, String) async throws -> T) async throws -> T {
        let context = CommandContext.current
        if let instance = context.instance {
            if let wait { try await wait.satisfy(on: instance.core, account: instance.account) }
            return try await body(instance.core, instance.account)
        }
        sip.bootstrapLogging()
        let (_, resolved) = try account.resolve(environment: context.environment)
        var options = try sip.phoneOptions(environment: context.environment)
        if !keepsHistory { options.historyPath = nil }
        let core = PhoneCore(options: options)
        // a one-shot run neither publishes on registering nor withdraws on leaving
        await core.setPresenceFollowsRegistration(false)
        let id: String
        do {
            id = try await core.addAccount(resolved)
            if registering {
                try await core.register(id)
                try await (wait ?? WaitCondition(seconds: 40)).satisfy(on: core, account: id)
            }
        } catch {
            await core.shutdown(grace: .seconds(2))
            throw (error as? CommandFailure) ?? RegisterCommand.failure(for: error)
        }
        do {
            let result = try await body(core, id)
            await core.shutdown()
            return result
        } catch {
            await core.shutdown()
            throw error
        }
    }
}

/// `--wait registered[:SECONDS]`: wait until the account is registered
/// before acting (scripts that dial right after start need this).
struct WaitCondition: ExpressibleByArgument, Sendable {
    var seconds: Double

    init(seconds: Double) { self.seconds = seconds }

    init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 1)
        guard parts.first == "registered" else { return nil }
        if parts.count == 2 {
            guard let value = Double(parts[1]), value > 0, value <= 3600 else { return nil }
            seconds = value
        } else {
            seconds = 40
        }
    }

    static let valueName = "registered[:seconds]"

    func satisfy(on core: PhoneCore, account: String) async throws {
        let state = await core.waitForRegistration(account, timeout: .seconds(seconds)) {
            $0.status == .registered || ($0.status == .failed && $0.failureKind != .unreachable)
        }
        guard state.status == .registered else { throw RegisterCommand.failure(for: state) }
    }
}
