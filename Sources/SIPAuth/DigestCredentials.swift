// A username and password. The password must never reach a log line, so
// every way Swift can print a value (description, debugDescription, dump /
// Mirror) is overridden to leave it out.

/// What the user typed into the account settings.
public struct DigestCredentials: Equatable, Sendable {
    public var username: String
    public var password: String
    /// The realm these are for; nil means "any realm without its own credentials".
    public var realm: String?

    public init(username: String, password: String, realm: String? = nil) {
        self.username = username
        self.password = password
        self.realm = realm
    }
}

extension DigestCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "DigestCredentials(username: \(username.debugDescription), realm: "
            + (realm?.debugDescription ?? "any") + ", password: <redacted>)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["username": username, "realm": realm as Any, "password": "<redacted>"])
    }
}
