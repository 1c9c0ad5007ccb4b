import Testing
import SIPAuth

/// Well-formed challenges, including the shapes real servers send that the
/// RFC 3261 ABNF does not strictly allow.
@Suite struct ChallengeParsingTests {
    @Test func parsesRFC7616Challenge() throws {
        let challenge = try DigestChallenge(parsing: """
            Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, \
            nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", \
            opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
            """)
        #expect(challenge == DigestChallenge(
            realm: "http-auth@example.org", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", stale: false,
            algorithm: .sha256, qopOptions: [.auth, .authInt]))
    }

    @Test func defaultsWhenOptionalParametersAreAbsent() throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="r", nonce="n""#)
        #expect(challenge.algorithm == .md5)
        #expect(challenge.qopOptions.isEmpty)
        #expect(challenge.opaque == nil)
        #expect(challenge.stale == false)
        #expect(challenge.domain.isEmpty)
        #expect(challenge.userhash == false)
        #expect(challenge.charset == nil)
    }

    @Test(arguments: ["Digest", "digest", "DIGEST", "DiGeSt"])
    func schemeIsCaseInsensitive(scheme: String) throws {
        let challenge = try DigestChallenge(parsing: scheme + #" realm="r", nonce="n""#)
        #expect(challenge.realm == "r")
    }

    @Test func parameterNamesAreCaseInsensitive() throws {
        let challenge = try DigestChallenge(parsing: #"Digest REALM="r", Nonce="n", ALGORITHM=sha-256"#)
        #expect(challenge.realm == "r")
        #expect(challenge.nonce == "n")
        #expect(challenge.algorithm == .sha256)
    }

    @Test(arguments: [("TRUE", true), ("true", true), ("True", true), ("\"true\"", true),
                      ("FALSE", false), ("false", false), ("yes", false), ("1", false)])
    func staleFlag(written: String, expected: Bool) throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="r", nonce="n", stale="# + written)
        #expect(challenge.stale == expected)
    }

    @Test(arguments: [
        ("MD5", DigestAlgorithm.md5), ("md5", .md5), ("MD5-sess", .md5Session), ("MD5-SESS", .md5Session),
        ("SHA-256", .sha256), ("sha-256", .sha256), ("SHA-256-sess", .sha256Session),
        ("SHA-512-256", .sha512_256), ("SHA-512-256-sess", .sha512_256Session), ("\"SHA-256\"", .sha256),
    ])
    func algorithms(written: String, expected: DigestAlgorithm) throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="r", nonce="n", algorithm="# + written)
        #expect(challenge.algorithm == expected)
    }

    @Test(arguments: ["SHA-1", "AKAv1-MD5", "SHA-512", "MD5sess", "x"])
    func unknownAlgorithmIsUnsupported(token: String) {
        #expect(throws: DigestParseError.unsupportedAlgorithm(token)) {
            try DigestChallenge(parsing: #"Digest realm="r", nonce="n", algorithm="# + token)
        }
    }

    @Test func qopListKeepsSupportedValuesInServerOrder() throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="r", nonce="n", qop=" auth-int ,auth-conf,AUTH,auth""#)
        #expect(challenge.qopOptions == [.authInt, .auth])
    }

    @Test func qopWithNothingSupportedIsAnError() {
        #expect(throws: DigestParseError.unsupportedQualityOfProtection("auth-conf")) {
            try DigestChallenge(parsing: #"Digest realm="r", nonce="n", qop="auth-conf""#)
        }
    }

    @Test func unquotedQopTokenIsAccepted() throws {
        let challenge = try DigestChallenge(parsing: "Digest realm=\"r\", nonce=\"n\", qop=auth")
        #expect(challenge.qopOptions == [.auth])
    }

    @Test func quotedStringEscapesAreUnescaped() throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="a\"b\\c\d", nonce="n""#)
        #expect(challenge.realm == #"a"b\cd"#)
    }

    @Test func commasAndEqualsInsideQuotesDoNotSplit() throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="a, nonce=evil, b", nonce="real""#)
        #expect(challenge.realm == "a, nonce=evil, b")
        #expect(challenge.nonce == "real")
    }

    @Test func whitespaceTabsAndFoldsAreLinearWhitespace() throws {
        let value = "Digest \t realm \t=\t \"r\"\r\n ,\r\n\tnonce =\"n\" ,  opaque= \"o\"  "
        let challenge = try DigestChallenge(parsing: value)
        #expect(challenge.realm == "r")
        #expect(challenge.nonce == "n")
        #expect(challenge.opaque == "o")
    }

    @Test func foldInsideQuotedStringKeepsTheWhitespace() throws {
        let challenge = try DigestChallenge(parsing: "Digest realm=\"two\r\n words\", nonce=\"n\"")
        #expect(challenge.realm == "two words")
    }

    @Test func unquotedRealmAndBase64NonceAreAccepted() throws {
        // RFC 7235 §2.2: recipients accept token or quoted-string; servers send base64 bare.
        let challenge = try DigestChallenge(parsing: "Digest realm=example.com, nonce=ab/cd+ef==")
        #expect(challenge.realm == "example.com")
        #expect(challenge.nonce == "ab/cd+ef==")
    }

    @Test func emptyListElementsAreIgnored() throws {
        let challenge = try DigestChallenge(parsing: #"Digest ,, realm="r",,, nonce="n", ,"#)
        #expect(challenge.realm == "r")
        #expect(challenge.nonce == "n")
    }

    @Test func emptyOpaqueIsKeptAsEmpty() throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="r", nonce="n", opaque="""#)
        #expect(challenge.opaque == "")
    }

    @Test func domainUserhashCharsetAndUnknownParameters() throws {
        let challenge = try DigestChallenge(parsing: """
            Digest realm="r", nonce="n", domain="sip:a.example.com  sip:b.example.com", \
            userhash=TRUE, charset=UTF-8, x-vendor="ignored", future=token
            """)
        #expect(challenge.domain == ["sip:a.example.com", "sip:b.example.com"])
        #expect(challenge.userhash)
        #expect(challenge.charset == "UTF-8")
    }

    @Test func nonASCIIInsideQuotesIsKept() throws {
        let challenge = try DigestChallenge(parsing: #"Digest realm="Jäsøn's realm", nonce="n""#)
        #expect(challenge.realm == "Jäsøn's realm")
    }
}
