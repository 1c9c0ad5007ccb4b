// Credentials by realm, with one fallback. Realms are compared exactly: RFC
// 7616 treats the realm as an opaque string, and a near-miss match could send
// one server's credentials (well, a hash of them) to another.

/// The credentials an account can answer challenges with.
public struct DigestCredentialStore: Equatable, Sendable {
    private var byRealm: [String: DigestCredentials] = [:]
    /// Used for any realm that has no credentials of its own.
    public private(set) var defaultCredentials: DigestCredentials?

    /// Credentials with a realm serve that realm; one without a realm is the
    /// default. Later entries replace earlier ones for the same realm.
    public init(_ credentials: [DigestCredentials] = []) {
        for entry in credentials { add(entry) }
    }

    /// Adds or replaces the credentials for `credentials.realm` (or the default).
    public mutating func add(_ credentials: DigestCredentials) {
        if let realm = credentials.realm {
            byRealm[realm] = credentials
        } else {
            defaultCredentials = credentials
        }
    }

    /// Removes the credentials for `realm`, or the default when `realm` is nil.
    public mutating func remove(realm: String?) {
        if let realm { byRealm[realm] = nil } else { defaultCredentials = nil }
    }

    /// The realm's own credentials, else the default, else nil.
    public func credentials(forRealm realm: String) -> DigestCredentials? {
        byRealm[realm] ?? defaultCredentials
    }

    /// Realms with their own credentials, sorted (for settings screens and tests).
    public var realms: [String] { byRealm.keys.sorted() }
}

extension DigestCredentialStore: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var entries = realms.compactMap { byRealm[$0] }.map(\.description)
        if let defaultCredentials { entries.append(defaultCredentials.description) }
        return "DigestCredentialStore([" + entries.joined(separator: ", ") + "])"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["realms": realms, "hasDefault": defaultCredentials != nil])
    }
}
