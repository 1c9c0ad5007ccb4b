// qop values (RFC 7616 §3.3). "auth-conf" and other extensions are ignored
// when offered alongside these, and make a challenge unusable when alone.

/// A `qop` value this module can answer.
public enum DigestQualityOfProtection: String, CaseIterable, Sendable {
    /// Authenticates method and URI.
    case auth = "auth"
    /// Also authenticates the message body (HA2 includes H(body)).
    case authInt = "auth-int"

    /// Parses one qop token, ignoring case.
    public init?(token: String) {
        switch token.lowercased() {
        case "auth": self = .auth
        case "auth-int": self = .authInt
        default: return nil
        }
    }

    /// The spelling to send back in `qop=`.
    public var token: String { rawValue }
}
