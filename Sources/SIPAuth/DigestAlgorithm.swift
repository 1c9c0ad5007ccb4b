import Crypto

// The digest algorithms of the IANA "HTTP Digest Hash Algorithms" registry
// that RFC 8760 allows for SIP. Anything else in a challenge is reported as
// unsupported rather than guessed at.

/// A digest `algorithm` value: which hash, and whether it is a "-sess" variant.
public enum DigestAlgorithm: String, CaseIterable, Sendable {
    case md5 = "MD5"
    case md5Session = "MD5-sess"
    case sha256 = "SHA-256"
    case sha256Session = "SHA-256-sess"
    case sha512_256 = "SHA-512-256"
    case sha512_256Session = "SHA-512-256-sess"

    /// Parses an `algorithm` value, ignoring case (servers send "md5").
    public init?(token: String) {
        let lowered = token.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else {
            return nil
        }
        self = match
    }

    /// The spelling to send back in `algorithm=`.
    public var token: String { rawValue }

    /// "-sess" variants fold the nonce and cnonce into HA1 (RFC 7616 §3.4.2).
    public var isSessionVariant: Bool {
        switch self {
        case .md5Session, .sha256Session, .sha512_256Session: return true
        case .md5, .sha256, .sha512_256: return false
        }
    }

    /// Preference when a server offers several: SHA-512-256 > SHA-256 > MD5,
    /// strongest hash first. A "-sess" variant ranks with its hash; ties are
    /// broken by the server's order (see `DigestChallenge.best(among:)`).
    public var strength: Int {
        switch self {
        case .md5, .md5Session: return 1
        case .sha256, .sha256Session: return 2
        case .sha512_256, .sha512_256Session: return 3
        }
    }

    /// H(data) as lower-case hex (RFC 7616 §3.4.1).
    func hexDigest(_ data: [UInt8]) -> String {
        switch self {
        case .md5, .md5Session:
            return Insecure.MD5.hash(data: data).lowercaseHex
        case .sha256, .sha256Session:
            return SHA256.hash(data: data).lowercaseHex
        case .sha512_256, .sha512_256Session:
            return SHA512_256.hash(data).lowercaseHex
        }
    }

    /// H of the UTF-8 bytes of `text`.
    func hexDigest(_ text: String) -> String { hexDigest(Array(text.utf8)) }
}
