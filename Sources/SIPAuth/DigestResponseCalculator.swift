// The digest arithmetic of RFC 7616 §3.4.1-§3.4.3 (RFC 2617 §3.2.2.1-3 for
// MD5), kept apart from header formatting so each can be read on its own.
// HA1 is derived from the password: it lives only inside these functions and
// is never stored or printed.

/// The inputs of one response computation.
struct DigestResponseInputs {
    var algorithm: DigestAlgorithm
    var username: String
    var realm: String
    var password: String
    var nonce: String
    /// Nil only for an RFC 2069 answer (no qop, not -sess).
    var cnonce: String?
    /// nil means no qop: the RFC 2069 response, without nc and cnonce.
    var qop: DigestQualityOfProtection?
    /// Already formatted as 8 hex digits.
    var nonceCount: String
    var method: String
    var uri: String
    var body: [UInt8]
}

enum DigestResponseCalculator {
    /// response = KD(HA1, nonce:nc:cnonce:qop:HA2) with qop, or
    /// KD(HA1, nonce:HA2) without (RFC 2069), where KD(s, d) = H(s:d).
    static func response(_ inputs: DigestResponseInputs) -> String {
        let h = inputs.algorithm.hexDigest as (String) -> String
        let ha1 = ha1(inputs)
        let ha2 = ha2(inputs)
        guard let qop = inputs.qop else {
            return h([ha1, inputs.nonce, ha2].joined(separator: ":"))
        }
        return h([ha1, inputs.nonce, inputs.nonceCount, inputs.cnonce ?? "", qop.token, ha2]
            .joined(separator: ":"))
    }

    /// A1 = username:realm:password, and for -sess
    /// A1 = H(username:realm:password):nonce:cnonce (RFC 7616 §3.4.2).
    private static func ha1(_ inputs: DigestResponseInputs) -> String {
        let h = inputs.algorithm.hexDigest as (String) -> String
        let secret = h([inputs.username, inputs.realm, inputs.password].joined(separator: ":"))
        guard inputs.algorithm.isSessionVariant else { return secret }
        return h([secret, inputs.nonce, inputs.cnonce ?? ""].joined(separator: ":"))
    }

    /// A2 = method:uri, and for auth-int A2 = method:uri:H(body) (RFC 7616 §3.4.3).
    private static func ha2(_ inputs: DigestResponseInputs) -> String {
        var a2 = inputs.method + ":" + inputs.uri
        if inputs.qop == .authInt {
            a2 += ":" + inputs.algorithm.hexDigest(inputs.body)
        }
        return inputs.algorithm.hexDigest(a2)
    }
}
