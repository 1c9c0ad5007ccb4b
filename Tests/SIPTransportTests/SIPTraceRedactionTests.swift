import Testing
@testable import SIPTransport

@Suite struct SIPTraceRedactionTests {
    static let digest = "Digest username=\"alice\", realm=\"example.test\", nonce=\"abc\", "
        + "uri=\"sip:example.test\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5"

    func redact(_ text: String) -> String {
        String(decoding: SIPTraceRedaction.redactingCredentials(in: Array(text.utf8)), as: UTF8.self)
    }

    func register(_ authorizationLines: String, body: String = "") -> String {
        "REGISTER sip:example.test SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK-1\r\n"
            + authorizationLines + "Call-ID: c1\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
    }

    @Test func digestResponseIsRedactedAndTheRestKept() {
        let out = redact(register("Authorization: \(Self.digest)\r\n"))
        #expect(!out.contains("6629fae4"))
        #expect(out == register("Authorization: " + Self.digest.replacingOccurrences(
            "\"6629fae49393a05397450978507c4ef1\"", "\"<redacted>\"") + "\r\n"))
    }

    @Test func proxyAuthorizationInAnyCaseAndFoldedLinesIsRedacted() {
        let folded = "proxy-authorization : Digest username=\"alice\",\r\n   response=\r\n \"ffff0000\",nonce=\"n\"\r\n"
        let out = redact(register(folded))
        #expect(!out.contains("ffff0000"))
        #expect(out.contains("response=\r\n \"<redacted>\",nonce=\"n\"\r\n"))
    }

    @Test func otherSchemesLoseTheWholeCredentials() {
        let out = redact(register("Authorization: Basic YWxpY2U6c2VjcmV0\r\n"))
        #expect(!out.contains("YWxpY2U6c2VjcmV0"))
        #expect(out.contains("Authorization: Basic <redacted>\r\nCall-ID: c1\r\n"))
    }

    @Test func unreadableDigestValuesAreRedactedWhole() {
        let out = redact(register("Authorization: Digest username=\"alice, response=\"secret\r\n"))
        #expect(!out.contains("secret"))
        #expect(out.contains("Authorization: Digest <redacted>\r\n"))
    }

    @Test func bodiesAndOtherHeadersAreUntouched() {
        let body = "Authorization: Digest response=\"in-body\"\r\n"
        let message = register("WWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n", body: body)
        #expect(redact(message) == message)
    }

    @Test func redactionIsByteExactElsewhere() {
        let message = register("Authorization: \(Self.digest)\r\nX-Note: response=\"kept\"\r\n", body: "ok")
        let out = redact(message)
        #expect(out.contains("X-Note: response=\"kept\"\r\n"))
        #expect(out.hasSuffix("\r\n\r\nok"))
    }
}

extension String {
    /// Foundation-free replace for the expected strings in these tests.
    func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
