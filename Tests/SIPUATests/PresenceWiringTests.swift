import SIPCore
@testable import SIPUA
import Testing

/// The pieces the driver adds around the presence machines: refreshing
/// every subscription when the network comes back, NOTIFY ownership, and
/// the MESSAGE request.
@Suite struct PresenceWiringTests {
    @Test("refreshNow sends an in-dialog SUBSCRIBE at once; a 481 to it makes a new subscription")
    func refreshNowAfterOutage() throws {
        var harness = SubscriptionHarness()
        try harness.subscribe()
        let established = try harness.last
        #expect(harness.timers[.refresh] != nil)

        harness.handle(.refreshNow)
        let refresh = try harness.last
        #expect(harness.sent.count == 2, "one refresh, now rather than at the timer")
        #expect(refresh.callID == established.callID && refresh.to?.tag == SubscriptionHarness.notifierTag)
        #expect(refresh.headers["Expires"] == "3600")

        // the notifier restarted and forgot us
        try harness.respond(481)
        let fresh = try harness.last
        #expect(harness.sent.count == 3)
        #expect(fresh.callID != established.callID && fresh.to?.tag == nil, "a new initial SUBSCRIBE")
    }

    @Test("refreshNow does nothing without an established subscription")
    func refreshNowWithoutDialog() {
        var harness = SubscriptionHarness()
        harness.handle(.refreshNow)
        #expect(harness.sent.isEmpty)
        harness.handle(.start)
        harness.handle(.refreshNow)
        #expect(harness.sent.count == 1, "only the initial SUBSCRIBE, still unanswered")
    }

    @Test("a set owns exactly the NOTIFYs of its subscriptions' dialogs; refreshAll reaches each")
    func setOwnershipAndRefreshAll() throws {
        var harness = SubscriptionSetHarness(buddies: 2, pacing: SubscriptionPacing(startsPerSecond: 1000, probeFirst: false))
        harness.apply(harness.set.startAll(now: harness.now))
        harness.now = harness.now + .seconds(1)
        harness.apply(harness.set.pacingTimerFired(now: harness.now))
        #expect(harness.sent.count == 2)
        let subscribe = harness.sent[0].message
        let ours = SubscriptionHarness.makeNotify(for: subscribe, subscriptionState: "active;expires=60")
        #expect(harness.set.owns(notify: ours))
        var stranger = ours
        stranger.callID = "someone-else"
        #expect(!harness.set.owns(notify: stranger))
        var wrongTag = ours
        wrongTag.to?.tag = "not-ours"
        #expect(!harness.set.owns(notify: wrongTag))

        // nothing established yet: nothing to refresh
        let before = harness.sent.count
        harness.apply(harness.set.refreshAll(now: harness.now))
        #expect(harness.sent.count == before)
    }

    @Test("MESSAGE: text/plain UTF-8, pager mode, through the outbound proxy, parsable by osip")
    func messageRequest() throws {
        let identity = PresenceIdentity(addressOfRecord: SIPURI(user: "alice", host: "example.test"),
                                        displayName: "Alice", outboundProxy: SIPURI(host: "127.0.0.1", port: 5060),
                                        contact: SIPURI(user: "alice", host: "127.0.0.1", port: 40000),
                                        userAgent: "Switchboard/test")
        let builder = MessageRequestBuilder(identity: identity, callID: "c1@127.0.0.1", fromTag: "t1")
        let request = builder.request(to: SIPURI(user: "bob", host: "example.test"), text: "grüß dich",
                                      cseq: 2, branch: "z9hG4bK-m1")
        SubscriptionHarness.expectWireSafe(request)
        let parsed = try SubscriptionHarness.wire(request)
        #expect(parsed.method == .message)
        #expect(parsed.requestURI?.description == "sip:bob@example.test")
        #expect(parsed.contentType?.essence == "text/plain")
        #expect(parsed.contentType?.parameters.first?.value == "UTF-8")
        #expect(String(decoding: parsed.body, as: UTF8.self) == "grüß dich")
        #expect(parsed.routes.first?.uri.parameters.contains { $0.name == "lr" } == true)
        #expect(parsed.contacts.isEmpty, "pager mode creates no dialog")
        #expect(parsed.from?.tag == "t1" && parsed.to?.tag == nil)
        #expect(parsed.cseq == CSeq(2, .message))
    }

    @Test("at most maximumOutstanding new SUBSCRIBEs await answers; answers let the next ones go")
    func outstandingWindow() {
        var harness = SubscriptionSetHarness(
            buddies: 10, pacing: SubscriptionPacing(startsPerSecond: 1000, probeFirst: false, maximumOutstanding: 3))
        harness.startAll()
        harness.runPacing(until: harness.now + .seconds(5))
        #expect(harness.initialSends.count == 3, "the window is full: nobody answers")
        #expect(harness.pacingTimer == nil, "a full window arms no timer (it would only spin)")
        #expect(harness.set.awaitingAnswer == 3)

        let answered = harness.answerNext(SubscriptionSetHarness.ok)
        #expect(answered)
        harness.runPacing(until: harness.now + .seconds(1))
        #expect(harness.initialSends.count == 4, "one answer, one more start")

        harness.runPacing(until: harness.now + .seconds(5), answer: SubscriptionSetHarness.ok)
        #expect(harness.initialSends.count == 10)
        #expect(Set(harness.initialSends.map(\.key)).count == 10)
        #expect(harness.set.awaitingAnswer == 0)
    }
}
