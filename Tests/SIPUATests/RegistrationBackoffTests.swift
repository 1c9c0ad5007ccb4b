import SIPCore
@testable import SIPUA
import Testing

/// RFC 5626 §4.5 backoff after failures, Retry-After, and flow recovery.
@Suite struct RegistrationBackoffTests {
    @Test(arguments: [(1, 60), (2, 120), (3, 240), (4, 480), (5, 960), (6, 1800), (7, 1800), (64, 1800), (0, 30)])
    func upperBoundDoublesUpToTheCap(failures: Int, seconds: Int64) {
        // RFC 5626 §4.5's example: three failures, base 30 s → 240 s
        #expect(RegistrationBackoff().upperBound(consecutiveFailures: failures) == .seconds(seconds))
    }

    @Test func waitIsBetweenHalfAndAllOfTheBound() {
        var generator = SplitMix64(seed: 42)
        let backoff = RegistrationBackoff()
        for failures in 1...8 {
            let bound = backoff.upperBound(consecutiveFailures: failures)
            var waits: Set<Duration> = []
            for _ in 0..<50 {
                let wait = backoff.wait(consecutiveFailures: failures, using: &generator)
                #expect(wait >= bound / 2 && wait <= bound, "\(failures) failures: \(wait)")
                waits.insert(wait)
            }
            #expect(waits.count > 40)
        }
    }

    @Test func timeoutsBackOffExponentiallyUpToTheCap() throws {
        let backoff = RegistrationBackoff(baseTime: .seconds(30), maximumTime: .seconds(1800))
        var harness = RegistrationHarness(.test(backoff: backoff), seed: 3)
        harness.handle(.start)
        for failures in 1...9 {
            try harness.timeOut()
            let retryAt = try #require(harness.timers[.retry])
            let wait = retryAt - harness.now
            let bound = backoff.upperBound(consecutiveFailures: failures)
            #expect(wait >= bound / 2 && wait <= bound, "failure \(failures): waited \(wait)")
            #expect(wait <= .seconds(1800))
            #expect(harness.state == .failed(.timeout, retryAt: retryAt))
            #expect(harness.client.consecutiveFailures == failures)
            // nothing is sent before the wait is over: no busy loop
            let sent = harness.sent.count
            harness.advance(to: retryAt - .milliseconds(1))
            #expect(harness.sent.count == sent)
            harness.advance(to: retryAt)
            #expect(harness.sent.count == sent + 1)
            #expect(harness.state == .registering)
        }
    }

    @Test func successResetsTheBackoff() throws {
        var harness = RegistrationHarness(.test(expires: 600), seed: 5)
        harness.handle(.start)
        for _ in 0..<4 {
            try harness.timeOut()
            try harness.runUntilFired(.retry)
        }
        #expect(harness.client.consecutiveFailures == 4)
        try harness.accept()
        #expect(harness.client.consecutiveFailures == 0)
        try harness.runUntilFired(.refresh)
        try harness.timeOut()
        let wait = try #require(harness.timers[.retry]) - harness.now
        #expect(wait >= .seconds(30) && wait <= .seconds(60))
    }

    @Test(arguments: [
        // (status, Retry-After, retried after exactly, retried at all)
        (503, "120", Duration?.some(.seconds(120)), true),
        (503, "45 (maintenance);duration=600", .some(.seconds(45)), true),
        (503, nil, nil, true),
        (500, nil, nil, true),
        (408, nil, nil, true),
        (480, "300", .some(.seconds(300)), true),
        (480, nil, nil, true),
        (404, nil, nil, false),
        (403, nil, nil, false),
        (302, nil, nil, false),
        (603, nil, nil, false),
    ] as [(Int, String?, Duration?, Bool)])
    func failureResponses(status: Int, retryAfter: String?, exactWait: Duration?, retried: Bool) throws {
        var harness = RegistrationHarness(seed: 11)
        harness.handle(.start)
        harness.advance(by: .seconds(2))
        try harness.respond(status) { response in
            if let retryAfter { response.headers.add("Retry-After", retryAfter) }
        }
        let failure = RegistrationFailure.serverError(statusCode: status,
                                                      reasonPhrase: SIPStatus.reasonPhrase(status))
        guard retried else {
            #expect(harness.state == .failed(failure, retryAt: nil))
            #expect(harness.timers.isEmpty)
            return
        }
        let retryAt = try #require(harness.timers[.retry])
        #expect(harness.state == .failed(failure, retryAt: retryAt))
        if let exactWait {
            #expect(retryAt == harness.now + exactWait)
        } else {
            #expect(retryAt - harness.now >= .seconds(30) && retryAt - harness.now <= .seconds(60))
        }
        try harness.runUntilFired(.retry)
        #expect(harness.sent.count == 2)
    }

    @Test func transportFailureThenRecoveryRegistersAtOnce() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.advance(by: .seconds(100))
        harness.handle(.transportFailed)
        let retryAt = try #require(harness.timers[.retry])
        #expect(harness.state == .failed(.transport, retryAt: retryAt))
        #expect(harness.timers[.expiry] == nil)
        #expect(harness.sent.count == 1)

        harness.advance(by: .seconds(3))
        let actions = harness.handle(.transportRecovered)
        #expect(harness.sent.count == 2)
        #expect(actions.first == .cancelTimer(.retry))
        #expect(harness.timers[.retry] == nil)
        #expect(harness.state == .registering)
        try harness.accept()
        #expect(harness.state.isRegistered)
    }

    @Test func recoveredFlowWhileRegisteredReRegistersOverIt() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.handle(.transportRecovered)
        #expect(harness.sent.count == 2)
        #expect(harness.state.isRegistered)
    }

    @Test func transportFailureDuringARequestFailsItAndItsLateAnswerIsIgnored() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        let lost = try harness.last
        harness.handle(.transportFailed)
        guard case .failed(.transport, retryAt: .some) = harness.state else {
            Issue.record("state \(harness.state)")
            return
        }
        let late = harness.handle(.responseReceived(SIPReplyBuilder.reply(to: lost, statusCode: 200)))
        #expect(late.isEmpty)
        // a timeout for it is stale as well
        #expect(harness.handle(.requestTimedOut(cseq: 1)).isEmpty)
    }

    @Test func aSecondTransportFailureDoesNotExtendTheWait() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.handle(.transportFailed)
        let retryAt = try #require(harness.timers[.retry])
        harness.handle(.transportFailed)
        #expect(harness.timers[.retry] == retryAt)
        #expect(harness.client.consecutiveFailures == 1)
    }

    @Test func contactChangeDuringTheWaitWaitsToo() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        try harness.respond(503) { $0.headers.add("Retry-After", "120") }
        harness.handle(.contactChanged(SIPURI(user: "alice", host: "203.0.113.9")))
        // the registrar asked for 120 s of quiet; a new address does not change that
        #expect(harness.sent.count == 1)
        try harness.runUntilFired(.retry)
        #expect(harness.sent.count == 2)
        #expect(try harness.last.contactExpiries.map(\.0).first == "sip:alice@203.0.113.9")
    }

    @Test func startDuringTheWaitTriesAtOnce() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        try harness.timeOut()
        #expect(harness.timers[.retry] != nil)
        harness.handle(.start)
        #expect(harness.sent.count == 2)
        #expect(harness.timers[.retry] == nil)
    }
}
