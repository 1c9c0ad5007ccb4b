// Account settings given on the command line, so a script needs no config file.
//
// Values are the raw strings the user typed; the resolver validates them with
// the same rules and messages as the config file. There is deliberately no
// password field: a password on the command line is visible to every user via
// ps and /proc, so it comes from a file or SWITCHBOARD_PASSWORD instead.

public struct AccountOverrides: Sendable, Equatable {
    /// Address of record, e.g. `sip:alice@example.com`.
    public var aor: String?
    /// Authentication user name.
    public var user: String?
    public var passwordFile: String?
    public var proxy: String?
    public var registrar: String?
    /// `udp`, `tcp` or `tls`.
    public var transport: String?
    public var tlsCAFile: String?
    /// true turns TLS certificate verification off (the UI flags this); false forces it on.
    public var tlsInsecure: Bool?
    public var displayName: String?

    public init(aor: String? = nil, user: String? = nil, passwordFile: String? = nil, proxy: String? = nil,
                registrar: String? = nil, transport: String? = nil, tlsCAFile: String? = nil,
                tlsInsecure: Bool? = nil, displayName: String? = nil) {
        self.aor = aor
        self.user = user
        self.passwordFile = passwordFile
        self.proxy = proxy
        self.registrar = registrar
        self.transport = transport
        self.tlsCAFile = tlsCAFile
        self.tlsInsecure = tlsInsecure
        self.displayName = displayName
    }
}

/// Environment variable holding the account password (never a command-line flag).
public let passwordEnvironmentVariable = "SWITCHBOARD_PASSWORD"
