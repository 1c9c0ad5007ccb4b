import ArgumentParser
import Config
import Foundation

/// `switchboard config …`: check settings and show where files live.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration and show where Switchboard keeps its files.",
        subcommands: [ConfigCheckCommand.self, ConfigPathsCommand.self])
}

struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load the config file, resolve the account and print it (never the password).",
        discussion: "Exit status 0 when the settings are usable, 3 when they are not.")

    @OptionGroup var account: AccountOptions

    @Flag(help: "Print the resolved settings as JSON.")
    var json = false

    func run() throws {
        let context = CommandContext.current
        let (config, resolved) = try account.resolve(environment: context.environment)
        let report = ResolvedAccountReport(config: config, account: resolved)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            context.line(String(decoding: (try? encoder.encode(report)) ?? Data(), as: UTF8.self))
        } else {
            context.line("config file: \(config.path ?? "none")")
            context.line("account:     \(resolved.description)")
            if !resolved.tlsVerify { context.line("warning:     TLS certificate verification is OFF (insecure)") }
        }
    }
}

struct ConfigPathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths", abstract: "Print the config, data, state and runtime locations.")

    func run() throws {
        let context = CommandContext.current
        do {
            let paths = try SwitchboardPaths(environment: context.environment)
            context.line("config:  \(paths.configFile)")
            context.line("data:    \(paths.dataDirectory)")
            context.line("state:   \(paths.stateDirectory)")
            context.line("runtime: \(paths.runtimeDirectory)")
        } catch let error as ConfigError {
            throw CommandFailure(.configError, error.description)
        }
    }
}

/// The resolved account as JSON: every setting but the password, whose
/// source alone is shown.
struct ResolvedAccountReport: Encodable {
    var configFile: String?
    var account: String?
    var aor: String
    var user: String
    var displayName: String?
    var registrar: String
    var proxy: String?
    var transport: String
    var tlsVerify: Bool
    var tlsCAFile: String?
    var expires: Int
    var passwordSource: String?
    var mode: String
    var theme: String

    init(config: ConfigFile, account: ResolvedAccount) {
        configFile = config.path
        self.account = account.name
        aor = account.aor.description
        user = account.user
        displayName = account.displayName
        registrar = account.registrar.description
        proxy = account.proxy?.description
        transport = account.transport.rawValue
        tlsVerify = account.tlsVerify
        tlsCAFile = account.tlsCAFile
        expires = account.expires
        switch account.passwordSource {
        case .configFile(let path): passwordSource = "config file \(path)"
        case .passwordFile(let path): passwordSource = "password file \(path)"
        case .environment(let variable): passwordSource = "environment \(variable)"
        case nil: passwordSource = nil
        }
        mode = config.mode.rawValue
        theme = config.theme
    }
}
