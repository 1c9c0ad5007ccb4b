import Testing
import SIPAuth

/// The challenges and answers in the RFC 3665 call flows, parsed as found.
@Suite struct RFC3665ParsingTests {
    @Test(arguments: RFC3665Examples.challenges)
    func challengeParses(example: RFC3665Examples.Example) throws {
        let challenge = try DigestChallenge(parsing: example.value)
        #expect(["atlanta.example.com", "biloxi.example.com"].contains(challenge.realm))
        #expect(!challenge.nonce.isEmpty)
        #expect(challenge.opaque == "")
        #expect(challenge.stale == false)  // written stale=FALSE
        #expect(challenge.algorithm == .md5)
        #expect(challenge.qopOptions == [.auth])
    }

    @Test func registrationChallengeFieldByField() throws {
        let example = try #require(RFC3665Examples.challenges.first { $0.source == "2.01 F02.sip" })
        #expect(try DigestChallenge(parsing: example.value) == DigestChallenge(
            realm: "atlanta.example.com", nonce: "ea9c8e88df84f1cec4341ae6cbe5a359", opaque: "",
            stale: false, algorithm: .md5, qopOptions: [.auth]))
    }

    @Test(arguments: RFC3665Examples.authorizations)
    func authorizationParses(example: RFC3665Examples.Example) throws {
        let fields = try DigestAuthorizationFields(parsing: example.value)
        #expect(["bob", "alice"].contains(fields.username))
        #expect(["atlanta.example.com", "biloxi.example.com"].contains(fields.realm))
        #expect(fields.uri.hasPrefix("sip:") || fields.uri.hasPrefix("sips:"))
        #expect(!fields.nonce.isEmpty && !fields.response.isEmpty)
        #expect(fields.opaque == "")
        #expect(fields.nonceCount == nil && fields.cnonce == nil)  // RFC 2069-style answers
    }

    @Test func registrationAnswerFieldByField() throws {
        let example = try #require(RFC3665Examples.authorizations.first { $0.source == "2.01 F03.sip" })
        let fields = try DigestAuthorizationFields(parsing: example.value)
        #expect(fields.username == "bob")
        #expect(fields.realm == "atlanta.example.com")
        #expect(fields.nonce == "ea9c8e88df84f1cec4341ae6cbe5a359")
        #expect(fields.uri == "sips:ss2.biloxi.example.com")
        // 31 hex digits in the RFC (a typo there); parsing does not judge it.
        #expect(fields.response == "dfe56131d1958046689d83306477ecc")
        #expect(fields.algorithm == nil && fields.qop == nil)
    }

    @Test func quotedQopInRefreshIsRead() throws {
        let example = try #require(RFC3665Examples.authorizations.first { $0.source == "2.02 F01.sip" })
        #expect(try DigestAuthorizationFields(parsing: example.value).qop == "auth")
    }

    @Test func bothProxyAnswersInOneInviteParse() throws {
        let answers = RFC3665Examples.authorizations.filter { $0.source == "3.03 F11.sip" }
        let realms = try answers.map { try DigestAuthorizationFields(parsing: $0.value).realm }
        #expect(realms == ["atlanta.example.com", "biloxi.example.com"])
    }
}
