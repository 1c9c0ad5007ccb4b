// Why a challenge was not answered. `credentialsRejected` is the one a UI
// shows as "wrong username or password"; the others are configuration or
// server problems.

/// A challenge the authenticator will not (or cannot) answer.
public enum DigestAuthenticationError: Error, Equatable, Sendable {
    /// No header value was a Digest challenge this module supports; the
    /// reasons, one per header value, in order.
    case noUsableChallenge([DigestParseError])
    /// The store has neither credentials for this realm nor a default.
    case noCredentials(realm: String)
    /// The server challenged again, not stale, after we answered its
    /// challenge: the username or password is wrong. Stop; do not resend.
    case credentialsRejected(realm: String)
    /// The server kept saying stale=true; it would loop forever otherwise.
    case tooManyStaleChallenges(realm: String)
    /// A value we would have to write into the header contains control
    /// characters, which would let it forge header lines.
    case invalidCharacters(field: String)
}

extension DigestAuthenticationError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .noUsableChallenge(reasons):
            let listed = reasons.map(\.description).joined(separator: "; ")
            return "no usable Digest challenge" + (listed.isEmpty ? "" : " (\(listed))")
        case let .noCredentials(realm):
            return "no credentials for realm \(DigestParseError.printable(realm))"
        case let .credentialsRejected(realm):
            return "credentials rejected for realm \(DigestParseError.printable(realm))"
        case let .tooManyStaleChallenges(realm):
            return "too many stale-nonce challenges for realm \(DigestParseError.printable(realm))"
        case let .invalidCharacters(field):
            return "\(field) contains control characters"
        }
    }
}
