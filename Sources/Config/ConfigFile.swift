// The validated contents of config.toml (format: docs/config.md).
//
// Account values stay optional where the file may leave them out, so the
// resolver can layer command line > environment > file > defaults; the
// defaults are applied only in ResolvedAccount.

public struct ConfigFile: Sendable, Equatable {
    /// Which interface Switchboard starts in.
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        case sip, mail
    }

    public static let defaultTheme = "default"

    /// The file this came from; nil for the empty configuration used when no file exists.
    public var path: String?
    public var theme: String
    public var mode: Mode
    /// Account used when none is named; guaranteed by the loader to exist in `accounts`.
    public var defaultAccount: String?
    /// Accounts by name (the NAME in `[accounts.NAME]`).
    public var accounts: [String: AccountConfig]
    /// The file has a `[keys]` table (the TUI reads it from `path`).
    public var hasKeyBindings = false

    /// Account names, sorted, for listings and error messages.
    public var accountNames: [String] { accounts.keys.sorted() }

    public init(path: String? = nil, theme: String = ConfigFile.defaultTheme, mode: Mode = .sip,
                defaultAccount: String? = nil, accounts: [String: AccountConfig] = [:]) {
        self.path = path
        self.theme = theme
        self.mode = mode
        self.defaultAccount = defaultAccount
        self.accounts = accounts
    }
}

/// One `[accounts.NAME]` table as written. Paths are already absolute
/// (relative ones are taken relative to the config file's directory).
public struct AccountConfig: Sendable, Equatable {
    public var name: String
    public var aor: AccountURI
    public var user: String?
    /// Inline password. Never printed: see `description` and `customMirror`.
    public var password: String?
    public var passwordFile: String?
    public var displayName: String?
    public var registrar: AccountURI?
    public var proxy: AccountURI?
    public var transport: Transport?
    public var tlsCAFile: String?
    public var tlsVerify: Bool?
    public var expires: Int?
    /// The XCAP root (RFC 4825) for presence rules, as written (`http://…`).
    public var xcapRoot: String?

    public init(name: String, aor: AccountURI, user: String? = nil, password: String? = nil,
                passwordFile: String? = nil, displayName: String? = nil, registrar: AccountURI? = nil,
                proxy: AccountURI? = nil, transport: Transport? = nil, tlsCAFile: String? = nil,
                tlsVerify: Bool? = nil, expires: Int? = nil, xcapRoot: String? = nil) {
        self.name = name
        self.aor = aor
        self.user = user
        self.password = password
        self.passwordFile = passwordFile
        self.displayName = displayName
        self.registrar = registrar
        self.proxy = proxy
        self.transport = transport
        self.tlsCAFile = tlsCAFile
        self.tlsVerify = tlsVerify
        self.expires = expires
        self.xcapRoot = xcapRoot
    }
}

extension AccountConfig: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var parts = ["[accounts.\(name)] aor=\(aor)"]
        if let user { parts.append("user=\(user)") }
        if password != nil { parts.append("password=<hidden>") }
        if let passwordFile { parts.append("password_file=\(passwordFile)") }
        if let registrar { parts.append("registrar=\(registrar)") }
        if let proxy { parts.append("proxy=\(proxy)") }
        if let transport { parts.append("transport=\(transport)") }
        if let tlsVerify { parts.append("tls_verify=\(tlsVerify)") }
        if let expires { parts.append("expires=\(expires)") }
        if let xcapRoot { parts.append("xcap_root=\(xcapRoot)") }
        return parts.joined(separator: " ")
    }

    public var debugDescription: String { description }

    /// `dump()` and debuggers walk the mirror, not `description`; keep the password out of it.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "name": name, "aor": aor, "user": user as Any, "password": password == nil ? "nil" : "<hidden>",
            "passwordFile": passwordFile as Any, "displayName": displayName as Any, "registrar": registrar as Any,
            "proxy": proxy as Any, "transport": transport as Any, "tlsCAFile": tlsCAFile as Any,
            "tlsVerify": tlsVerify as Any, "expires": expires as Any, "xcapRoot": xcapRoot as Any,
        ], displayStyle: .struct)
    }
}

/// A transport that contradicts a sips: URI, as a message; nil when consistent.
/// RFC 3261 section 26.2: sips means TLS on every hop, so udp or tcp cannot carry it.
func sipsTransportConflict(transport: Transport?, uris: [AccountURI?]) -> String? {
    guard let transport, transport != .tls,
          let sips = uris.compactMap({ $0 }).first(where: { $0.scheme == .sips }) else { return nil }
    return "\(sips) is a sips: URI, which requires transport tls, got \(transport)"
}
