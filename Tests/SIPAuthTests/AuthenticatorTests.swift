import SwitchboardTestKit
import Testing
import SIPAuth

/// Nonce counting, stale handling and the stop-or-retry decision.
@Suite struct AuthenticatorTests {
    static let realm = "atlanta.example.com"
    static let register = DigestRequest(method: "REGISTER", requestURI: "sips:ss2.biloxi.example.com")
    static let invite = DigestRequest(method: "INVITE", requestURI: "sip:bob@biloxi.example.com")

    static func challenge(realm: String = realm, nonce: String, stale: Bool = false,
                          algorithm: String = "MD5") -> String {
        #"Digest realm="\#(realm)", qop="auth", nonce="\#(nonce)", opaque="", stale=\#(stale ? "TRUE" : "FALSE"), algorithm=\#(algorithm)"#
    }

    static func authenticator(seed: UInt64 = 1, _ credentials: [DigestCredentials] = [
        DigestCredentials(username: "bob", password: "zanzibar"),
    ]) -> DigestAuthenticator {
        DigestAuthenticator(credentials: DigestCredentialStore(credentials), randomSource: SplitMix64(seed: seed))
    }

    private func fields(_ authorization: DigestAuthorization) throws -> DigestAuthorizationFields {
        try DigestAuthorizationFields(parsing: authorization.headerValue)
    }

    /// The next request's authorization for the test realm, which must exist.
    private func reuse(_ auth: inout DigestAuthenticator, for request: DigestRequest = register,
                       kind: DigestChallengeKind = .server) throws -> DigestAuthorization {
        let next = auth.authorizationForNextRequest(request, realm: Self.realm, kind: kind)
        return try #require(next)
    }

    // MARK: First answers

