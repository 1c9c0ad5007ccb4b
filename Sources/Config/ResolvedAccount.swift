// An account with every setting decided: what the SIP layers actually use.

public struct ResolvedAccount: Sendable, Equatable {
    /// The config-file account name, or nil when built from command line and environment alone.
    public let name: String?
    public let aor: AccountURI
    /// Authentication user (defaults to the AOR's user).
    public let user: String
    /// nil when no password source exists; some servers need none.
    /// Never printed: see `description` and `customMirror`.
    public let password: String?
    public let passwordSource: PasswordSource?
    public let displayName: String?
    /// Where REGISTER goes (defaults to the AOR's domain, RFC 3261 section 10.2.6).
    public let registrar: AccountURI
    /// Outbound proxy, if any.
    public let proxy: AccountURI?
    /// Defaults to tls for sips: URIs, else udp.
    public let transport: Transport
    public let tlsCAFile: String?
    /// false only by explicit opt-out (`tls_verify = false` or tlsInsecure); the UI must flag it.
    public let tlsVerify: Bool
    /// Registration interval in seconds.
    public let expires: Int
    /// The XCAP root for presence rules (RFC 4825): `xcap_root`, or by default
    /// `http://HOST/xcap-root` with the registrar's host (see docs/config.md).
    public let xcapRoot: String
}

extension ResolvedAccount: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var details = ["user \(user)", "registrar \(registrar)"]
        if let proxy { details.append("proxy \(proxy)") }
        details.append("transport \(transport)")
        if transport == .tls, let tlsCAFile { details.append("CA file \(tlsCAFile)") }
        if !tlsVerify { details.append("TLS CERTIFICATE VERIFICATION DISABLED") }
        details.append("expires \(expires)s")
        details.append(passwordSource.map { "password from \($0)" } ?? "no password")
        let label = name.map { "\($0): " } ?? ""
        let who = displayName.map { "\($0) <\(aor)>" } ?? "\(aor)"
        return "\(label)\(who) (\(details.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    /// `dump()` and debuggers walk the mirror, not `description`; keep the password out of it.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "name": name as Any, "aor": aor, "user": user, "password": password == nil ? "nil" : "<hidden>",
            "passwordSource": passwordSource as Any, "displayName": displayName as Any, "registrar": registrar,
            "proxy": proxy as Any, "transport": transport, "tlsCAFile": tlsCAFile as Any,
            "tlsVerify": tlsVerify, "expires": expires, "xcapRoot": xcapRoot,
        ], displayStyle: .struct)
    }
}
