import SIPCore
@testable import SIPUA
import Testing

/// 412, 423, servers without PUBLISH, failures and backoff (RFC 3903 §5).
@Suite struct PublicationOutcomeTests {
    enum Conditional: String, CaseIterable { case refresh, modify }

    @Test(arguments: Conditional.allCases)
    func conditionFailedStartsAfreshWithTheCurrentDocument(_ kind: Conditional) throws {
        var harness = PublicationHarness()
        try harness.publish(.pidf("open"), etag: "old")
        switch kind {
        case .refresh: try harness.runUntilFired(.refresh)
        case .modify: harness.handle(.publish(.pidf("away")))
        }
        try harness.respond(412)
        // §5: never the same request again; an initial PUBLISH instead
        #expect(harness.sent.count == 3)
        let fresh = try harness.last
        #expect(fresh.values("SIP-If-Match").isEmpty)
        let current: EventBody = kind == .modify ? .pidf("away") : .pidf("open")
        #expect(fresh.body == current.bytes && fresh.contentType == .pidf)
        #expect(harness.client.entityTag == nil)
        #expect(harness.entityTags == ["old", nil])
        try harness.accept(etag: "new")
        #expect(harness.state.activePublication?.entityTag == "new")
    }

    @Test func conditionFailedOnRemoveMeansNothingIsLeft() throws {
        var harness = PublicationHarness()
        try harness.publish(etag: "gone")
        harness.handle(.remove)
        try harness.respond(412)
        #expect(harness.sent.count == 2)
        #expect(harness.state == .unpublished && harness.client.entityTag == nil)
        #expect(harness.timers.isEmpty)
    }

    @Test func intervalTooBriefRetriesWithMinExpiresAndKeepsIt() throws {
        var harness = PublicationHarness(.test(expires: 60))
        harness.handle(.publish(.pidf("open")))
        try harness.respond(423) { $0.headers.add("Min-Expires", "600") }
        #expect(harness.sent.count == 2)
        let retry = try harness.last
        #expect(retry.values("Expires") == ["600"])
        #expect(retry.body == EventBody.pidf("open").bytes)
        #expect(retry.values("SIP-If-Match").isEmpty)
        try harness.accept(etag: "e1", expires: 600)
        try harness.runUntilFired(.refresh)
        #expect(try harness.last.values("Expires") == ["600"])
    }

    @Test(arguments: [405, 501, 489])
    func serverWithoutPublishSwitchesOffAndSaysSoOnce(_ code: Int) throws {
        var harness = PublicationHarness()
        harness.handle(.publish(.pidf("open")))
        try harness.respond(code)
        let off = PublicationState.failed(.unsupportedByServer(statusCode: code), retryAt: nil)
        #expect(harness.state == off)
        #expect(harness.client.isSwitchedOff)
        #expect(harness.timers.isEmpty)
        // nothing the user or the clock does brings it back, or says it again
        var later: [PublicationAction] = []
        later += harness.handle(.publish(.pidf("away")))
        later += harness.handle(.publish(.pidf("busy")))
        later += harness.handle(.remove)
        harness.advance(by: .seconds(86_400))
        #expect(later.isEmpty)
        #expect(harness.sent.count == 1)
        #expect(harness.states.filter { $0 == off }.count == 1)
    }

    @Test(arguments: [false, true])
    func challengeIsAnsweredAndItsNonceReused(proxy: Bool) throws {
        let header = proxy ? "Proxy-Authorization" : "Authorization"
        var harness = PublicationHarness()
        harness.handle(.publish(.pidf("open")))
        try harness.challenge(nonce: "n1", proxy: proxy)
        #expect(harness.sent.count == 2)
        let answered = try harness.last
        #expect(answered.cseq?.number == 2)
        #expect(answered.body == EventBody.pidf("open").bytes)
        let first = try answered.authorization(header)
        #expect(first.nonce == "n1" && first.nonceCount == 1 && first.uri == "sip:alice@example.com")
        try harness.accept(etag: "e1")

        // the next PUBLISH carries an answer from the cached nonce: no new challenge
        harness.handle(.publish(.pidf("away")))
        let reused = try harness.last.authorization(header)
        #expect(reused.nonce == "n1" && reused.nonceCount == 2)
        #expect(harness.sent.count == 3)
    }

    @Test func wrongPasswordFailsOnceAndDoesNotLoop() throws {
        var harness = PublicationHarness(password: "wrong")
        harness.handle(.publish(.pidf("open")))
        try harness.challenge(nonce: "n1", proxy: true)
        try harness.challenge(nonce: "n2", proxy: true)
        #expect(harness.state == .failed(.authenticationRejected(realm: "example.com"), retryAt: nil))
        #expect(harness.sent.count == 2)
        #expect(harness.timers.isEmpty)
        harness.advance(by: .seconds(86_400))
        #expect(harness.sent.count == 2)
    }

