import ArgumentParser
import Config

/// Account settings every networked command accepts, so a script needs no
/// config file. There is deliberately no password flag (it would show in
/// `ps`): use --password-file or SWITCHBOARD_PASSWORD.
public struct AccountOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("config"), help: ArgumentHelp("Config file (default: $XDG_CONFIG_HOME/switchboard/config.toml).", valueName: "file"))
    public var configPath: String?

    @Option(help: ArgumentHelp("Account name from the config file.", valueName: "name"))
    public var account: String?

    @Option(help: ArgumentHelp("Address of record, e.g. sip:alice@example.test.", valueName: "uri"))
    public var aor: String?

    @Option(help: ArgumentHelp("Authentication user (default: the AOR's user).", valueName: "name"))
    public var user: String?

    @Option(help: ArgumentHelp("File holding the password (mode 0600).", valueName: "file"))
    public var passwordFile: String?

    @Option(help: ArgumentHelp("Outbound proxy, e.g. sip:127.0.0.1:5060.", valueName: "uri"))
    public var proxy: String?

    @Option(help: ArgumentHelp("Registrar (default: the AOR's domain).", valueName: "uri"))
    public var registrar: String?

    @Option(help: ArgumentHelp("udp, tcp or tls.", valueName: "transport"))
    public var transport: String?

    @Option(help: ArgumentHelp("CA certificates for TLS (PEM).", valueName: "file"))
    public var tlsCAFile: String?

    @Flag(help: "Do not verify the TLS server certificate (insecure; shown as such).")
    public var tlsInsecure = false

    @Option(help: ArgumentHelp("Display name.", valueName: "text"))
    public var displayName: String?

    public init() {}

    var overrides: AccountOverrides {
        AccountOverrides(aor: aor, user: user, passwordFile: passwordFile, proxy: proxy, registrar: registrar,
                         transport: transport, tlsCAFile: tlsCAFile, tlsInsecure: tlsInsecure ? true : nil,
                         displayName: displayName)
    }

    /// The config file (when one exists) and the account to use, or a
    /// `CommandFailure` with exit status 3 naming what is wrong.
    func resolve(environment: [String: String]) throws -> (ConfigFile, ResolvedAccount) {
        do {
            let config = try ConfigLoader.load(path: configPath, environment: environment)
            let account = try resolveAccount(config: config, name: account, overrides: overrides, environment: environment)
            return (config, account)
        } catch let error as ConfigError {
            throw CommandFailure(.configError, error.description)
        }
    }
}
