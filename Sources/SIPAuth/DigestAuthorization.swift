// One Authorization / Proxy-Authorization header to add to a request, and
// the rules for writing it (RFC 7616 §3.4, RFC 3261 §25.1 digest-response):
// username, realm, nonce, uri, response, cnonce and opaque are
// quoted-strings; algorithm, qop and nc are bare tokens.

/// A computed answer to a Digest challenge: header name and value, plus what
/// the authenticator needs to judge the server's reaction to it.
public struct DigestAuthorization: Equatable, Sendable {
    /// How this answer came about. Decides what a following challenge means.
    public enum Origin: Equatable, Sendable {
        /// Answers a challenge. `staleRetries` counts consecutive stale=true
        /// challenges before it.
        case challengeResponse(staleRetries: Int)
        /// Reuses a cached nonce for a new request, before any challenge.
        case reusedNonce
    }

    public let kind: DigestChallengeKind
    public let realm: String
    public let nonce: String
    /// The nc sent (1 for the first use of a nonce); not sent without qop.
    public let nonceCount: UInt32
    public let origin: Origin
    /// "Authorization" or "Proxy-Authorization".
    public var headerName: String { kind.authorizationHeaderName }
    /// The header value, starting with "Digest ".
    public let headerValue: String

    /// Answers `challenge` for `request` with a given nc and cnonce. This is
    /// the pure computation; `DigestAuthenticator` adds nonce counting, random
    /// cnonces and the retry rules.
    public static func answering(
        _ challenge: DigestChallenge, kind: DigestChallengeKind, credentials: DigestCredentials,
        request: DigestRequest, nonceCount: UInt32 = 1, cnonce: String
    ) throws(DigestAuthenticationError) -> DigestAuthorization {
        try answering(challenge, kind: kind, credentials: credentials, request: request,
                      nonceCount: nonceCount, cnonce: cnonce, origin: .challengeResponse(staleRetries: 0))
    }

    static func answering(
        _ challenge: DigestChallenge, kind: DigestChallengeKind, credentials: DigestCredentials,
        request: DigestRequest, nonceCount: UInt32, cnonce: String, origin: Origin
    ) throws(DigestAuthenticationError) -> DigestAuthorization {
        for (field, text) in [("username", credentials.username), ("request URI", request.requestURI),
                              ("method", request.method), ("cnonce", cnonce)]
        where text.unicodeScalars.contains(where: Self.isControl) {
            throw .invalidCharacters(field: field)
        }

        // RFC 7616 §3.4: with a qop list, pick one; auth when offered, since
        // auth-int breaks as soon as anything on the path touches the body.
        let qop: DigestQualityOfProtection? = challenge.qopOptions.contains(.auth)
            ? .auth : challenge.qopOptions.first
        // A cnonce goes with qop, and -sess needs one for HA1 even without qop.
        let usesCnonce = qop != nil || challenge.algorithm.isSessionVariant
        let formattedCount = NonceCount.format(nonceCount)
        let response = DigestResponseCalculator.response(DigestResponseInputs(
            algorithm: challenge.algorithm, username: credentials.username, realm: challenge.realm,
            password: credentials.password, nonce: challenge.nonce, cnonce: usesCnonce ? cnonce : nil,
            qop: qop, nonceCount: formattedCount, method: request.method, uri: request.requestURI,
            body: request.body))

        // RFC 7616 §3.4.4: with userhash the username goes out as H(username:realm).
        let username = challenge.userhash
            ? challenge.algorithm.hexDigest(credentials.username + ":" + challenge.realm)
            : credentials.username

        var params = [
            "username=" + quoted(username), "realm=" + quoted(challenge.realm),
            "nonce=" + quoted(challenge.nonce), "uri=" + quoted(request.requestURI),
            "response=" + quoted(response), "algorithm=" + challenge.algorithm.token,
        ]
        if usesCnonce { params.append("cnonce=" + quoted(cnonce)) }
        if let opaque = challenge.opaque { params.append("opaque=" + quoted(opaque)) }
        if let qop { params.append("qop=" + qop.token) }
        if qop != nil { params.append("nc=" + formattedCount) }
        if challenge.userhash { params.append("userhash=true") }

        return DigestAuthorization(kind: kind, realm: challenge.realm, nonce: challenge.nonce,
                                   nonceCount: nonceCount, origin: origin,
                                   headerValue: "Digest " + params.joined(separator: ", "))
    }

    /// The header value with the response hash replaced, for SIP traces.
    public func redacted() -> String {
        DigestRedaction.redactingResponse(inHeaderValue: headerValue)
    }

    /// quoted-string with `"` and `\` escaped (RFC 3261 §25.1 quoted-pair).
    static func quoted(_ text: String) -> String {
        var escaped = "\""
        for character in text {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "\""
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7f
    }
}

extension DigestAuthorization: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// "Proxy-Authorization: Digest …, response="<redacted>", …"
    public var description: String { headerName + ": " + redacted() }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "realm": realm, "nonce": nonce, "nonceCount": nonceCount,
                                "origin": origin, "headerValue": redacted()])
    }
}
