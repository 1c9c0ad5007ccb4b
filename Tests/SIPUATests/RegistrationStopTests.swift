import Foundation
import SIPCore
@testable import SIPUA
import Testing

/// Unregistering, querying bindings, and changing the contact.
@Suite struct RegistrationStopTests {
    @Test func stopRemovesOurContactOnly() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.handle(.stop)
        let request = try harness.last
        #expect(request.cseq?.number == 2)
        // §10.2.2: expires=0 for our contact, never `Contact: *`
        #expect(request.contactExpiries.map(\.0) == ["sip:alice@192.0.2.10:5060"])
        #expect(request.contactExpiries.map(\.1) == [0])
        #expect(!request.contacts.contains(.wildcard))
        #expect(harness.state == .unregistering)
        #expect(harness.timers.isEmpty)

        try harness.respond(200)
        #expect(harness.state == .unregistered)
        #expect(harness.sent.count == 2 && harness.timers.isEmpty)
    }

    @Test func stopEndsUnregisteredEvenWhenTheRegistrarIsGone() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.handle(.stop)
        try harness.timeOut()
        #expect(harness.state == .unregistered)
        harness.advance(by: .seconds(7200))
        #expect(harness.sent.count == 2)
    }

    @Test func stopAfterAChallengeAnswersIt() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.handle(.stop)
        try harness.challenge(nonce: "u1")
        #expect(harness.sent.count == 3)
        #expect(try harness.last.authorization().nonce == "u1")
        #expect(try harness.last.contactExpiries.map(\.1) == [0])
        try harness.respond(200)
        #expect(harness.state == .unregistered)
    }

    @Test func stopWhileRegisteringWaitsForTheAnswerThenRemoves() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        harness.handle(.stop)
        // §10.2: one REGISTER at a time
        #expect(harness.sent.count == 1)
        #expect(harness.state == .unregistering)
        try harness.accept()
        #expect(harness.sent.count == 2)
        #expect(try harness.last.contactExpiries.map(\.1) == [0])
        #expect(!harness.states.contains { $0.isRegistered })
        try harness.respond(200)
        #expect(harness.state == .unregistered)
    }

    @Test func stopBeforeAnythingWasSentSendsNothing() {
        var harness = RegistrationHarness()
        #expect(harness.handle(.stop).isEmpty)
        #expect(harness.state == .unregistered)
    }

    @Test func restartAfterStop() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.handle(.stop)
        harness.handle(.start)
        #expect(harness.sent.count == 2)   // the unregister is still in flight
        try harness.respond(200)
        #expect(try harness.last.contactExpiries.map(\.1) == [3600])
        try harness.accept()
        #expect(harness.state.isRegistered)
    }

    @Test func queryWhileUnregisteredListsTheBindings() throws {
        var harness = RegistrationHarness()
        harness.handle(.queryBindings)
        let query = try harness.last
        #expect(query.contacts.isEmpty)
        #expect(query.values("Expires").isEmpty)
        let actions = try harness.respond(200) { response in
            response.contacts = [.address(try! NameAddr(parsing: "<sip:alice@198.51.100.7>;expires=1200"))]
        }
        #expect(actions == [.bindingsQueried([RegistrarBinding(
            address: try NameAddr(parsing: "<sip:alice@198.51.100.7>;expires=1200"), expires: 1200, isOurs: false)])])
        #expect(harness.state == .unregistered)
    }

    @Test func queryWhileRegisteredUpdatesTheBindings() throws {
        var harness = RegistrationHarness()
        try harness.register(granting: 900)
        harness.handle(.queryBindings)
        #expect(try harness.last.contacts.isEmpty)
        try harness.respond(200) { response in
            response.contacts = [
                .address(try! NameAddr(parsing: "<sip:alice@192.0.2.10:5060>;expires=850")),
                .address(try! NameAddr(parsing: "<sip:alice@198.51.100.7>;expires=40")),
            ]
        }
        let active = try #require(harness.state.activeRegistration)
        #expect(active.bindings.map(\.isOurs) == [true, false])
        #expect(active.grantedExpires == 900)
    }

    @Test func queryFailureIsReportedAndChangesNothing() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.handle(.queryBindings)
        let actions = try harness.timeOut()
        #expect(actions == [.bindingQueryFailed(.timeout)])
        #expect(harness.state.isRegistered)
    }

    @Test func queryIsAnsweredEvenAfterRegisteringGaveUp() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        try harness.respond(403)
        #expect(harness.state == .failed(.serverError(statusCode: 403, reasonPhrase: "Forbidden"), retryAt: nil))
        harness.handle(.queryBindings)
        #expect(harness.sent.count == 2)
        let actions = try harness.respond(403)
        #expect(actions == [.bindingQueryFailed(.serverError(statusCode: 403, reasonPhrase: "Forbidden"))])
        #expect(harness.sent.count == 2)
    }

    @Test func queryWaitsForTheRegisterInFlight() throws {
        var harness = RegistrationHarness()
        harness.handle(.start)
        harness.handle(.queryBindings)
        #expect(harness.sent.count == 1)
        try harness.accept()
        #expect(harness.sent.count == 2)
        #expect(try harness.last.contacts.isEmpty)
    }

    @Test func contactChangeRegistersTheNewContactAndRemovesTheOld() throws {
        var harness = RegistrationHarness()
        try harness.register()
        let learned = SIPURI(user: "alice", host: "203.0.113.9", port: 34012)
        harness.handle(.contactChanged(learned))
        let request = try harness.last
        #expect(request.cseq?.number == 2)
        #expect(request.contactExpiries.map(\.0) == ["sip:alice@203.0.113.9:34012", "sip:alice@192.0.2.10:5060"])
        #expect(request.contactExpiries.map(\.1) == [3600, 0])
        try harness.accept()
        #expect(harness.state.activeRegistration?.contact == learned)
        #expect(harness.state.activeRegistration?.bindings.map(\.isOurs) == [true])
        // the old contact is gone for good: the refresh names only the new one
        try harness.runUntilFired(.refresh)
        #expect(try harness.last.contactExpiries.map(\.0) == ["sip:alice@203.0.113.9:34012"])
    }

    @Test func contactChangeWithAnInstanceIDLetsTheRegistrarReplaceTheBinding() throws {
        var harness = RegistrationHarness(.test(instanceID: RegistrationConfiguration.instance, outbound: true))
        try harness.register()
        harness.handle(.contactChanged(SIPURI(user: "alice", host: "203.0.113.9", port: 34012)))
        let request = try harness.last
        // RFC 5626 §6: same +sip.instance and reg-id replace the old binding
        #expect(request.contactExpiries.map(\.0) == ["sip:alice@203.0.113.9:34012"])
        #expect(request.contacts.first?.nameAddr?.parameters.value(of: "reg-id") == "1")
    }

    @Test func contactChangeWhileUnregisteredOnlyChangesTheContact() throws {
        var harness = RegistrationHarness()
        #expect(harness.handle(.contactChanged(SIPURI(user: "alice", host: "203.0.113.9"))).isEmpty)
        harness.handle(.start)
        #expect(try harness.last.contactExpiries.map(\.0) == ["sip:alice@203.0.113.9"])
    }

    @Test func contactChangeDuringARefreshFollowsIt() throws {
        var harness = RegistrationHarness()
        try harness.register()
        try harness.runUntilFired(.refresh)
        harness.handle(.contactChanged(SIPURI(user: "alice", host: "203.0.113.9")))
        #expect(harness.sent.count == 2)
        try harness.accept()
        #expect(harness.sent.count == 3)
        #expect(try harness.last.contactExpiries.map(\.1) == [3600, 0])
    }

    @Test func stopAfterAContactChangeRemovesBoth() throws {
        var harness = RegistrationHarness()
        try harness.register()
        harness.handle(.contactChanged(SIPURI(user: "alice", host: "203.0.113.9")))
        harness.handle(.stop)
        try harness.timeOut()   // the re-register with both contacts
        let request = try harness.last
        #expect(request.contactExpiries.map(\.1) == [0, 0])
        #expect(Set(request.contactExpiries.map(\.0)) == ["sip:alice@203.0.113.9", "sip:alice@192.0.2.10:5060"])
    }
}
