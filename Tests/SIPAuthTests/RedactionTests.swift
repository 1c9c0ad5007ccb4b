import Testing
import SIPAuth

@Suite struct RedactionTests {
    @Test func responseIsReplacedAndEverythingElseKept() {
        let value = #"Digest username="bob", realm="r", nonce="n", uri="sip:r", response="0123abcd", algorithm=MD5"#
        #expect(DigestRedaction.redactingResponse(inHeaderValue: value)
            == #"Digest username="bob", realm="r", nonce="n", uri="sip:r", response="<redacted>", algorithm=MD5"#)
    }

    @Test func unquotedAndOddlySpacedResponseIsReplaced() {
        let value = "Digest username=\"bob\", RESPONSE =\t0123abcd ,realm=\"r\""
        #expect(DigestRedaction.redactingResponse(inHeaderValue: value)
            == "Digest username=\"bob\", RESPONSE =\t\"<redacted>\" ,realm=\"r\"")
    }

    @Test func responseLookalikeInsideAQuotedValueIsNotTouched() {
        let value = #"Digest realm="response=\"x\"", response="secret-hash""#
        let redacted = DigestRedaction.redactingResponse(inHeaderValue: value)
        #expect(redacted == #"Digest realm="response=\"x\"", response="<redacted>""#)
    }

    @Test func unparseableValueKeepsOnlySchemeAndSurroundingWhitespace() {
        let value = " Digest username=\"bob\", response=\"0123abcd\r"  // unterminated
        #expect(DigestRedaction.redactingResponse(inHeaderValue: value)
            == " Digest <unparseable credentials redacted>\r")
    }

    @Test func authorizationRedactsItselfWhenPrinted() throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="r", nonce="n", qop="auth""#)
        let answer = try DigestAuthorization.answering(
            challenge, kind: .proxy, credentials: DigestCredentials(username: "bob", password: "pw"),
            request: DigestRequest(method: "INVITE", requestURI: "sip:alice@r"), cnonce: "c")
        let response = try DigestAuthorizationFields(parsing: answer.headerValue).response
        #expect(answer.headerValue.contains(response))
        #expect(!answer.redacted().contains(response))
        #expect(answer.redacted().contains(#"response="<redacted>""#))
        var dumped = ""
        dump(answer, to: &dumped)
        for printed in [String(describing: answer), String(reflecting: answer), "\(answer)", dumped] {
            #expect(!printed.contains(response), "\(printed)")
        }
        #expect(String(describing: answer).hasPrefix("Proxy-Authorization: Digest "))
    }

    @Test func wholeMessageWithFoldedHeadersFromRFC3665() {
        // RFC 3665 §3.3 F11 (shortened): two Proxy-Authorization headers, folded.
        let message = """
            INVITE sip:bob@biloxi.example.com SIP/2.0\r
            Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\r
            Proxy-Authorization: Digest username="alice",\r
             realm="atlanta.example.com",\r
             nonce="wf84f1ceczx41ae6cbe5aea9c8e88d359", opaque="",\r
             uri="sip:bob@biloxi.example.com",\r
             response="42ce3cef44b22f50c6a6071bc8"\r
            proxy-authorization: Digest username="alice",\r
             realm="biloxi.example.com",\r
             nonce="c1e22c41ae6cbe5ae983a9c8e88d359", opaque="",\r
             uri="sip:bob@biloxi.example.com", response="f44ab22f150c6a56071bce8"\r
            Content-Length: 30\r
            \r
            response="body-is-not-a-header"
            """
        let redacted = DigestRedaction.redactingCredentials(inMessage: message)
        #expect(!redacted.contains("42ce3cef44b22f50c6a6071bc8"))
        #expect(!redacted.contains("f44ab22f150c6a56071bce8"))
        #expect(redacted.contains(#" response="<redacted>""# + "\r\nproxy-authorization:"))
        #expect(redacted.contains(#"uri="sip:bob@biloxi.example.com", response="<redacted>""# + "\r\nContent-Length"))
        #expect(redacted.hasSuffix("\r\n\r\n" + #"response="body-is-not-a-header""#))
        // Same number of lines: folds are kept.
        #expect(redacted.split(separator: "\n", omittingEmptySubsequences: false).count
            == message.split(separator: "\n", omittingEmptySubsequences: false).count)
    }
}
