import SIPCore
@testable import SIPUA
import Testing

/// RFC 3665 §2: Bob's phone against the RFC's registrar messages, parsed by
/// osip from the copies in `RFC3665Registration`.
@Suite struct RFC3665RegistrationFlowTests {
    static func bob() throws -> RegistrationConfiguration {
        var configuration = RegistrationConfiguration(
            addressOfRecord: try SIPURI(parsing: "sips:bob@biloxi.example.com"),
            registrar: try SIPURI(parsing: "sips:ss2.biloxi.example.com"),
            contact: try SIPURI(parsing: "sips:bob@client.biloxi.example.com"),
            displayName: "Bob")
        // the RFC's Call-ID, so its responses match our requests
        configuration.callID = "1j9FpLxk3uxtm8tn@biloxi.example.com"
        return configuration
    }

    static func parse(_ bytes: [UInt8]) throws -> SIPMessage {
        let result = SIPParser.parse(datagram: bytes)
        #expect(result.verdict == .accept)
        return try #require(result.message)
    }

    /// §2.1 Successful New Registration: F1 REGISTER, F2 401, F3 REGISTER
    /// with credentials, F4 200.
    @Test func successfulNewRegistration() throws {
        var harness = RegistrationHarness(try Self.bob(), username: "bob")
        harness.handle(.start)

        let f1 = try Self.parse(RFC3665Registration.section2_1_F01)
        let ours1 = try harness.last
        #expect(ours1.requestURI == f1.requestURI)
        #expect(ours1.to == f1.to)
        #expect(ours1.from?.uri == f1.from?.uri && ours1.from?.displayName == f1.from?.displayName)
        #expect(ours1.callID == f1.callID && ours1.cseq == f1.cseq)
        #expect(ours1.contacts.map { $0.nameAddr?.uri } == f1.contacts.map { $0.nameAddr?.uri })
        #expect(ours1.maxForwards == f1.maxForwards)
        #expect(ours1.topVia?.transport == f1.topVia?.transport)

        harness.handle(.responseReceived(try Self.parse(RFC3665Registration.section2_1_F02)))
        let f3 = try Self.parse(RFC3665Registration.section2_1_F03)
        let ours3 = try harness.last
        #expect(ours3.cseq == f3.cseq && ours3.callID == f3.callID)
        #expect(ours3.contacts.map { $0.nameAddr?.uri } == f3.contacts.map { $0.nameAddr?.uri })
        let answer = try ours3.authorization()
        let theirs = try f3.authorization()
        #expect(answer.username == theirs.username && answer.realm == theirs.realm)
        #expect(answer.nonce == theirs.nonce && answer.uri == theirs.uri && answer.opaque == theirs.opaque)

        harness.handle(.responseReceived(try Self.parse(RFC3665Registration.section2_1_F04)))
        let active = try #require(harness.state.activeRegistration)
        #expect(active.grantedExpires == 3600)
        #expect(active.bindings.map(\.isOurs) == [true])
        #expect(harness.states.count == 2)
    }

    /// §2.5 Unsuccessful Registration: the answer to F2 draws another 401 (F4).
    @Test func unsuccessfulRegistration() throws {
        var harness = RegistrationHarness(try Self.bob(), username: "bob", password: "not-bobs")
        harness.handle(.start)
        harness.handle(.responseReceived(try Self.parse(RFC3665Registration.section2_5_F02)))
        #expect(harness.sent.count == 2)
        #expect(try harness.last.authorization().nonce == "f1cec4341ae6ca9c8e88df84be55a359")
        harness.handle(.responseReceived(try Self.parse(RFC3665Registration.section2_5_F04)))
        #expect(harness.state == .failed(.authenticationRejected(realm: "atlanta.example.com"), retryAt: nil))
        #expect(harness.sent.count == 2)
    }

    /// §2.3 Request for Current Contact List: F2 lists our contact and a mailto one.
    @Test func requestForCurrentContactList() throws {
        var harness = RegistrationHarness(try Self.bob(), username: "bob")
        let actions = harness.handle(.queryBindings)
        #expect(try harness.last.contacts.isEmpty)
        #expect(actions.count == 1)
        let answer = harness.handle(.responseReceived(try Self.parse(RFC3665Registration.section2_3_F02)))
        guard case .bindingsQueried(let bindings) = try #require(answer.first) else {
            Issue.record("\(answer)")
            return
        }
        #expect(bindings.map(\.address.uri.description) == ["sips:bob@client.biloxi.example.com",
                                                             "mailto:bob@biloxi.example.com"])
        #expect(bindings.map(\.expires) == [3600, 4_294_967_295])
        #expect(bindings.map(\.isOurs) == [true, false])
    }

    @Test func responsesOfAnotherCallIDAreIgnored() throws {
        var harness = RegistrationHarness(username: "bob")
        harness.handle(.start)
        // F2 has the RFC's Call-ID, not this machine's random one
        #expect(harness.handle(.responseReceived(try Self.parse(RFC3665Registration.section2_1_F02))).isEmpty)
        #expect(harness.sent.count == 1)
    }
}
