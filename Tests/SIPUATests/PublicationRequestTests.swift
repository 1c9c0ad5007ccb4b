import SIPCore
@testable import SIPUA
import Testing

/// The four kinds of PUBLISH (RFC 3903 §4.2–§4.5) and what each carries.
@Suite struct PublicationRequestTests {
    static let proxy = SIPURI(host: "proxy.example.com", port: 5070)

    @Test func initialPublishCarriesTheDocumentWithoutCondition() throws {
        var harness = PublicationHarness(.test(outboundProxy: Self.proxy))
        harness.handle(.publish(.pidf("open")))
        let request = try harness.last
        #expect(request.method == .publish)
        // §4: the Request-URI, From and To all name our address-of-record
        #expect(request.requestURI == RegistrationConfiguration.aliceAOR)
        #expect(request.to?.uri == RegistrationConfiguration.aliceAOR && request.to?.tag == nil)
        #expect(request.from?.uri == RegistrationConfiguration.aliceAOR && request.from?.tag != nil)
        #expect(request.cseq == CSeq(1, .publish))
        #expect(request.routes.map(\.description) == ["<sip:proxy.example.com:5070;lr>"])
        #expect(request.values("Event") == ["presence"])
        #expect(request.values("Expires") == ["3600"])
        #expect(request.values("SIP-If-Match").isEmpty)
        #expect(request.values("Max-Forwards") == ["70"])
        #expect(request.contentType == .pidf)
        #expect(request.body == EventBody.pidf("open").bytes)
        #expect(request.contacts.isEmpty)
        #expect(request.topVia?.rport != nil)
        #expect(harness.states == [.publishing])
    }

    /// (what happens after the first 200, SIP-If-Match, body, Expires)
    enum Follow: String, CaseIterable { case refresh, modify, remove }

    @Test(arguments: Follow.allCases)
    func laterPublishesCarryTheTagAndOnlyWhatTheirKindNeeds(_ follow: Follow) throws {
        var harness = PublicationHarness()
        try harness.publish(.pidf("open"), etag: "tag-1")
        let first = try harness.last
        switch follow {
        case .refresh: try harness.runUntilFired(.refresh)
        case .modify: harness.handle(.publish(.pidf("closed")))
        case .remove: harness.handle(.remove)
        }
        #expect(harness.sent.count == 2)
        let request = try harness.last
        #expect(request.values("SIP-If-Match") == ["tag-1"])
        #expect(request.cseq == CSeq(2, .publish))
        #expect(request.callID == first.callID && request.from?.tag == first.from?.tag)
        switch follow {
        case .refresh:
            // §4.3: a refresh carries no body
            #expect(request.body.isEmpty && request.contentType == nil)
            #expect(request.values("Expires") == ["3600"])
        case .modify:
            #expect(request.body == EventBody.pidf("closed").bytes && request.contentType == .pidf)
            #expect(request.values("Expires") == ["3600"])
        case .remove:
            // §4.5: Expires 0, no body
            #expect(request.body.isEmpty && request.contentType == nil)
            #expect(request.values("Expires") == ["0"])
            #expect(harness.state == .removing)
        }
    }

    @Test func successStoresTheTagAndTheGrantedLifetime() throws {
        var harness = PublicationHarness()
        harness.handle(.publish(.pidf("open")))
        try harness.accept(etag: "e-77", expires: 600)
        let active = try #require(harness.state.activePublication)
        #expect(active.entityTag == "e-77" && active.grantedExpires == 600)
        #expect(active.expiresAt == .origin + .seconds(600))
        #expect(harness.client.entityTag == "e-77")
        #expect(harness.entityTags == ["e-77"])
        #expect(harness.timers[.expiry] == .origin + .seconds(600))
        let refresh = try #require(harness.timers[.refresh])
        #expect(refresh >= .origin + .seconds(300) && refresh <= .origin + .seconds(540))

        // every PUBLISH gets a new tag (RFC 3903 §6), and the next one uses it
        try harness.runUntilFired(.refresh)
        try harness.accept(etag: "e-78", expires: 600)
        #expect(harness.entityTags == ["e-77", "e-78"])
        harness.handle(.publish(.pidf("closed")))
        #expect(try harness.last.values("SIP-If-Match") == ["e-78"])
    }

    @Test func removeSuccessForgetsTheTagAndStopsTheTimers() throws {
        var harness = PublicationHarness()
        try harness.publish(etag: "e1")
        harness.handle(.remove)
        try harness.respond(200)
        #expect(harness.state == .unpublished)
        #expect(harness.client.entityTag == nil)
        #expect(harness.entityTags == ["e1", nil])
        #expect(harness.timers.isEmpty)
        harness.advance(by: .seconds(7200))
        #expect(harness.sent.count == 2)
    }

    @Test func removeWithNothingPublishedSendsNothing() throws {
        var harness = PublicationHarness()
        harness.handle(.remove)
        #expect(harness.sent.isEmpty)
        #expect(harness.state == .unpublished)
    }

    @Test func removeDuringTheInitialPublishFollowsItsSuccess() throws {
        var harness = PublicationHarness()
        harness.handle(.publish(.pidf("open")))
        harness.handle(.remove)
        #expect(harness.sent.count == 1)
        try harness.accept(etag: "e1")
        #expect(harness.sent.count == 2)
        #expect(try harness.last.values("Expires") == ["0"])
        #expect(try harness.last.values("SIP-If-Match") == ["e1"])
        try harness.respond(200)
        #expect(harness.state == .unpublished && harness.timers.isEmpty)
    }
}
