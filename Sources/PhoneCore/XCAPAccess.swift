import Config
import SIPAuth
import XCAP

/// An account's XCAP server: its root, the user's XUI and a client with the
/// account's credentials. `watcher allow|block` and the resource-list upload
/// both start from here.
public struct XCAPAccess: Sendable {
    public let root: XCAPRoot
    /// The XUI: the AOR without port or parameters (RFC 4825 §4, RFC 5025 §9.4).
    public let xui: String
    public let client: XCAPClient

    /// `root` overrides the account's `xcap_root`. Throws `.invalidRoot`
    /// for a root that is not usable or an AOR without a user.
    public init(account: ResolvedAccount, root override: String? = nil) throws(XCAPError) {
        root = try XCAPRoot(parsing: override ?? account.xcapRoot)
        guard let user = account.aor.user else {
            throw .invalidRoot(account.aor.description, "the account's AOR has no user")
        }
        xui = "sip:\(user)@\(account.aor.host)"
        client = XCAPClient(root: root, credentials: account.password.map {
            DigestCredentials(username: account.user, password: $0)
        })
    }
}

extension PhoneCore {
    /// The account the instance runs as `id`, as it was resolved.
    public func resolvedAccount(_ id: String) -> ResolvedAccount? { routes[id]?.account }
}
