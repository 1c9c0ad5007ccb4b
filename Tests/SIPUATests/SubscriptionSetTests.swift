import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// A buddy list: pacing, one 407 for the whole list, NOTIFY routing, counts.
@Suite struct SubscriptionSetTests {
    @Test func tenThousandStartsGoOutAtTheConfiguredRate() throws {
        let rate = 100.0
        var harness = SubscriptionSetHarness(buddies: 10_000, pacing: SubscriptionPacing(startsPerSecond: rate))
        harness.wireCheckEvery = 250
        harness.startAll()
        #expect(harness.sent.count == 1, "the first start goes alone")
        #expect(harness.set.waitingToStart == 9_999)
        harness.runPacing(until: .origin + .seconds(200), answer: SubscriptionSetHarness.ok)

        let times = harness.initialSends.map(\.at)
        #expect(times.count == 10_000)
        #expect(Set(harness.initialSends.map(\.key)).count == 10_000)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        // 9,999 slots of 10 ms after the first: about 100 s in all
        let span = try #require(times.last) - (try #require(times.first))
        #expect(span >= .milliseconds(99_000) && span <= .milliseconds(100_000), "\(span)")
        // never more than rate + 1 in any one-second window
        var windowStart = 0
        var busiest = 0
        for end in times.indices {
            while times[end] - times[windowStart] >= .seconds(1) { windowStart += 1 }
            busiest = max(busiest, end - windowStart + 1)
        }
        #expect(busiest <= Int(rate) + 1, "busiest second held \(busiest)")
        #expect(busiest >= Int(rate) - 5)
        // jittered within their slots: the gaps are not one constant
        let gaps = zip(times.dropFirst(), times.dropFirst(2)).map { $1 - $0 }
        #expect(Set(gaps).count > 10)
        #expect(gaps.allSatisfy { $0 < .milliseconds(20) })
        #expect(harness.set.counts.subscribing == 10_000)
        #expect(harness.pacingTimer == nil)
    }

    /// Slots were whole milliseconds, which capped any rate at 1,000 a
    /// second: 2,000 asked for started 10,000 buddies in 10 s, not 5.
    @Test("rates too small, zero, negative, infinite or NaN give a slot between 1 µs and an hour, never a trap",
          arguments: [1e-20, 1e-9, 0, -5, Double.infinity, Double.nan, 1e12])
    func extremeRatesAreClamped(rate: Double) {
        let width = SubscriptionPacing(startsPerSecond: rate).slotWidth
        #expect(width >= .microseconds(1) && width <= .seconds(3600), "\(rate): \(width)")
    }

    @Test func ratesAboveAThousandASecondAreKept() throws {
        #expect(SubscriptionPacing(startsPerSecond: 2000).slotWidth == .microseconds(500))
        #expect(SubscriptionPacing(startsPerSecond: 3000).slotWidth == .microseconds(333))
        var harness = SubscriptionSetHarness(
            buddies: 4_001, pacing: SubscriptionPacing(startsPerSecond: 2000, maximumOutstanding: 10_000))
        harness.startAll()
        harness.runPacing(until: .origin + .seconds(10), answer: SubscriptionSetHarness.ok)
        let times = harness.initialSends.map(\.at)
        #expect(times.count == 4_001)
        // 4,000 slots of 0.5 ms after the first (the probe's answer may
        // cost one more): about 2 s, not 4
        let span = try #require(times.last) - (try #require(times.first))
        #expect(span >= .milliseconds(1_990) && span <= .milliseconds(2_010), "\(span)")
    }

