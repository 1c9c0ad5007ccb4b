import SwitchboardTestKit
import Testing
import SIPAuth

/// Header values are network input: every malformation must come back as a
/// DigestParseError, never a trap or a half-parsed challenge.
@Suite struct MalformedChallengeTests {
    private func parse(_ value: String) throws(DigestParseError) -> DigestChallenge {
        try DigestChallenge(parsing: value)
    }

    @Test(arguments: ["", " ", "\t \r\n "])
    func emptyValue(value: String) {
        #expect(throws: DigestParseError.empty) { try parse(value) }
    }

    @Test(arguments: [#"realm="r", nonce="n""#, #"realm = "r", nonce="n""#, #"="x""#, #""Digest" realm="r""#, ", Digest"])
    func noScheme(value: String) {
        #expect(throws: DigestParseError.missingScheme) { try parse(value) }
    }

    @Test func otherSchemeIsReportedByName() {
        #expect(throws: DigestParseError.unsupportedScheme("Basic")) { try parse(#"Basic realm="r""#) }
    }

    @Test func unterminatedQuote() {
        #expect(throws: DigestParseError.unterminatedQuotedString(parameter: "nonce")) {
            try parse(#"Digest realm="r", nonce="abc"#)
        }
        #expect(throws: DigestParseError.unterminatedQuotedString(parameter: "nonce")) {
            try parse(#"Digest realm="r", nonce="abc\"#)
        }
    }

    @Test func missingRealm() {
        #expect(throws: DigestParseError.missingParameter("realm")) { try parse(#"Digest nonce="n""#) }
    }

    @Test func missingNonce() {
        #expect(throws: DigestParseError.missingParameter("nonce")) { try parse(#"Digest realm="r""#) }
    }

    @Test func schemeAlone() {
        #expect(throws: DigestParseError.missingParameter("realm")) { try parse("Digest") }
    }

    @Test(arguments: [(#"Digest realm=, nonce="n""#, "realm"), (#"Digest realm="r", nonce="n", stale"#, "stale"),
                      (#"Digest realm="r", nonce="#, "nonce"), (#"Digest realm="r", nonce = , stale=true"#, "nonce")])
    func missingValue(value: String, parameter: String) {
        #expect(throws: DigestParseError.missingValue(parameter: parameter)) { try parse(value) }
    }

    @Test(arguments: [#"Digest realm="a", nonce="n", realm="b""#, #"Digest realm="a", nonce="n", REALM="a""#])
    func duplicatedParameter(value: String) {
        // Two realms or two nonces are ambiguous, so neither is picked.
        #expect(throws: DigestParseError.duplicateParameter("realm")) { try parse(value) }
    }

    @Test func controlBytesAreRejectedWithTheirOffset() {
        #expect(throws: DigestParseError.unexpectedCharacter(byte: 0, offset: 15)) {
            try parse("Digest realm=\"a\u{0}b\", nonce=\"n\"")
        }
        #expect(throws: DigestParseError.unexpectedCharacter(byte: 0x0a, offset: 15)) {
            try parse("Digest realm=\"a\nb\", nonce=\"n\"") // a line break that is not a fold
        }
    }

    @Test(arguments: [
        "\u{1}\u{2}\u{3}", "Digest realm=\"r\" nonce=\"n\"", "Digest realm=\"r\";nonce=\"n\"",
        "Digest realm=\"r\", nonce=\"n\", Basic realm=\"x\"", "Digest realm=\"r\"x, nonce=\"n\"",
        "Digest realm=\"r\", (nonce)=\"n\"", "Digest\u{7f} realm=\"r\"", "Digest realm=\"r\", nonce=\"n\u{7f}\"",
        "Digest realm=é, nonce=\"n\"", "Digest realm=\"r\", nonce=\"n\\\r\n x\"",
    ])
    func garbageGivesAnError(value: String) {
        #expect(throws: DigestParseError.self) { try parse(value) }
    }

    @Test func hundredKilobyteValueIsRefusedUpFront() {
        let value = #"Digest realm="r", nonce=""# + String(repeating: "a", count: 100 * 1024) + "\""
        #expect(throws: DigestParseError.tooLong(byteCount: value.utf8.count, limit: 16 * 1024)) {
            try parse(value)
        }
        let unterminated = "Digest realm=\"" + String(repeating: "\\", count: 100 * 1024)
        #expect(throws: DigestParseError.self) { try parse(unterminated) }
    }

    @Test func longButReasonableNonceParses() throws {
        let nonce = String(repeating: "n", count: 8 * 1024)
        #expect(try parse(#"Digest realm="r", nonce=""# + nonce + "\"").nonce == nonce)
    }

    /// Every prefix of a valid challenge either parses or throws; none traps.
    @Test func everyTruncationIsHandled() {
        let full = Array(#"Digest realm="a\"b", qop="auth,auth-int", nonce="n", opaque="", stale=TRUE, algorithm=MD5"#.utf8)
        for length in 0...full.count {
            _ = try? parse(String(decoding: full.prefix(length), as: UTF8.self))
        }
    }

    /// Random bytes and random single-byte mutations of a valid challenge,
    /// from a fixed seed so a failure reproduces.
    @Test func randomBytesAndMutationsNeverTrap() throws {
        var random = SplitMix64(seed: 0x5EED)
        let valid = Array(#"Digest realm="r", qop="auth", nonce="n", opaque="o", algorithm=SHA-256"#.utf8)
        var parsedCount = 0
        for _ in 0..<3_000 {
            let noise = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? parse(String(decoding: noise, as: UTF8.self))
            var mutated = valid
            mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            if (try? parse(String(decoding: mutated, as: UTF8.self))) != nil { parsedCount += 1 }
        }
        // Sanity: the mutation loop really produced both outcomes.
        #expect(parsedCount > 0 && parsedCount < 3_000)
    }

    @Test func errorDescriptionsNameTheProblemAndEscapeControlCharacters() {
        #expect(String(describing: DigestParseError.missingParameter("nonce")) == #"required parameter "nonce" is missing"#)
        #expect(String(describing: DigestParseError.unexpectedCharacter(byte: 0, offset: 3)) == "unexpected character 0x00 at offset 3")
        let forged = String(describing: DigestParseError.unsupportedScheme("X\r\nVia: forged"))
        #expect(!forged.contains("\r") && !forged.contains("\n"))
    }
}
