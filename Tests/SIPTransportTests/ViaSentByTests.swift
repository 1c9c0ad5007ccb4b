import SIPCore
import Testing
@testable import SIPTransport

@Suite struct ViaSentByTests {
    @Test func sentByTakesTheTransportAndAddressUsedAndAsksForRport() throws {
        var via = try Via(parsing: "SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK-abc")
        via.setSentBy(SIPSocketAddress(host: "10.0.0.5", port: 40000), transport: .tcp)
        #expect(via.description == "SIP/2.0/TCP 10.0.0.5:40000;branch=z9hG4bK-abc;rport")
    }

    @Test func aFilledInRportFromBeforeBecomesAFlagAgain() throws {
        var via = try Via(parsing: "SIP/2.0/UDP 10.0.0.5:5060;rport=1234;branch=z9hG4bK-1")
        via.setSentBy(SIPSocketAddress(host: "10.0.0.5", port: 5062), transport: .udp)
        #expect(via.rport == .some(nil))
        #expect(via.parameters.filter { $0.name == "rport" }.count == 1)
    }

    @Test func rportCanBeLeftOut() throws {
        var via = try Via(parsing: "SIP/2.0/UDP h;branch=z9hG4bK-1")
        via.setSentBy(SIPSocketAddress(host: "::1", port: 5060), transport: .udp, requestingRport: false)
        #expect(via.description == "SIP/2.0/UDP [::1]:5060;branch=z9hG4bK-1")
    }

    @Test func requestsWithoutViaGetOneWithAnRFC3261Branch() {
        var request = SIPMessage.request(.options, SIPURI(host: "example.test"))
        request.stampTopVia(sentBy: SIPSocketAddress(host: "192.0.2.4", port: 5060), transport: .udp)
        #expect(request.vias.count == 1)
        #expect(request.topVia?.hasRFC3261Branch == true)
        #expect(request.topVia?.sentBy == "192.0.2.4:5060")
    }

    @Test func responsesKeepTheirVias() throws {
        var response = SIPMessage.response(200)
        response.vias = [try Via(parsing: "SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bK-9")]
        let before = response
        response.stampTopVia(sentBy: SIPSocketAddress(host: "192.0.2.4", port: 5060), transport: .tcp)
        #expect(response == before)
    }

    @Test func observedAddressComesFromReceivedAndRport() throws {
        let via = try Via(parsing: "SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK-1;received=203.0.113.7;rport=40123")
        let observed = try #require(via.observedAddress)
        #expect(observed.address == SIPSocketAddress(host: "203.0.113.7", port: 40123))
        #expect(observed.sentBy == SIPSocketAddress(host: "192.168.1.10", port: 5060))
        #expect(observed.isTranslated)
    }

    @Test func observedAddressWithOnlyReceivedKeepsTheSentByPort() throws {
        let via = try Via(parsing: "SIP/2.0/TLS 192.168.1.10;branch=z9hG4bK-1;received=203.0.113.7")
        #expect(via.observedAddress?.address == SIPSocketAddress(host: "203.0.113.7", port: 5061))
    }

    @Test func noObservedAddressWhenTheServerFilledInNothing() throws {
        #expect(try Via(parsing: "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK-1;rport").observedAddress == nil)
        #expect(try Via(parsing: "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK-1").observedAddress == nil)
    }

    @Test func sameAddressIsNotTranslated() throws {
        let via = try Via(parsing: "SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK-1;received=192.0.2.4;rport=5060")
        #expect(via.observedAddress?.isTranslated == false)
    }
}

@Suite struct SIPResponseRoutingTests {
    let source = SIPSocketAddress(host: "203.0.113.7", port: 40123)

    @Test func rportSendsToTheSourcePort() throws {
        let via = try Via(parsing: "SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK-1;rport")
        #expect(SIPResponseRouting.datagramDestination(topVia: via, source: source) == source)
    }

    @Test func withoutRportTheSentByPortOr5060IsUsed() throws {
        let withPort = try Via(parsing: "SIP/2.0/UDP 192.168.1.10:5070;branch=z9hG4bK-1")
        let withoutPort = try Via(parsing: "SIP/2.0/UDP 192.168.1.10;branch=z9hG4bK-1")
        #expect(SIPResponseRouting.datagramDestination(topVia: withPort, source: source)
                == SIPSocketAddress(host: "203.0.113.7", port: 5070))
        #expect(SIPResponseRouting.datagramDestination(topVia: withoutPort, source: source)
                == SIPSocketAddress(host: "203.0.113.7", port: 5060))
    }

    @Test func markReceivedFillsInRportAndReceived() throws {
        var via = try Via(parsing: "SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK-1;rport")
        SIPResponseRouting.markReceived(&via, source: source)
        #expect(via.description == "SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK-1;rport=40123;received=203.0.113.7")
    }

    @Test func markReceivedAddsReceivedOnlyWhenTheHostDiffers() throws {
        var same = try Via(parsing: "SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bK-1")
        SIPResponseRouting.markReceived(&same, source: source)
        #expect(same.received == nil && same.rport == nil)
        var other = try Via(parsing: "SIP/2.0/UDP pc.example.test:5060;branch=z9hG4bK-1")
        SIPResponseRouting.markReceived(&other, source: source)
        #expect(other.received == "203.0.113.7" && other.rport == nil)
    }
}