    @Test func theFirstStartGoesAloneUntilItIsAnswered() throws {
        var harness = SubscriptionSetHarness(buddies: 5)
        harness.startAll()
        #expect(harness.sent.count == 1)
        #expect(harness.pacingTimer == nil)
        harness.runPacing(until: .origin + .seconds(10))
        #expect(harness.sent.count == 1)
        // a timeout answers the question too
        let first = try #require(harness.sent.first)
        harness.handle(.requestTimedOut(cseq: try #require(first.message.cseq?.number)), for: first.key)
        harness.runPacing(until: .origin + .seconds(20))
        #expect(harness.initialSends.count == 5)
    }

    @Test func onlyTheFirstSubscribeOfTheListDrawsA407() throws {
        var harness = SubscriptionSetHarness(buddies: 20, pacing: SubscriptionPacing(startsPerSecond: 1000))
        var challenges = 0
        // a proxy that challenges whatever does not carry an answer to its nonce
        let proxy: (SIPMessage) -> SIPMessage = { request in
            let answered = request.headers["Proxy-Authorization"].flatMap { try? DigestAuthorizationFields(parsing: $0) }
            if answered?.nonce == "n1" { return SubscriptionSetHarness.ok(request) }
            challenges += 1
            var challenge = SIPReplyBuilder.reply(to: request, statusCode: 407)
            challenge.headers.add("Proxy-Authenticate", RegistrationHarness.challengeValue(nonce: "n1"))
            // as read from the wire (osip drops the empty opaque="" on the way)
            return (try? SubscriptionHarness.wire(challenge)) ?? challenge
        }
        harness.startAll()
        harness.runPacing(until: .origin + .seconds(5), answer: proxy)
        #expect(challenges == 1)
        #expect(harness.sent.count == 21)
        let counts = try harness.sent.dropFirst().map { try $0.message.authorization("Proxy-Authorization").nonceCount }
        #expect(counts == Array(1...20), "one nonce, counted up")
        #expect(harness.set.authentication.challengedRealms.map(\.realm) == ["example.com"])
    }

    @Test func notifiesAreRoutedByDialogAndStrangersGet481() throws {
        var harness = SubscriptionSetHarness(buddies: 3)
        harness.startAll()
        harness.runPacing(until: .origin + .seconds(1), answer: SubscriptionSetHarness.ok)
        let subscribes = harness.initialSends
        #expect(subscribes.count == 3)
        for (key, _, subscribe) in subscribes {
            let notify = SubscriptionHarness.makeNotify(for: subscribe, subscriptionState: "active;expires=3600",
                                                        body: .pidf(key.resource.user ?? ""), fromTag: "n-" + (subscribe.callID ?? ""))
            try harness.deliverNotify(notify)
            #expect(try #require(harness.replies.last).statusCode == 200)
            #expect(harness.set[key]?.lastBody == .pidf(key.resource.user ?? ""))
            #expect(harness.set.state(of: key)?.isLive == true)
        }

        var stranger = SubscriptionHarness.makeNotify(for: subscribes[0].message, subscriptionState: "active")
        stranger.callID = "nobody@example.com"
        try harness.deliverNotify(stranger)
        let refusal = try #require(harness.replies.last)
        #expect(refusal.statusCode == 481 && refusal.callID == "nobody@example.com")

        // after a resubscribe, the old dialog's NOTIFYs are strangers too
        let (key, _, old) = subscribes[1]
        try harness.deliverNotify(SubscriptionHarness.makeNotify(
            for: old, subscriptionState: "terminated;reason=deactivated", fromTag: "n-" + (old.callID ?? ""), cseq: 2))
        #expect(harness.initialSends.filter { $0.key == key }.count == 2)
        try harness.deliverNotify(SubscriptionHarness.makeNotify(
            for: old, subscriptionState: "active", fromTag: "n-" + (old.callID ?? ""), cseq: 3))
        #expect(try #require(harness.replies.last).statusCode == 481)
    }

    @Test func countsPerState() throws {
        var harness = SubscriptionSetHarness(buddies: 6)
        harness.startAll()
        harness.runPacing(until: .origin + .seconds(1))
        let keys = (0..<6).map { SubscriptionSetHarness.key($0) }
        // buddy0: active; buddy1: pending; buddy2: 403; buddy3: rejected; buddy4 stopped; buddy5 in flight
        for _ in 0..<4 {
            _ = harness.answerNext { request in
                let key = SubscriptionSetHarness.key(Int(request.requestURI?.user?.dropFirst(5) ?? "") ?? -1)
                return key == keys[2] ? SIPReplyBuilder.reply(to: request, statusCode: 403) : SubscriptionSetHarness.ok(request)
            }
            harness.runPacing(until: harness.now + .seconds(1))
        }
        for (index, state) in [(0, "active;expires=3600"), (1, "pending;expires=3600"), (3, "terminated;reason=rejected")] {
            let subscribe = try #require(harness.initialSends.first { $0.key == keys[index] }).message
            try harness.deliverNotify(SubscriptionHarness.makeNotify(for: subscribe, subscriptionState: state,
                                                                     fromTag: "n-" + (subscribe.callID ?? "")))
        }
        harness.handle(.stop, for: keys[4])
        var expected = SubscriptionCounts()
        expected.active = 1
        expected.pending = 1
        expected.failed = 1
        expected.terminated = 2
        expected.subscribing = 1
        #expect(harness.set.counts == expected)
        #expect(harness.set.counts.total == 6)
    }

    @Test func aSubscriptionStoppedWhileWaitingNeverGoes() throws {
        var harness = SubscriptionSetHarness(buddies: 3)
        harness.startAll()
        let waiting = SubscriptionSetHarness.key(1)
        harness.handle(.stop, for: waiting)
        #expect(harness.set.waitingToStart == 1)
        harness.runPacing(until: .origin + .seconds(5), answer: SubscriptionSetHarness.ok)
        #expect(!harness.sent.contains { $0.key == waiting })
        #expect(harness.initialSends.count == 2)
        #expect(harness.set.state(of: waiting) == .terminated(.unsubscribed))
    }
}
