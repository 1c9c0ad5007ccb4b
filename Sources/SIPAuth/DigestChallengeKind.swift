// 401 and 407 challenges differ only in header names (RFC 3261 §22.2, §22.3).
// A forking proxy may merge both kinds into one response (§16.7 step 6), so
// the kind follows the header a challenge came from, not the status code.

/// Who challenged: the server itself (401) or a proxy on the way (407).
public enum DigestChallengeKind: Hashable, Sendable {
    /// 401 Unauthorized: WWW-Authenticate, answered with Authorization.
    case server
    /// 407 Proxy Authentication Required: Proxy-Authenticate, answered with Proxy-Authorization.
    case proxy

    /// 401 → server, 407 → proxy, anything else → nil.
    public init?(statusCode: Int) {
        switch statusCode {
        case 401: self = .server
        case 407: self = .proxy
        default: return nil
        }
    }

    /// The header a challenge of this kind arrives in.
    public var challengeHeaderName: String {
        switch self {
        case .server: return "WWW-Authenticate"
        case .proxy: return "Proxy-Authenticate"
        }
    }

    /// The header that answers it.
    public var authorizationHeaderName: String {
        switch self {
        case .server: return "Authorization"
        case .proxy: return "Proxy-Authorization"
        }
    }
}
