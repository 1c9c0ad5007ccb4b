import ArgumentParser
import Config
import PhoneCore

/// `switchboard tui`: the full-screen buddy list and phone. While it runs it
/// also serves the control socket, so scripts drive it as they drive the daemon.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the full-screen terminal UI (and serve the control socket while it runs).")

    @OptionGroup var account: AccountOptions
    @OptionGroup var sip: SIPOptions

    @Option(help: ArgumentHelp("Theme name (Themes/*.toml) instead of the config's.", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("Key bindings file with a [keys] table.", valueName: "file"))
    var keys: String?

    @Option(help: ArgumentHelp("Control socket path.", valueName: "path"))
    var socket: String?

    func run() async throws {
        let context = CommandContext.current
        guard let launch = context.runInteractive, context.instance == nil else {
            throw CommandFailure(.usageOrIO, "the terminal UI runs only from a terminal, not inside an instance")
        }
        let (config, resolved) = try account.resolve(environment: context.environment)
        let socketPath = try socket ?? InstanceSocket.path(for: resolved, environment: context.environment)
        let core = PhoneCore(options: try sip.phoneOptions(environment: context.environment))
        let id: String
        do {
            id = try await core.addAccount(resolved)
        } catch {
            await core.shutdown(grace: .zero)
            throw RegisterCommand.failure(for: error)
        }
        let server = try await InstanceServer.start(path: socketPath, instance: RunningInstance(core: core, account: id),
                                                    environment: context.environment)
        do {
            try await launch(InteractiveSession(core: core, account: id, theme: theme ?? config.theme,
                                                keysFile: keys ?? (config.hasKeyBindings ? config.path : nil),
                                                environment: context.environment))
        } catch {
            await server.shutdown()
            await core.shutdown(grace: .seconds(2))
            throw CommandFailure(.usageOrIO, "\(error)")
        }
        await server.shutdown()
        await core.shutdown()
    }
}