    @Test func answers401WithAuthorizationAnd407WithProxyAuthorization() throws {
        var auth = Self.authenticator()
        let www = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n1")], request: Self.register,
                                  challengedRequestCarried: [])
        #expect(www.map(\.headerName) == ["Authorization"])
        let proxy = try auth.answer(proxyAuthenticate: [Self.challenge(nonce: "n2")], request: Self.invite,
                                    challengedRequestCarried: [])
        #expect(proxy.map(\.headerName) == ["Proxy-Authorization"])
        #expect(DigestChallengeKind(statusCode: 401) == .server)
        #expect(DigestChallengeKind(statusCode: 407) == .proxy)
        #expect(DigestChallengeKind(statusCode: 403) == nil)
    }

    @Test func registrationAnswerHasEveryField() throws {
        // RFC 3665 §2.1 F02's challenge, answered for F03.
        var auth = Self.authenticator()
        let example = try #require(RFC3665Examples.challenges.first { $0.source == "2.01 F02.sip" })
        let answer = try #require(try auth.answer(wwwAuthenticate: [example.value], request: Self.register,
                                                  challengedRequestCarried: []).first)
        let sent = try fields(answer)
        #expect(sent.username == "bob" && sent.realm == Self.realm)
        #expect(sent.nonce == "ea9c8e88df84f1cec4341ae6cbe5a359")
        #expect(sent.uri == "sips:ss2.biloxi.example.com")
        #expect(sent.opaque == "" && sent.qop == "auth" && sent.nonceCount == 1 && sent.algorithm == "MD5")
        #expect(sent.response.count == 32)
        #expect(answer.origin == .challengeResponse(staleRetries: 0))
        // The response is what the pure computation gives for the same cnonce.
        let recomputed = try DigestAuthorization.answering(
            DigestChallenge(parsing: example.value), kind: .server,
            credentials: DigestCredentials(username: "bob", password: "zanzibar"),
            request: Self.register, nonceCount: 1, cnonce: try #require(sent.cnonce))
        #expect(recomputed.headerValue == answer.headerValue)
    }

    @Test func cnonceComesFromTheInjectedRandomSource() throws {
        func cnonce(seed: UInt64) throws -> String {
            var auth = Self.authenticator(seed: seed)
            let answer = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n")], request: Self.register,
                                         challengedRequestCarried: [])
            return try #require(try fields(answer[0]).cnonce)
        }
        #expect(try cnonce(seed: 7) == cnonce(seed: 7))
        #expect(try cnonce(seed: 7) != cnonce(seed: 8))
        let value = try cnonce(seed: 7)
        #expect(value.count == 32 && value.allSatisfy(\.isHexDigit))
    }

    // MARK: Nonce counts

    @Test func reusingTheNonceIncrementsNc() throws {
        var auth = Self.authenticator()
        let first = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n")], request: Self.register,
                                    challengedRequestCarried: [])
        #expect(first[0].nonceCount == 1)
        #expect(auth.nextNonceCount(realm: Self.realm, kind: .server) == 2)

        let second = try reuse(&auth)
        #expect(second.nonceCount == 2 && second.origin == .reusedNonce)
        #expect(second.headerValue.contains("nc=00000002"))
        #expect(try fields(second).nonce == "n")

        let third = auth.authorizationsForNextRequest(Self.invite)
        #expect(third.map(\.nonceCount) == [3])
        #expect(try fields(third[0]).uri == "sip:bob@biloxi.example.com")
    }

    @Test func reusedAnswerMatchesThePureComputation() throws {
        var auth = Self.authenticator()
        _ = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n", algorithm: "SHA-256")],
                            request: Self.register, challengedRequestCarried: [])
        let reused = try reuse(&auth, for: Self.invite)
        let expected = try DigestAuthorization.answering(
            DigestChallenge(parsing: Self.challenge(nonce: "n", algorithm: "SHA-256")), kind: .server,
            credentials: DigestCredentials(username: "bob", password: "zanzibar"), request: Self.invite,
            nonceCount: 2, cnonce: try #require(try fields(reused).cnonce))
        #expect(reused.headerValue == expected.headerValue)
    }

    @Test func ncIsEightLowerCaseHexDigits() throws {
        var auth = Self.authenticator()
        _ = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n")], request: Self.register,
                            challengedRequestCarried: [])
        var sent: [String: DigestAuthorization] = [:]
        for _ in 2...256 {
            let next = try reuse(&auth)
            sent[String(next.nonceCount)] = next
        }
        #expect(try #require(sent["10"]).headerValue.hasSuffix("nc=0000000a"))
        #expect(try #require(sent["255"]).headerValue.hasSuffix("nc=000000ff"))
        #expect(try #require(sent["256"]).headerValue.hasSuffix("nc=00000100"))
    }

    @Test func sameNonceChallengedAgainContinuesTheCount() throws {
        // Two requests sent without credentials, both challenged with one nonce.
        var auth = Self.authenticator()
        let a = try auth.answer(proxyAuthenticate: [Self.challenge(nonce: "n")], request: Self.invite,
                                challengedRequestCarried: [])
        let b = try auth.answer(proxyAuthenticate: [Self.challenge(nonce: "n")], request: Self.invite,
                                challengedRequestCarried: [])
        #expect(a[0].nonceCount == 1 && b[0].nonceCount == 2)
    }

    @Test func newNonceForTheRealmRestartsAtOne() throws {
        var auth = Self.authenticator()
        _ = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "old")], request: Self.register,
                            challengedRequestCarried: [])
        _ = auth.authorizationForNextRequest(Self.register, realm: Self.realm, kind: .server)
        let fresh = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "new")], request: Self.register,
                                    challengedRequestCarried: [])
        #expect(fresh[0].nonceCount == 1 && fresh[0].nonce == "new")
        #expect(auth.nextNonceCount(realm: Self.realm, kind: .server) == 2)
    }

    @Test func sessionAlgorithmsKeepTheirCnonceOtherAlgorithmsDrawANewOne() throws {
        func cnonces(algorithm: String) throws -> Set<String> {
            var auth = Self.authenticator()
            let first = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n", algorithm: algorithm)],
                                        request: Self.register, challengedRequestCarried: [])
            let second = try reuse(&auth)
            return Set(try [first[0], second].map { try #require(try fields($0).cnonce) })
        }
        #expect(try cnonces(algorithm: "SHA-256-sess").count == 1)
        #expect(try cnonces(algorithm: "SHA-256").count == 2)
    }

    @Test func nothingCachedMeansNothingToReuse() {
        var auth = Self.authenticator()
        #expect(auth.authorizationsForNextRequest(Self.register).isEmpty)
        #expect(auth.authorizationForNextRequest(Self.register, realm: Self.realm, kind: .server) == nil)
        #expect(auth.nextNonceCount(realm: Self.realm, kind: .server) == nil)
    }

    @Test func forgettingDropsTheCachedNonce() throws {
        var auth = Self.authenticator()
        _ = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n")], proxyAuthenticate: [Self.challenge(nonce: "p")],
                            request: Self.invite, challengedRequestCarried: [])
        auth.forgetNonce(realm: Self.realm, kind: .server)
        #expect(auth.authorizationsForNextRequest(Self.invite).map(\.headerName) == ["Proxy-Authorization"])
        auth.forgetAllNonces()
        #expect(auth.authorizationsForNextRequest(Self.invite).isEmpty)
    }

    // MARK: Stale, failure, and loops

    @Test func staleChallengeIsRetriedWithTheNewNonce() throws {
        var auth = Self.authenticator()
        let first = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n1")], request: Self.register,
                                    challengedRequestCarried: [])
        let retry = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n2", stale: true)],
                                    request: Self.register, challengedRequestCarried: first)
        #expect(retry[0].nonce == "n2" && retry[0].nonceCount == 1)
        #expect(retry[0].origin == .challengeResponse(staleRetries: 1))
    }

    @Test func endlessStaleChallengesEndInAnError() throws {
        var auth = Self.authenticator()
        var carried = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n0")], request: Self.register,
                                      challengedRequestCarried: [])
        for round in 1...DigestAuthenticator.maximumStaleRetries {
            carried = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n\(round)", stale: true)],
                                      request: Self.register, challengedRequestCarried: carried)
        }
        #expect(throws: DigestAuthenticationError.tooManyStaleChallenges(realm: Self.realm)) {
            try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "again", stale: true)],
                            request: Self.register, challengedRequestCarried: carried)
        }
    }

    @Test func secondNonStaleChallengeMeansWrongCredentials() throws {
        // RFC 3665 §2.5: F02 challenge, F03 answer, F04 challenge again.
        var auth = Self.authenticator()
        let f02 = try #require(RFC3665Examples.challenges.first { $0.source == "2.05 F02.sip" })
        let f04 = try #require(RFC3665Examples.challenges.first { $0.source == "2.05 F04.sip" })
        let f03 = try auth.answer(wwwAuthenticate: [f02.value], request: Self.register, challengedRequestCarried: [])
        #expect(throws: DigestAuthenticationError.credentialsRejected(realm: Self.realm)) {
            try auth.answer(wwwAuthenticate: [f04.value], request: Self.register, challengedRequestCarried: f03)
        }
        // The refused nonce is not offered to later requests either.
        #expect(auth.authorizationsForNextRequest(Self.register).isEmpty)
    }

    @Test func sameNonceRechallengedAfterOurAnswerIsAlsoAFailure() throws {
        var auth = Self.authenticator()
        let sent = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n")], request: Self.register,
                                   challengedRequestCarried: [])
        #expect(throws: DigestAuthenticationError.credentialsRejected(realm: Self.realm)) {
            try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "n")], request: Self.register,
                            challengedRequestCarried: sent)
        }
    }

    @Test func rejectedReusedNonceGetsOneFreshAnswer() throws {
        // Many servers let a nonce expire without saying stale=true; a request
        // that reused it deserves one real answer before giving up.
        var auth = Self.authenticator()
        _ = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "old")], request: Self.register,
                            challengedRequestCarried: [])
        let reused = auth.authorizationsForNextRequest(Self.invite)
        let fresh = try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "new")], request: Self.invite,
                                    challengedRequestCarried: reused)
        #expect(fresh[0].nonce == "new" && fresh[0].origin == .challengeResponse(staleRetries: 0))
        #expect(throws: DigestAuthenticationError.credentialsRejected(realm: Self.realm)) {
            try auth.answer(wwwAuthenticate: [Self.challenge(nonce: "newer")], request: Self.invite,
                            challengedRequestCarried: fresh)
        }
    }

    @Test func answerForAnotherRealmDoesNotCountAsAnswered() throws {
        var auth = Self.authenticator()
        let atlanta = try auth.answer(proxyAuthenticate: [Self.challenge(nonce: "a")], request: Self.invite,
                                      challengedRequestCarried: [])
        let biloxi = try auth.answer(proxyAuthenticate: [Self.challenge(realm: "biloxi.example.com", nonce: "b")],
                                     request: Self.invite, challengedRequestCarried: atlanta)
        #expect(biloxi.map(\.realm) == ["biloxi.example.com"])
    }

    // MARK: Several challenges at once

    @Test func everyChallengedRealmIsAnsweredWithItsOwnCredentials() throws {
        // RFC 3665 §3.3: two proxies, two realms; each answer goes in its own header.
        var auth = Self.authenticator([
            DigestCredentials(username: "alice", password: "a", realm: "atlanta.example.com"),
            DigestCredentials(username: "alice-b", password: "b", realm: "biloxi.example.com"),
        ])
        let answers = try auth.answer(
            proxyAuthenticate: [Self.challenge(nonce: "a"), Self.challenge(realm: "biloxi.example.com", nonce: "b")],
            request: Self.invite, challengedRequestCarried: [])
        #expect(answers.map(\.realm) == ["atlanta.example.com", "biloxi.example.com"])
        #expect(try answers.map { try fields($0).username } == ["alice", "alice-b"])
        #expect(Set(answers.map(\.headerName)) == ["Proxy-Authorization"])
        // Both are reused on the next request, as RFC 3665 §3.3 F19 shows for the ACK.
        #expect(auth.authorizationsForNextRequest(Self.invite).map(\.realm) == ["atlanta.example.com", "biloxi.example.com"])
    }

    @Test func mergedResponseWithBothKindsGetsBothHeaders() throws {
        var auth = Self.authenticator()
        let answers = try auth.answer(wwwAuthenticate: [Self.challenge(realm: "uas", nonce: "u")],
                                      proxyAuthenticate: [Self.challenge(realm: "proxy", nonce: "p")],
                                      request: Self.invite, challengedRequestCarried: [])
        #expect(answers.map(\.headerName).sorted() == ["Authorization", "Proxy-Authorization"])
    }

    @Test func strongestAlgorithmPerRealmIsAnswered() throws {
        var auth = Self.authenticator()
        let answers = try auth.answer(
            wwwAuthenticate: [Self.challenge(nonce: "m", algorithm: "MD5"),
                              Self.challenge(nonce: "s5", algorithm: "SHA-512-256"),
                              Self.challenge(nonce: "s2", algorithm: "SHA-256")],
            request: Self.register, challengedRequestCarried: [])
        #expect(answers.count == 1)
        #expect(try fields(answers[0]).algorithm == "SHA-512-256")
        #expect(try fields(answers[0]).response.count == 64)
    }

    @Test func oneRealmFailingLeavesNoStateBehind() throws {
        var auth = Self.authenticator([DigestCredentials(username: "alice", password: "a", realm: "atlanta.example.com")])
        #expect(throws: DigestAuthenticationError.noCredentials(realm: "biloxi.example.com")) {
            try auth.answer(
                proxyAuthenticate: [Self.challenge(nonce: "a"), Self.challenge(realm: "biloxi.example.com", nonce: "b")],
                request: Self.invite, challengedRequestCarried: [])
        }
        #expect(auth.nextNonceCount(realm: Self.realm, kind: .proxy) == nil)
    }

    @Test func defaultCredentialsAnswerAnyRealm() throws {
        var auth = Self.authenticator([DigestCredentials(username: "anyone", password: "p")])
        let answer = try auth.answer(wwwAuthenticate: [Self.challenge(realm: "never-configured", nonce: "n")],
                                     request: Self.register, challengedRequestCarried: [])
        #expect(try fields(answer[0]).username == "anyone")
    }

    @Test func nothingUsableReportsEachReason() {
        var auth = Self.authenticator()
        #expect(throws: DigestAuthenticationError.noUsableChallenge([
            .unsupportedScheme("Basic"), .unsupportedAlgorithm("SHA-1"),
        ])) {
            try auth.answer(wwwAuthenticate: [#"Basic realm="r""#, Self.challenge(nonce: "n", algorithm: "SHA-1")],
                            request: Self.register, challengedRequestCarried: [])
        }
        #expect(throws: DigestAuthenticationError.noUsableChallenge([])) {
            try auth.answer(request: Self.register, challengedRequestCarried: [])
        }
    }
}
