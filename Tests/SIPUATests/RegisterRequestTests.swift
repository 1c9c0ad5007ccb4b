import SIPCore
@testable import SIPUA
import Testing

/// The REGISTER requests themselves: RFC 3261 §10.2 fields, Route, outbound.
@Suite struct RegisterRequestTests {
    @Test func firstRegisterCarriesEveryField() throws {
        var harness = RegistrationHarness()
        let actions = harness.handle(.start)
        let request = try harness.last
        #expect(actions == [.stateChanged(.registering), .send(request)])

        #expect(request.method == .register)
        #expect(request.requestURI?.description == "sip:example.com")
        #expect(request.to?.description == "\"Alice\" <sip:alice@example.com>")
        #expect(request.to?.tag == nil)
        let from = try #require(request.from)
        #expect(from.uri == RegistrationConfiguration.aliceAOR && from.displayName == "Alice")
        #expect(from.tag == harness.client.fromTag && (from.tag?.count ?? 0) >= 8)
        #expect(request.callID == harness.client.callID && (request.callID?.count ?? 0) >= 16)
        #expect(request.cseq == CSeq(1, .register))
        #expect(request.contactExpiries.map(\.0) == ["sip:alice@192.0.2.10:5060"])
        #expect(request.contactExpiries.map(\.1) == [3600])
        #expect(request.values("Max-Forwards") == ["70"])
        #expect(request.values("Supported") == ["path"])
        #expect(request.values("User-Agent") == ["Switchboard/test"])
        #expect(request.values("Authorization").isEmpty && request.values("Expires").isEmpty)
        #expect(request.routes.isEmpty)
        let via = try #require(request.topVia)
        #expect(via.transport == "UDP" && via.host == "192.0.2.10" && via.port == 5060)
        #expect(via.hasRFC3261Branch && via.rport == .some(nil))
        #expect(harness.state == .registering)
    }

    @Test(arguments: ["sip:proxy.example.com", "sip:proxy.example.com;lr"])
    func outboundProxyBecomesOneLooseRoute(proxy: String) throws {
        var harness = RegistrationHarness(.test(outboundProxy: try SIPURI(parsing: proxy)))
        harness.handle(.start)
        let request = try harness.last
        #expect(request.routes.map(\.description) == ["<sip:proxy.example.com;lr>"])
        // the Request-URI stays the registrar (§10.2); the proxy is only the next hop
        #expect(request.requestURI?.description == "sip:example.com")
    }

    /// RFC 5626 §9.2 F1 (flows/rfc5626/9.2_registration/F01.sip) registers
    /// `Contact: <sip:bob@192.0.2.2;transport=tcp>;reg-id=1;+sip.instance="<urn:uuid:…>"`
    /// with `Supported: path, outbound`.
    @Test func outboundAddsInstanceRegIDAndOptionTag() throws {
        var harness = RegistrationHarness(.test(instanceID: RegistrationConfiguration.instance, outbound: true))
        harness.handle(.start)
        let request = try harness.last
        let contact = try #require(request.contacts.first?.nameAddr)
        #expect(contact.parameters.value(of: "+sip.instance") == "\"<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>\"")
        #expect(contact.parameters.value(of: "reg-id") == "1")
        #expect(request.values("Supported") == ["path, outbound"])
    }

    @Test func instanceWithoutOutboundHasNoRegID() throws {
        var harness = RegistrationHarness(.test(instanceID: RegistrationConfiguration.instance, outbound: false))
        harness.handle(.start)
        let contact = try #require(try harness.last.contacts.first?.nameAddr)
        #expect(contact.parameters.contains("+sip.instance"))
        #expect(!contact.parameters.contains("reg-id"))
        #expect(try harness.last.values("Supported") == ["path"])
    }

    @Test func outboundWithoutInstanceIsOff() throws {
        var harness = RegistrationHarness(.test(outbound: true))
        harness.handle(.start)
        #expect(try harness.last.values("Supported") == ["path"])
        #expect(try harness.last.contacts.first?.nameAddr?.parameters.contains("reg-id") == false)
    }

    @Test(arguments: [
        ("sip:alice@192.0.2.10:5060", "UDP"),
        ("sip:alice@192.0.2.10:5060;transport=tcp", "TCP"),
        ("sips:alice@client.example.com", "TLS"),
    ])
    func viaFollowsTheContactTransport(contact: String, transport: String) throws {
        var configuration = RegistrationConfiguration.test()
        configuration.contact = try SIPURI(parsing: contact)
        var harness = RegistrationHarness(configuration)
        harness.handle(.start)
        let via = try #require(try harness.last.topVia)
        #expect(via.transport == transport)
        #expect((via.rport != nil) == (transport == "UDP"))
    }

    @Test func everyRegisterHasANewBranchAndTheSameDialogIdentifiers() throws {
        var harness = RegistrationHarness(.test(expires: 60))
        try harness.register()
        for _ in 0..<3 {
            try harness.runUntilFired(.refresh)
            try harness.accept()
        }
        #expect(harness.sent.compactMap(\.cseq?.number) == [1, 2, 3, 4])
        #expect(Set(harness.sent.compactMap(\.callID)).count == 1)
        #expect(Set(harness.sent.compactMap(\.from?.tag)).count == 1)
        #expect(Set(harness.sent.compactMap(\.topVia?.branch)).count == 4)
    }

    @Test func configuredCallIDAndInitialCSeqAreUsed() throws {
        var configuration = RegistrationConfiguration.test()
        configuration.callID = "kept-across-restarts@192.0.2.10"
        configuration.initialCSeq = 41
        var harness = RegistrationHarness(configuration)
        harness.handle(.start)
        #expect(try harness.last.callID == "kept-across-restarts@192.0.2.10")
        #expect(try harness.last.cseq == CSeq(41, .register))
    }

    @Test func sameSeedSameRequests() throws {
        var first = RegistrationHarness(seed: 7)
        var second = RegistrationHarness(seed: 7)
        first.handle(.start)
        second.handle(.start)
        #expect(try first.last == second.last)
        var other = RegistrationHarness(seed: 8)
        other.handle(.start)
        #expect(try other.last.callID != first.last.callID)
    }
}
