import Testing
@testable import SIPTransport

@Suite struct SIPDatagramSizePolicyTests {
    let udp = SIPDestination(transport: .udp, host: "192.0.2.1")

    @Test func requestsOver1300OctetsSwitchToTCP() {
        let policy = SIPDatagramSizePolicy()
        #expect(policy.transport(forSize: 1300, isRequest: true, destination: udp) == .udp)
        #expect(policy.transport(forSize: 1301, isRequest: true, destination: udp) == .tcp)
    }

    @Test func responsesNeverSwitch() {
        #expect(SIPDatagramSizePolicy().transport(forSize: 5000, isRequest: false, destination: udp) == .udp)
    }

    @Test func pinnedUDPNeverSwitches() {
        let pinned = SIPDestination(transport: .udp, host: "192.0.2.1", transportPinned: true)
        #expect(SIPDatagramSizePolicy().transport(forSize: 5000, isRequest: true, destination: pinned) == .udp)
    }

    @Test func withinTwoHundredOctetsOfAKnownPathMTUSwitches() {
        let policy = SIPDatagramSizePolicy(maximumDatagramSize: 9000, pathMTU: 1400)
        #expect(policy.transport(forSize: 1200, isRequest: true, destination: udp) == .udp)
        #expect(policy.transport(forSize: 1201, isRequest: true, destination: udp) == .tcp)
    }

    @Test func thresholdIsConfigurable() {
        let policy = SIPDatagramSizePolicy(maximumDatagramSize: 500)
        #expect(policy.transport(forSize: 500, isRequest: true, destination: udp) == .udp)
        #expect(policy.transport(forSize: 501, isRequest: true, destination: udp) == .tcp)
    }

    @Test func streamDestinationsKeepTheirTransport() {
        let policy = SIPDatagramSizePolicy()
        for transport in [SIPTransportKind.tcp, .tls] {
            let destination = SIPDestination(transport: transport, host: "192.0.2.1")
            #expect(policy.transport(forSize: 100, isRequest: true, destination: destination) == transport)
            #expect(policy.transport(forSize: 60000, isRequest: true, destination: destination) == transport)
        }
    }
}
