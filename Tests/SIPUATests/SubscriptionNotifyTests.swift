import SIPCore
@testable import SIPUA
import Testing

/// NOTIFYs (RFC 6665 §4.1.3): answers, states, bodies, the dialog they
/// make when they come before the 2xx, and their order.
@Suite struct SubscriptionNotifyTests {
    @Test func notifyBeforeTheTwoHundredIsAcceptedAndMakesTheDialog() throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        // §4.1.2.4: the NOTIFY overtakes the 2xx
        try harness.notify("active;expires=3600", body: .pidf("open"))
        #expect(try harness.lastReply.statusCode == 200)
        #expect(try harness.lastReply.to?.tag == harness.last.from?.tag)
        #expect(harness.state == .active(expiresAt: .origin + .seconds(3600)))
        #expect(harness.client.hasDialog)
        #expect(harness.notifications.last?.body == .pidf("open"))

        harness.advance(by: .seconds(1))
        try harness.accept(expires: 3600)
        try harness.runUntilFired(.refresh)
        // the refresh goes in the dialog the NOTIFY made
        let refresh = try harness.last
        #expect(refresh.to?.tag == SubscriptionHarness.notifierTag)
        #expect(refresh.requestURI == SubscriptionHarness.notifierContact)
    }

    @Test func pendingThenActiveDeliverStatesAndBodies() throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        try harness.accept(expires: 3600)
        #expect(harness.state == .subscribing, "the 2xx alone tells neither active nor pending")
        try harness.notify("pending;expires=3600")
        #expect(harness.state == .pending(expiresAt: .origin + .seconds(3600)))
        #expect(harness.notifications.last?.body == nil)
        harness.advance(by: .seconds(10))
        try harness.notify("active;expires=3590", body: .pidf("closed"))
        #expect(harness.state == .active(expiresAt: .origin + .seconds(3600)))
        let news = try #require(harness.notifications.last)
        #expect(news.state == SubscriptionStateHeader(substate: .active, expires: 3590))
        #expect(news.body == .pidf("closed"))
        #expect(harness.client.lastBody == .pidf("closed"))
        #expect(harness.replies.allSatisfy { $0.statusCode == 200 })
    }

    @Test func dialogNotifyWithoutBodyIsAccepted() throws {
        var harness = SubscriptionHarness(.test(package: .dialog))
        harness.handle(.start)
        try harness.accept()
        // Kamailio's idle `dialog` NOTIFY has no body at all
        try harness.notify("active;expires=3600")
        #expect(try harness.lastReply.statusCode == 200)
        #expect(harness.client.lastNotification?.body == nil)
        #expect(harness.state.isLive)
    }

    @Test func shorterExpiresInANotifyBringsTheRefreshForward() throws {
        var harness = SubscriptionHarness()
        try harness.subscribe(expires: 3600)
        harness.advance(by: .seconds(100))
        try harness.notify("active;expires=60")
        let refresh = try #require(harness.timers[.refresh])
        #expect(refresh >= harness.now + .seconds(30) && refresh <= harness.now + .seconds(55))
        #expect(harness.timers[.expiry] == harness.now + .seconds(60))
    }

    @Test func olderNotifyIsRefusedWith500() throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        try harness.accept()
        try harness.notify("active;expires=3600", cseq: 5)
        try harness.notify("active;expires=3600", body: .pidf("stale"), cseq: 4)
        #expect(try harness.lastReply.statusCode == 500)
        #expect(harness.client.lastBody == nil)
    }

    @Test func notifyWithoutSubscriptionStateIsRefused() throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        try harness.accept()
        let request = SubscriptionHarness.makeNotify(for: try harness.last, subscriptionState: nil)
        harness.handle(.notifyReceived(try SubscriptionHarness.wire(request)))
        #expect(try harness.lastReply.statusCode == 400)
        #expect(harness.notifications.isEmpty)
    }

    @Test func aSecondNotifierFromAForkIsRefused() throws {
        var harness = SubscriptionHarness()
        try harness.subscribe()
        try harness.notify("active;expires=3600", fromTag: "other-fork")
        #expect(try harness.lastReply.statusCode == 481)
        #expect(harness.state.isLive)
    }

    @Test func notifyForAnotherCallIsRefusedWith481() throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        var request = SubscriptionHarness.makeNotify(for: try harness.last, subscriptionState: "active")
        request.callID = "someone-else@example.com"
        harness.handle(.notifyReceived(try SubscriptionHarness.wire(request)))
        #expect(try harness.lastReply.statusCode == 481)
        #expect(harness.state == .subscribing)
    }

    @Test func refreshAnsweredWith481SubscribesAgainAtOnce() throws {
        var harness = SubscriptionHarness()
        try harness.subscribe(expires: 600)
        let first = try harness.last
        try harness.runUntilFired(.refresh)
        let refreshAt = harness.now
        try harness.respond(481)
        #expect(harness.sent.count == 3)
        let fresh = try harness.last
        // RFC 6665 §4.1.2.2: an unrelated initial SUBSCRIBE, sent now
        #expect(harness.now == refreshAt)
        #expect(fresh.to?.tag == nil && fresh.requestURI == SubscriptionConfiguration.bobAOR)
        #expect(fresh.callID != first.callID && fresh.from?.tag != first.from?.tag)
        #expect(harness.state == .subscribing)
        try harness.accept()
        try harness.notify("active;expires=3600")
        #expect(harness.state.isLive)
    }

    @Test func unsubscribeSendsExpiresZeroAndEnds() throws {
        var harness = SubscriptionHarness()
        try harness.subscribe()
        let initial = try harness.last
        harness.handle(.stop)
        let unsubscribe = try harness.last
        #expect(unsubscribe.values("Expires") == ["0"])
        #expect(unsubscribe.callID == initial.callID && unsubscribe.to?.tag == SubscriptionHarness.notifierTag)
        #expect(harness.state == .terminated(.unsubscribed))
        #expect(harness.timers.isEmpty)
        try harness.respond(200)
        // the notifier's last NOTIFY is answered 200, and ends the dialog
        try harness.notify("terminated;reason=timeout")
        #expect(try harness.lastReply.statusCode == 200)
        #expect(!harness.client.hasDialog)
        #expect(harness.state == .terminated(.unsubscribed))
        try harness.notify("active;expires=10")
        #expect(try harness.lastReply.statusCode == 481)
        harness.advance(by: .seconds(86_400))
        #expect(harness.sent.count == 2)
    }

    @Test func stopDuringTheInitialSubscribeUnsubscribesAfterItsTwoHundred() throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        harness.handle(.stop)
        #expect(harness.sent.count == 1)
        try harness.accept()
        #expect(harness.sent.count == 2)
        #expect(try harness.last.values("Expires") == ["0"])
    }
}
