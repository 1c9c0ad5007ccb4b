import SIPCore
@testable import SIPUA
import Testing

/// A terminated NOTIFY's reason decides whether and when to subscribe
/// again (RFC 6665 §4.1.3), and the refresh is jittered.
@Suite struct SubscriptionTerminationTests {
    enum Next: Equatable, Sendable {
        /// A new SUBSCRIBE at once.
        case now
        /// A new SUBSCRIBE after exactly this many seconds.
        case after(Int64)
        /// A new SUBSCRIBE after a backoff wait in [30 s, 60 s].
        case backoff
        /// Never; the state shows the reason.
        case final(SubscriptionEndReason)
    }

    static let reasons: [(String, Next)] = [
        ("terminated;reason=deactivated", .now),
        ("terminated;reason=timeout", .now),
        ("terminated;reason=deactivated;retry-after=20", .after(20)),
        ("terminated;reason=probation;retry-after=45", .after(45)),
        ("terminated;reason=probation", .backoff),
        ("terminated", .backoff),
        ("terminated;reason=made-up", .backoff),
        ("terminated;reason=giveup", .final(.giveup)),
        ("terminated;reason=giveup;retry-after=10", .final(.giveup)),
        ("terminated;reason=rejected", .final(.rejected)),
        ("terminated;reason=noresource", .final(.noresource)),
        ("terminated;reason=invariant", .final(.invariant)),
        ("Terminated;Reason=NoResource", .final(.noresource)),
    ]

    @Test(arguments: reasons)
    func terminatedReason(_ header: String, _ next: Next) throws {
        var harness = SubscriptionHarness()
        try harness.subscribe()
        let first = try harness.last
        harness.advance(by: .seconds(100))
        let endedAt = harness.now
        try harness.notify(header)
        #expect(try harness.lastReply.statusCode == 200)
        #expect(!harness.client.hasDialog)
        switch next {
        case .now:
            #expect(harness.sent.count == 2)
            #expect(harness.state == .subscribing)
        case .after(let seconds):
            #expect(harness.sent.count == 1)
            #expect(harness.timers[.retry] == endedAt + .seconds(seconds))
            guard case .failed(.terminatedByNotifier, let retryAt) = harness.state else {
                Issue.record("expected failed(terminatedByNotifier), got \(harness.state)")
                return
            }
            #expect(retryAt == endedAt + .seconds(seconds))
            try harness.runUntilFired(.retry)
            #expect(harness.sent.count == 2)
        case .backoff:
            #expect(harness.sent.count == 1)
            let retryAt = try #require(harness.timers[.retry])
            #expect(retryAt >= endedAt + .seconds(30) && retryAt <= endedAt + .seconds(60))
            try harness.runUntilFired(.retry)
            #expect(harness.sent.count == 2)
        case .final(let reason):
            // shown as such, never as merely offline, and not retried
            #expect(harness.state == .terminated(reason))
            harness.advance(by: .seconds(86_400))
            #expect(harness.sent.count == 1)
            #expect(harness.timers.isEmpty)
        }
        if harness.sent.count == 2 {
            let again = try harness.last
            #expect(again.to?.tag == nil && again.callID != first.callID && again.from?.tag != first.from?.tag)
        }
    }

    @Test func notifierThatEndsEverySubscriptionAtOnceGetsABackoff() throws {
        var harness = SubscriptionHarness()
        try harness.subscribe()
        try harness.notify("terminated;reason=deactivated")
        #expect(harness.sent.count == 2)
        try harness.accept()
        try harness.notify("active;expires=3600")
        harness.advance(by: .seconds(1))
        try harness.notify("terminated;reason=deactivated")
        // the second at-once resubscribe within 30 s waits instead
        #expect(harness.sent.count == 2)
        #expect(harness.timers[.retry] != nil)
        harness.advance(by: .seconds(60))
        #expect(harness.sent.count == 3)
    }

    @Test func refreshFallsInTheJitterWindowOverManySeeds() throws {
        var offsets: [Duration] = []
        for seed in UInt64(1)...300 {
            var harness = SubscriptionHarness(seed: seed)
            harness.advance(by: .seconds(Int64(seed % 7)))
            let sentAt = harness.now
            try harness.subscribe(expires: 600)
            let refresh = try #require(harness.timers[.refresh])
            // 50–90 % of the granted 600 s, and at least 5 s before expiry
            #expect(refresh >= sentAt + .seconds(300) && refresh <= sentAt + .seconds(540), "seed \(seed)")
            offsets.append(refresh - sentAt)
        }
        // spread over the window, not a fixed point: a list of 10,000
        // must not refresh in one burst
        let spread = try #require(offsets.max()) - (try #require(offsets.min()))
        #expect(spread >= .seconds(200))
        #expect(Set(offsets).count > 250)
        let early = offsets.filter { $0 < .seconds(420) }.count
        #expect(early > 100 && early < 200, "about half in each half of the window: \(early)")
    }

    @Test func failedRefreshKeepsTheSubscriptionUntilItLapses() throws {
        let backoff = RegistrationBackoff(baseTime: .seconds(1), maximumTime: .seconds(8))
        var harness = SubscriptionHarness(.test(backoff: backoff))
        try harness.subscribe(expires: 600)
        try harness.runUntilFired(.refresh)
        try harness.respond(503)
        #expect(harness.state.isLive)
        try harness.runUntilFired(.retry)
        let retried = try harness.last
        #expect(retried.to?.tag == SubscriptionHarness.notifierTag, "retried in the dialog")
        try harness.timeOut()
        let expiry = try #require(harness.timers[.expiry])
        while let retry = harness.timers[.retry], retry < expiry {
            harness.advance(to: retry)
            try harness.timeOut()
        }
        harness.advance(to: expiry)
        #expect(!harness.client.hasDialog)
        guard case .failed(.expired, .some) = harness.state else {
            Issue.record("expected failed(.expired) with a retry, got \(harness.state)")
            return
        }
        try harness.runUntilFired(.retry)
        #expect(try harness.last.to?.tag == nil, "a new subscription")
    }
}
