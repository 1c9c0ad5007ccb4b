// The fields of an Authorization / Proxy-Authorization value (RFC 3261
// §25.1 "digest-response", RFC 7616 §3.4). A UAC only writes these, but
// reading them lets tests check what was written, lets traces show the
// fields, and is what a UAS or proxy would need.

/// A parsed Digest Authorization or Proxy-Authorization header value.
public struct DigestAuthorizationFields: Equatable, Sendable {
    public var username: String
    public var realm: String
    public var nonce: String
    public var uri: String
    public var response: String
    /// As written; nil when absent (which means MD5).
    public var algorithm: String?
    public var cnonce: String?
    public var opaque: String?
    /// As written. RFC 3261 wants it unquoted but RFC 3665 examples quote it;
    /// both parse.
    public var qop: String?
    public var nonceCount: UInt32?
    public var userhash: Bool

    /// Parses a header value such as `Digest username="bob", realm="…", …`.
    /// Requires the five fields every digest answer has; nc must be 8 hex digits.
    public init(parsing headerValue: String) throws(DigestParseError) {
        let fields = try AuthParamLexer.lex(headerValue)
        guard fields.scheme.lowercased() == "digest" else {
            throw .unsupportedScheme(fields.scheme)
        }
        func required(_ name: String) throws(DigestParseError) -> String {
            guard let value = fields.value(of: name) else { throw .missingParameter(name) }
            return value
        }
        username = try required("username")
        realm = try required("realm")
        nonce = try required("nonce")
        uri = try required("uri")
        response = try required("response")
        algorithm = fields.value(of: "algorithm")
        cnonce = fields.value(of: "cnonce")
        opaque = fields.value(of: "opaque")
        qop = fields.value(of: "qop")
        userhash = fields.value(of: "userhash")?.lowercased() == "true"
        if let nc = fields.value(of: "nc") {
            guard let count = NonceCount.parse(nc) else {
                throw .invalidValue(parameter: "nc", value: nc)
            }
            nonceCount = count
        } else {
            nonceCount = nil
        }
    }
}

/// nc-value = 8LHEX (RFC 3261 §25.1): the count of requests sent with one nonce.
enum NonceCount {
    /// Eight lower-case hex digits, zero-padded: 1 → "00000001".
    static func format(_ count: UInt32) -> String {
        let digits = String(count, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Exactly eight hex digits (either case, as peers vary).
    static func parse(_ text: String) -> UInt32? {
        guard text.utf8.count == 8,
              text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                  || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) }) else { return nil }
        return UInt32(text, radix: 16)
    }
}
