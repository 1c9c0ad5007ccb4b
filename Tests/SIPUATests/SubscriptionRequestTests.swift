import SIPCore
@testable import SIPUA
import Testing

/// What the SUBSCRIBEs carry (RFC 6665 §4.1.2), per package, and how the
/// 2xx's dialog shapes the refreshes.
@Suite struct SubscriptionRequestTests {
    struct PackageCase: Sendable, CustomTestStringConvertible {
        var package: EventPackage
        var resourceList: Bool
        var accept: String
        var testDescription: String { package.name + (resourceList ? " (list)" : "") }
    }

    static let packages = [
        PackageCase(package: .presence, resourceList: false, accept: "application/pidf+xml"),
        PackageCase(package: .presence, resourceList: true,
                    accept: "application/pidf+xml, multipart/related, application/rlmi+xml"),
        PackageCase(package: .dialog, resourceList: false, accept: "application/dialog-info+xml"),
        PackageCase(package: .presenceWatcherInfo, resourceList: false, accept: "application/watcherinfo+xml"),
    ]

    @Test(arguments: packages)
    func initialSubscribeFields(_ testCase: PackageCase) throws {
        let proxy = SIPURI(host: "proxy.example.com")
        var harness = SubscriptionHarness(.test(package: testCase.package, resourceList: testCase.resourceList,
                                                expires: 1800, outboundProxy: proxy))
        harness.handle(.start)
        let request = try harness.last
        #expect(request.method == .subscribe)
        #expect(request.requestURI == SubscriptionConfiguration.bobAOR)
        #expect(request.to?.uri == SubscriptionConfiguration.bobAOR && request.to?.tag == nil)
        #expect(request.from?.uri == RegistrationConfiguration.aliceAOR && request.from?.tag != nil)
        #expect(request.cseq?.method == .subscribe)
        #expect(request.values("Event") == [testCase.package.name])
        #expect(request.values("Accept") == [testCase.accept])
        #expect(request.values("Expires") == ["1800"])
        #expect(request.values("Supported") == (testCase.resourceList ? ["eventlist"] : []))
        #expect(request.contacts.compactMap(\.nameAddr?.uri) == [RegistrationConfiguration.aliceContact])
        #expect(request.routes.map(\.description) == ["<sip:proxy.example.com;lr>"])
        #expect(request.values("Max-Forwards") == ["70"])
        #expect(request.body.isEmpty)
        #expect(harness.state == .subscribing)
    }

    @Test func eventIdentifierGoesOutAndMustComeBack() throws {
        var harness = SubscriptionHarness(.test(eventID: "buddy-7"))
        harness.handle(.start)
        #expect(try harness.last.values("Event") == ["presence;id=buddy-7"])
        try harness.accept()
        try harness.notify("active;expires=3600", event: "presence;id=other")
        #expect(try harness.lastReply.statusCode == 481)
        try harness.notify("active;expires=3600", event: "presence;id=buddy-7")
        #expect(try harness.lastReply.statusCode == 200)
        #expect(harness.state.isLive)
    }

    @Test func theTwoHundredMakesTheDialogRefreshesFollow() throws {
        var harness = SubscriptionHarness(.test(outboundProxy: SIPURI(host: "proxy.example.com")))
        harness.handle(.start)
        let initial = try harness.last
        try harness.accept(expires: 600, recordRoutes: ["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"])
        try harness.notify("active;expires=600")
        try harness.runUntilFired(.refresh)
        let refresh = try harness.last
        // RFC 3261 §12.2.1.1: to the remote target, through the route set
        // (Record-Route reversed, §12.1.2), with both tags and the next CSeq
        #expect(refresh.requestURI == SubscriptionHarness.notifierContact)
        #expect(refresh.routes.map(\.description) == ["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"])
        #expect(refresh.to?.tag == SubscriptionHarness.notifierTag)
        #expect(refresh.from?.tag == initial.from?.tag && refresh.callID == initial.callID)
        #expect(refresh.cseq == CSeq((initial.cseq?.number ?? 0) + 1, .subscribe))
        #expect(refresh.values("Expires") == ["3600"])
        try harness.accept(expires: 600)
        #expect(harness.state == .active(expiresAt: harness.now + .seconds(600)))
    }

    @Test func strictRouteBecomesTheRequestURI() throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        try harness.accept(expires: 600, recordRoutes: ["<sip:strict.example.com>"])
        try harness.runUntilFired(.refresh)
        let refresh = try harness.last
        #expect(refresh.requestURI == SIPURI(host: "strict.example.com"))
        #expect(refresh.routes.map(\.uri) == [SubscriptionHarness.notifierContact])
    }

    @Test func intervalTooBriefRaisesTheDuration() throws {
        var harness = SubscriptionHarness(.test(expires: 60))
        harness.handle(.start)
        let first = try harness.last
        try harness.respond(423) { $0.headers.add("Min-Expires", "300") }
        let again = try harness.last
        #expect(again.values("Expires") == ["300"])
        // the same subscription attempt, asked again
        #expect(again.callID == first.callID && again.from?.tag == first.from?.tag)
        #expect(harness.client.requestedExpires == 300)
    }

    @Test func challengeIsAnsweredOnceAndAWrongPasswordStops() throws {
        var harness = SubscriptionHarness(password: "wrong")
        harness.handle(.start)
        try harness.challenge(nonce: "n1")
        let answered = try harness.last
        #expect(try answered.authorization("Proxy-Authorization").nonce == "n1")
        try harness.challenge(nonce: "n2")
        #expect(harness.state == .failed(.authenticationRejected(realm: "example.com"), retryAt: nil))
        #expect(harness.sent.count == 2)
        harness.advance(by: .seconds(86_400))
        #expect(harness.sent.count == 2 && harness.timers.isEmpty)
    }

    @Test(arguments: [403, 404, 489])
    func finalRefusalIsShownAndNotRetried(_ code: Int) throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        try harness.respond(code)
        guard case .failed(.rejected(code, _), nil) = harness.state else {
            Issue.record("expected a final failure, got \(harness.state)")
            return
        }
        harness.advance(by: .seconds(86_400))
        #expect(harness.sent.count == 1)
        // the user asking again is one new try
        harness.handle(.start)
        #expect(harness.sent.count == 2)
    }

    @Test(arguments: [(503, "Retry-After", 90), (408, nil, nil), (500, nil, nil)] as [(Int, String?, Int64?)])
    func temporaryRefusalRetriesLater(_ code: Int, _ header: String?, _ retryAfter: Int64?) throws {
        var harness = SubscriptionHarness()
        harness.handle(.start)
        let first = try harness.last
        try harness.respond(code) { if let header, let retryAfter { $0.headers.add(header, String(retryAfter)) } }
        let retryAt = try #require(harness.timers[.retry])
        if let retryAfter {
            #expect(retryAt == .origin + .seconds(retryAfter))
        } else {
            #expect(retryAt >= .origin + .seconds(30) && retryAt <= .origin + .seconds(60))
        }
        #expect(harness.sent.count == 1)
        harness.advance(to: retryAt)
        let second = try harness.last
        #expect(harness.sent.count == 2)
        // a new subscription: fresh Call-ID and From tag (RFC 6665 §4.1.2.2)
        #expect(second.callID != first.callID && second.from?.tag != first.from?.tag)
    }
}