    @Test func rapidChangesDuringAPublishBecomeOnePublishWithTheLatest() throws {
        var harness = PublicationHarness()
        harness.handle(.publish(.pidf("open")))
        for status in ["away", "busy", "closed", "lunch"] {
            let actions = harness.handle(.publish(.pidf(status)))
            #expect(actions.isEmpty, "nothing may go out while a PUBLISH is in flight")
        }
        #expect(harness.sent.count == 1)
        try harness.accept(etag: "e1")
        #expect(harness.sent.count == 2)
        let modify = try harness.last
        #expect(modify.body == EventBody.pidf("lunch").bytes)
        #expect(modify.values("SIP-If-Match") == ["e1"])
        try harness.accept(etag: "e2")
        #expect(harness.sent.count == 2)

        // once idle, each change is one PUBLISH
        harness.handle(.publish(.pidf("open")))
        #expect(harness.sent.count == 3)
    }

    @Test func resumedTagIsModifiedThenRemoved() throws {
        var harness = PublicationHarness(resumingETag: "stored-7")
        #expect(harness.client.entityTag == "stored-7")
        harness.handle(.publish(.pidf("busy")))
        let modify = try harness.last
        #expect(modify.values("SIP-If-Match") == ["stored-7"])
        #expect(modify.body == EventBody.pidf("busy").bytes)
        try harness.accept(etag: "stored-8")
        #expect(harness.entityTags == ["stored-8"])

        var headless = PublicationHarness(resumingETag: "stored-8")
        headless.handle(.remove)
        let remove = try headless.last
        #expect(remove.values("SIP-If-Match") == ["stored-8"] && remove.values("Expires") == ["0"])
        try headless.respond(200)
        #expect(headless.entityTags == [nil])
    }

    @Test func resumedTagThatExpiredBecomesAnInitialPublish() throws {
        var harness = PublicationHarness(resumingETag: "stale")
        harness.handle(.publish(.pidf("busy")))
        try harness.respond(412)
        let initial = try harness.last
        #expect(initial.values("SIP-If-Match").isEmpty)
        #expect(initial.body == EventBody.pidf("busy").bytes)
    }

    @Test func timeoutsBackOffWithJitterAndRetryTheSamePublication() throws {
        var waits: Set<RegistrationInstant> = []
        for seed in UInt64(1)...10 {
            var harness = PublicationHarness(seed: seed)
            harness.handle(.publish(.pidf("open")))
            try harness.timeOut()
            let retryAt = try #require(harness.timers[.retry])
            // RFC 5626 §4.5 shape: first failure waits in [W/2, W], W = 60 s
            #expect(retryAt >= .origin + .seconds(30) && retryAt <= .origin + .seconds(60))
            #expect(harness.state == .failed(.timeout, retryAt: retryAt))
            waits.insert(retryAt)
            harness.advance(to: retryAt)
            #expect(harness.sent.count == 2)
            #expect(try harness.last.body == EventBody.pidf("open").bytes)
        }
        #expect(waits.count > 5)
    }

    @Test func retryAfterIsHonoured() throws {
        var harness = PublicationHarness()
        harness.handle(.publish(.pidf("open")))
        try harness.respond(503) { $0.headers.add("Retry-After", "120") }
        #expect(harness.timers[.retry] == .origin + .seconds(120))
        #expect(harness.state == .failed(.serverError(statusCode: 503, reasonPhrase: "Service Unavailable"),
                                         retryAt: .origin + .seconds(120)))
    }

    @Test func failingRefreshKeepsThePublicationUntilItLapses() throws {
        let backoff = RegistrationBackoff(baseTime: .seconds(1), maximumTime: .seconds(8))
        var harness = PublicationHarness(.test(backoff: backoff))
        try harness.publish(etag: "e1", expires: 600)
        try harness.runUntilFired(.refresh)
        try harness.respond(500)
        let active = try #require(harness.state.activePublication)
        #expect(active.refreshFailure == .serverError(statusCode: 500, reasonPhrase: "Server Internal Error"))
        // the retry refreshes with the tag (no body)
        try harness.runUntilFired(.retry)
        #expect(try harness.last.values("SIP-If-Match") == ["e1"])
        #expect(try harness.last.body.isEmpty)
        try harness.timeOut()
        let expiry = try #require(harness.timers[.expiry])
        while let retry = harness.timers[.retry], retry < expiry {
            harness.advance(to: retry)
            try harness.timeOut()
        }
        #expect(harness.state.activePublication != nil, "still in force until it lapses")
        // it lapses: the tag is dead and the next try is an initial PUBLISH
        harness.advance(to: expiry)
        #expect(harness.client.entityTag == nil)
        #expect(harness.state == .failed(.expired, retryAt: harness.timers[.retry]))
        try harness.runUntilFired(.retry)
        let initial = try harness.last
        #expect(initial.values("SIP-If-Match").isEmpty && initial.body == EventBody.pidf("open").bytes)
    }

    @Test func forbiddenStopsUntilTheUserPublishesAgain() throws {
        var harness = PublicationHarness()
        harness.handle(.publish(.pidf("open")))
        try harness.respond(403)
        #expect(harness.state == .failed(.rejected(statusCode: 403, reasonPhrase: "Forbidden"), retryAt: nil))
        harness.advance(by: .seconds(86_400))
        #expect(harness.sent.count == 1)
        harness.handle(.publish(.pidf("away")))
        #expect(harness.sent.count == 2)
    }
}
