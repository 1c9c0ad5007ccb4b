import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// 401/407 handling: answer once, stop on rejection, reuse nonces on refresh.
@Suite struct RegistrationAuthTests {
    @Test func challengeIsAnsweredWithTheNextCSeqAndTheSameIdentifiers() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        let first = try harness.last
        try harness.challenge(nonce: "n1")

        #expect(harness.sent.count == 2)
        let second = try harness.last
        #expect(second.cseq == CSeq(2, .register))
        #expect(second.callID == first.callID)
        #expect(second.from?.tag == first.from?.tag)
        #expect(second.topVia?.branch != first.topVia?.branch)
        #expect(second.contacts == first.contacts)
        let answer = try second.authorization()
        #expect(answer.username == "alice" && answer.realm == "example.com" && answer.nonce == "n1")
        #expect(answer.uri == "sip:example.com" && answer.nonceCount == 1 && answer.qop == "auth")
        #expect(second.values("Proxy-Authorization").isEmpty)
        // still registering: a challenge is no failure
        #expect(harness.states == [.registering])

        try harness.accept()
        #expect(harness.state.isRegistered)
    }

    @Test func proxyChallengeIsAnsweredWithProxyAuthorization() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        try harness.challenge(nonce: "p1", proxy: true)
        let answer = try harness.last.authorization("Proxy-Authorization")
        #expect(answer.nonce == "p1")
        #expect(try harness.last.values("Authorization").isEmpty)
        // then the registrar challenges too: both answers go in the third REGISTER
        try harness.challenge(nonce: "r1")
        let third = try harness.last
        #expect(try third.authorization().nonce == "r1")
        #expect(try third.authorization("Proxy-Authorization").nonce == "p1")
        #expect(third.cseq?.number == 3)
    }

    @Test func wrongPasswordFailsOnceAndStopsTrying() throws {
        var harness = RegistrationHarness(password: "wrong")
        harness.handle(.start)
        try harness.challenge(nonce: "n1")
        #expect(harness.sent.count == 2)
        // the registrar challenges our answer again, not stale: rejected
        try harness.challenge(nonce: "n2")
        #expect(harness.state == .failed(.authenticationRejected(realm: "example.com"), retryAt: nil))
        #expect(harness.sent.count == 2)
        #expect(harness.timers.isEmpty)

        // nothing wakes it up but the user
        harness.advance(by: .seconds(86_400))
        harness.handle(.transportFailed)
        harness.handle(.transportRecovered)
        #expect(harness.sent.count == 2)
        harness.handle(.start)
        #expect(harness.sent.count == 3)
        #expect(harness.state == .registering)
    }

    @Test func staleChallengeIsAnsweredAgain() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        try harness.challenge(nonce: "n1")
        try harness.challenge(nonce: "n2", stale: true)
        #expect(harness.sent.count == 3)
        #expect(try harness.last.authorization().nonce == "n2")
        #expect(harness.state == .registering)
    }

    @Test func unusableChallengeFailsWithoutRetry() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        try harness.respond(401) { $0.headers.add("WWW-Authenticate", #"Basic realm="example.com""#) }
        guard case .failed(.authenticationFailed, retryAt: nil) = harness.state else {
            Issue.record("state \(harness.state)")
            return
        }
        #expect(harness.sent.count == 1 && harness.timers.isEmpty)
    }

    @Test func refreshReusesTheNonceWithoutA401Round() throws {
        var harness = RegistrationHarness(.test(expires: 600))
        harness.handle(.start)
        try harness.challenge(nonce: "n1")
        try harness.accept()
        try harness.runUntilFired(.refresh)

        let refresh = try harness.last
        #expect(refresh.cseq?.number == 3)
        let answer = try refresh.authorization()
        #expect(answer.nonce == "n1" && answer.nonceCount == 2)
        try harness.accept()
        #expect(harness.state.isRegistered)
        #expect(harness.sent.count == 3)
    }

    @Test func expiredNonceOnRefreshCostsOneRound() throws {
        var harness = RegistrationHarness(.test(expires: 600))
        harness.handle(.start)
        try harness.challenge(nonce: "n1")
        try harness.accept()
        try harness.runUntilFired(.refresh)
        // the registrar forgot n1 and says so without stale=true: answer once
        try harness.challenge(nonce: "n2")
        #expect(try harness.last.authorization().nonce == "n2")
        try harness.accept()
        #expect(harness.state.isRegistered)
        // the binding stayed registered through the refresh round
        #expect(harness.states.filter { !$0.isRegistered } == [.registering])
    }

    @Test func replacedCredentialsDropCachedNonces() throws {
        var harness = RegistrationHarness(.test(expires: 600))
        harness.handle(.start)
        try harness.challenge(nonce: "n1")
        try harness.accept()
        harness.client.replaceCredentials(DigestCredentialStore([DigestCredentials(username: "alice",
                                                                                  password: "new")]))
        try harness.runUntilFired(.refresh)
        // n1 was answered with the old password; the new one starts with a challenge
        #expect(try harness.last.values("Authorization").isEmpty)
    }
}
