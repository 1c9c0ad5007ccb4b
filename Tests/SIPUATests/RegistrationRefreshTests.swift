import SIPCore
@testable import SIPUA
import Testing

/// Granted expiry, jittered refresh, 423, and lapsing bindings.
@Suite struct RegistrationRefreshTests {
    static func at(_ seconds: Int64) -> RegistrationInstant { .origin + .seconds(seconds) }

    @Test func grantedShorterThanAskedSchedulesRefreshInTheJitterWindow() throws {
        var refreshPoints: Set<RegistrationInstant> = []
        for seed in UInt64(1)...20 {
            var harness = RegistrationHarness(.test(expires: 3600), seed: seed)
            try harness.register(granting: 600)
            let active = try #require(harness.state.activeRegistration)
            #expect(active.grantedExpires == 600)
            #expect(active.expiresAt == Self.at(600))
            #expect(harness.timers[.expiry] == Self.at(600))
            // 50–90 % of 600 s, and at least the 5 s margin before expiry
            let refresh = try #require(harness.timers[.refresh])
            #expect(refresh >= Self.at(300) && refresh <= Self.at(540), "seed \(seed): \(refresh)")
            refreshPoints.insert(refresh)
        }
        // jitter: twenty accounts do not refresh in one burst
        #expect(refreshPoints.count > 10)
    }

    @Test(arguments: [
        // (granted s, earliest ms, latest ms)
        (3600, 1_800_000, 3_240_000),
        (600, 300_000, 540_000),
        (40, 20_000, 35_000),   // 90 % would be 36 s: the 5 s margin wins
        (10, 5_000, 5_000),     // margin and 50 % meet
        (4, 2_000, 2_000),      // too short for the margin: half of it
    ] as [(Int64, Int64, Int64)])
    func refreshWindow(granted: Int64, earliest: Int64, latest: Int64) {
        let window = RegistrationRefreshPolicy().window(forGranted: .seconds(granted))
        #expect(window == .milliseconds(earliest) ... .milliseconds(latest))
    }

    @Test func refreshIsSentWhenItsTimerFiresAndKeepsTheStateRegistered() throws {
        var harness = RegistrationHarness(.test(expires: 3600))
        try harness.register(granting: 600)
        let refreshAt = try #require(harness.timers[.refresh])
        harness.advance(to: refreshAt - .seconds(1))
        #expect(harness.sent.count == 1)
        harness.advance(to: refreshAt)
        #expect(harness.sent.count == 2)
        let refresh = try harness.last
        // it asks for the configured interval again, not the granted one
        #expect(refresh.contactExpiries.map(\.1) == [3600])
        #expect(refresh.cseq?.number == 2)
        // no state change while a refresh is under way
        #expect(harness.states.count == 2)
        try harness.accept(granting: 600)
        let active = try #require(harness.state.activeRegistration)
        #expect(active.expiresAt == refreshAt + .seconds(600))
    }

    @Test(arguments: [
        // (contact expires param, Expires header, granted)
        (UInt32?.some(120), UInt32?.some(900), UInt32(120)),
        (nil, 900, 900),
        (nil, nil, 3600),
    ])
    func grantedExpiresFallsBackFromContactToHeaderToAsked(param: UInt32?, header: UInt32?, granted: UInt32) throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        let request = try harness.last
        try harness.respond(200) { response in
            var ours = request.contacts[0].nameAddr!
            ours.parameters.set("expires", param.map(String.init))
            response.contacts = [.address(ours)]
            if let header { response.headers.add("Expires", String(header)) }
        }
        #expect(harness.state.activeRegistration?.grantedExpires == granted)
    }

    @Test func otherDevicesBindingsAreListedAndOursIsMarked() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        try harness.accept(granting: 300, others: ["<sip:alice@198.51.100.7:5062>;expires=3000",
                                                   "<sip:alice@192.0.2.10:5060;transport=tcp>;expires=20"])
        let active = try #require(harness.state.activeRegistration)
        #expect(active.grantedExpires == 300)
        #expect(active.bindings.map(\.isOurs) == [true, false, false])
        #expect(active.bindings.map(\.expires) == [300, 3000, 20])
    }

    @Test func intervalTooBriefRetriesAtOnceWithMinExpires() throws {
        var harness = RegistrationHarness(.test(expires: 60))
        harness.handle(.start)
        try harness.respond(423) { $0.headers.add("Min-Expires", "1800") }
        #expect(harness.sent.count == 2)
        let retry = try harness.last
        #expect(retry.contactExpiries.map(\.1) == [1800])
        #expect(retry.cseq?.number == 2)
        #expect(harness.timers.isEmpty)
        try harness.accept()
        #expect(harness.state.activeRegistration?.grantedExpires == 1800)
        // later refreshes keep asking for Min-Expires
        try harness.runUntilFired(.refresh)
        #expect(try harness.last.contactExpiries.map(\.1) == [1800])
    }

    @Test(arguments: [nil, "30"] as [String?])
    func intervalTooBriefWithoutAUsableMinExpiresFails(minExpires: String?) throws {
        var harness = RegistrationHarness(.test(expires: 60))
        harness.handle(.start)
        try harness.respond(423) { response in
            if let minExpires { response.headers.add("Min-Expires", minExpires) }
        }
        #expect(harness.sent.count == 1)
        #expect(harness.state == .failed(.serverError(statusCode: 423, reasonPhrase: "Interval Too Brief"),
                                         retryAt: nil))
    }

    @Test func bindingLapsesWhenRefreshesFail() throws {
        // the refresh goes out after 60 s at the earliest; a first wait of at
        // least 100 s puts the retry past the expiry at 120 s
        let backoff = RegistrationBackoff(baseTime: .seconds(100), maximumTime: .seconds(1800))
        var harness = RegistrationHarness(.test(expires: 120, backoff: backoff))
        try harness.register()
        try harness.runUntilFired(.refresh)
        try harness.timeOut()
        // the binding is still in force: registered, with the problem noted
        let active = try #require(harness.state.activeRegistration)
        #expect(active.refreshFailure == .timeout)
        let retryAt = try #require(harness.timers[.retry])

        #expect(retryAt > Self.at(120))

        harness.advance(to: Self.at(120))
        #expect(harness.state == .failed(.expired, retryAt: retryAt))
        #expect(!harness.state.isRegistered)
    }

    @Test func expiryWhileARefreshIsInFlight() throws {
        var harness = RegistrationHarness(.test(expires: 20))
        try harness.register()
        try harness.runUntilFired(.refresh)
        let sent = harness.sent.count
        harness.advance(to: Self.at(20))
        #expect(harness.state == .failed(.expired, retryAt: nil))
        #expect(harness.sent.count == sent)
        // the refresh still answers: registered again
        try harness.accept()
        #expect(harness.state.isRegistered)
    }

    @Test func grantedZeroIsNotABinding() throws {
        var harness = RegistrationHarness(.test(expires: 60))
        harness.handle(.start)
        try harness.accept(granting: 0)
        guard case .failed(.bindingNotKept, retryAt: .some) = harness.state else {
            Issue.record("state \(harness.state)")
            return
        }
        #expect(harness.timers.keys.sorted { $0.rawValue < $1.rawValue } == [.retry])
    }
}
