import SIPCore
@testable import SIPUA
import Testing

/// Which of the contacts a registrar lists is ours (RFC 3261 §19.1.4, RFC 5626 §6).
@Suite struct OwnContactMatcherTests {
    static let instance = #""<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>""#

    struct Case: Sendable, CustomTestStringConvertible {
        var listed: String
        var instanceURN: String?
        var registrationID: String?
        var isOurs: Bool
        var testDescription: String { listed }
    }

    @Test(arguments: [
        Case(listed: "<sip:alice@192.0.2.10:5060>;expires=60", isOurs: true),
        Case(listed: "<sip:alice@192.0.2.10:5060;ob>", isOurs: true),     // one-sided other params are fine
        Case(listed: "<SIP:alice@192.0.2.10:5060>", isOurs: true),        // scheme and host ignore case
        Case(listed: "<sip:ALICE@192.0.2.10:5060>", isOurs: false),       // user does not
        Case(listed: "<sip:alice@192.0.2.10>", isOurs: false),            // explicit default port ≠ none
        Case(listed: "<sip:alice@192.0.2.10:5060;transport=tcp>", isOurs: false),
        Case(listed: "<sip:alice@198.51.100.7:5060>", isOurs: false),
        // with an instance id the instance decides, even over a rewritten URI
        Case(listed: "<sip:alice@198.51.100.7:40000>;+sip.instance=\(instance)",
             instanceURN: "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>", isOurs: true),
        Case(listed: "<sip:alice@192.0.2.10:5060>;+sip.instance=\"<urn:uuid:11111111-0000-1000-8000-aabbccddeeff>\"",
             instanceURN: "<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>", isOurs: false),
        // RFC 5626 §9.4: one instance, two flows; reg-id tells them apart
        Case(listed: "<sip:alice@192.0.2.10:5060>;reg-id=2;+sip.instance=\(instance)",
             instanceURN: "<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>", registrationID: "1", isOurs: false),
        Case(listed: "<sip:alice@192.0.2.10:5060>;reg-id=1;+sip.instance=\(instance)",
             instanceURN: "<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>", registrationID: "1", isOurs: true),
        // a registrar that drops the instance: fall back to the URI
        Case(listed: "<sip:alice@192.0.2.10:5060>",
             instanceURN: "<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>", registrationID: "1", isOurs: true),
    ])
    func matches(_ example: Case) throws {
        let matcher = OwnContactMatcher(contact: RegistrationConfiguration.aliceContact,
                                        instanceURN: example.instanceURN, registrationID: example.registrationID)
        #expect(matcher.isOurs(try NameAddr(parsing: example.listed)) == example.isOurs)
    }

    @Test func outboundGrantComesFromOurFlowNotTheOther() throws {
        var harness = RegistrationHarness(.test(instanceID: RegistrationConfiguration.instance, outbound: true))
        harness.handle(.start)
        try harness.respond(200) { response in
            response.contacts = [
                .address(try! NameAddr(parsing: "<sip:alice@192.0.2.10:5060>;reg-id=2;expires=3600;+sip.instance=\(Self.instance)")),
                .address(try! NameAddr(parsing: "<sip:alice@192.0.2.10:5060>;reg-id=1;expires=300;+sip.instance=\(Self.instance)")),
            ]
        }
        let active = try #require(harness.state.activeRegistration)
        #expect(active.grantedExpires == 300)
        #expect(active.bindings.map(\.isOurs) == [false, true])
    }
}
