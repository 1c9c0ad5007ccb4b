// A Digest challenge from one WWW-Authenticate or Proxy-Authenticate header
// value (RFC 3261 §22.4, §25.1 "digest-cln"; RFC 7616 §3.3; RFC 8760).
// SIP carries one challenge per header field, so one value is one challenge;
// several challenges arrive as several header fields (see ChallengeSelection).

/// A parsed Digest challenge.
public struct DigestChallenge: Equatable, Sendable {
    /// Names the protection space; credentials are chosen by it.
    public var realm: String
    /// Server nonce, echoed in the answer and hashed into the response.
    public var nonce: String
    /// Echoed unchanged when present, even when empty (RFC 3665 sends opaque="").
    public var opaque: String?
    /// The previous answer's nonce expired but the credentials were right: retry.
    public var stale: Bool
    /// MD5 when the challenge names none (RFC 7616 §3.3).
    public var algorithm: DigestAlgorithm
    /// The offered qop values this module supports, in the server's order.
    /// Empty means the challenge had no qop: answer the RFC 2069 way.
    public var qopOptions: [DigestQualityOfProtection]
    /// The protection space URIs, space-separated in the header.
    public var domain: [String]
    /// The server wants H(username ":" realm) instead of the username (RFC 7616 §3.4.4).
    public var userhash: Bool
    /// "UTF-8" is the only value RFC 7616 defines; kept for callers that care.
    public var charset: String?

    public init(realm: String, nonce: String, opaque: String? = nil, stale: Bool = false,
                algorithm: DigestAlgorithm = .md5, qopOptions: [DigestQualityOfProtection] = [],
                domain: [String] = [], userhash: Bool = false, charset: String? = nil) {
        self.realm = realm
        self.nonce = nonce
        self.opaque = opaque
        self.stale = stale
        self.algorithm = algorithm
        self.qopOptions = qopOptions
        self.domain = domain
        self.userhash = userhash
        self.charset = charset
    }

    /// Parses a WWW-Authenticate or Proxy-Authenticate header value (without
    /// the header name), e.g. `Digest realm="atlanta.example.com", nonce="…"`.
    public init(parsing headerValue: String) throws(DigestParseError) {
        let fields = try AuthParamLexer.lex(headerValue)
        guard fields.scheme.lowercased() == "digest" else {
            throw .unsupportedScheme(fields.scheme)
        }
        guard let realm = fields.value(of: "realm") else { throw .missingParameter("realm") }
        guard let nonce = fields.value(of: "nonce") else { throw .missingParameter("nonce") }

        var algorithm = DigestAlgorithm.md5
        if let token = fields.value(of: "algorithm") {
            guard let known = DigestAlgorithm(token: token) else { throw .unsupportedAlgorithm(token) }
            algorithm = known
        }

        var qopOptions: [DigestQualityOfProtection] = []
        if let qopList = fields.value(of: "qop") {
            for token in Self.splitList(qopList, separators: [","]) {
                if let qop = DigestQualityOfProtection(token: token), !qopOptions.contains(qop) {
                    qopOptions.append(qop)
                }
            }
            // A qop list, even one with only unknown values, means the server
            // will not accept an RFC 2069 answer.
            guard !qopOptions.isEmpty else { throw .unsupportedQualityOfProtection(qopList) }
        }

        self.init(realm: realm, nonce: nonce, opaque: fields.value(of: "opaque"),
                  stale: Self.isTrue(fields.value(of: "stale")),
                  algorithm: algorithm, qopOptions: qopOptions,
                  domain: Self.splitList(fields.value(of: "domain") ?? "", separators: [" ", "\t"]),
                  userhash: Self.isTrue(fields.value(of: "userhash")),
                  charset: fields.value(of: "charset"))
    }

    /// RFC 7616: "true" case-insensitively; anything else, or absence, is false
    /// (RFC 2617 §3.2.1 says to assume FALSE for any other stale value).
    private static func isTrue(_ value: String?) -> Bool {
        value?.lowercased() == "true"
    }

    private static func splitList(_ list: String, separators: Set<Character>) -> [String] {
        list.split(whereSeparator: { separators.contains($0) })
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty }
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
