// Small closed sets of account settings, spelled as they are in the config file.

/// How SIP messages travel to the registrar or proxy.
public enum Transport: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case udp, tcp, tls

    public var description: String { rawValue }

    /// Parses the config-file / command-line spelling (case-insensitive).
    init?(setting text: String) {
        self.init(rawValue: text.lowercased())
    }

    /// "udp, tcp, tls": for error messages.
    static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Registration interval bounds. Below 30 s is refused by most registrars (423 Interval
/// Too Brief) and floods the network; above a day a crashed client lingers as "online".
public enum RegistrationExpiry {
    public static let defaultSeconds = 600
    public static let allowedSeconds = 30...86_400
}

/// Where the password in a ResolvedAccount came from; lets the UI say so without showing it.
public enum PasswordSource: Sendable, Equatable, CustomStringConvertible {
    /// Inline `password` in the config file at this path.
    case configFile(path: String)
    /// A password file (`password_file` or the command-line equivalent).
    case passwordFile(path: String)
    /// An environment variable, e.g. SWITCHBOARD_PASSWORD.
    case environment(variable: String)

    public var description: String {
        switch self {
        case .configFile(let path): return "config file \(path)"
        case .passwordFile(let path): return "password file \(path)"
        case .environment(let variable): return "environment variable \(variable)"
        }
    }
}
