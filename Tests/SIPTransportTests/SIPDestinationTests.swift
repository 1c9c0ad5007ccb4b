import NIOCore
import NIOSSL
import SIPCore
import Testing
@testable import SIPTransport

@Suite struct SIPDestinationTests {
    @Test func uriTransportChoice() throws {
        let sips = SIPDestination(uri: try SIPURI(parsing: "sips:alice@example.test"))
        #expect(sips.transport == .tls && sips.port == 5061 && sips.serverName == "example.test")
        let tcp = SIPDestination(uri: try SIPURI(parsing: "sip:example.test:5080;transport=tcp"))
        #expect(tcp.transport == .tcp && tcp.port == 5080 && tcp.transportPinned)
        let plain = SIPDestination(uri: try SIPURI(parsing: "sip:192.0.2.1"))
        #expect(plain.transport == .udp && plain.port == 5060 && !plain.transportPinned)
        let pinned = SIPDestination(uri: try SIPURI(parsing: "sip:192.0.2.1;transport=udp"))
        #expect(pinned.transportPinned)
    }

    @Test func serverNameIsTheHostNameNeverAnIP() {
        #expect(SIPDestination(transport: .tls, host: "127.0.0.1").serverName == nil)
        #expect(SIPDestination(transport: .tls, host: "[::1]").serverName == nil)
        #expect(SIPDestination(transport: .tls, host: "[::1]").host == "::1")
        #expect(SIPDestination(transport: .tls, host: "sip.example.test").serverName == "sip.example.test")
        let resolved = SIPDestination(transport: .tls, host: "192.0.2.9", serverName: "sip.example.test")
        #expect(resolved.serverName == "sip.example.test")
    }

    @Test func insecureOnlyMeansSomethingForTLS() {
        #expect(SIPDestination(transport: .tls, host: "h", insecure: true).isInsecure)
        #expect(!SIPDestination(transport: .tcp, host: "h", insecure: true).isInsecure)
    }
}

@Suite struct SIPTransportErrorTests {
    @Test func tlsErrorsHaveTheirOwnKind() {
        #expect(SIPTransportError.classify(NIOSSLError.handshakeFailed(.sslError([]))).kind == .tls)
        #expect(SIPTransportError.classify(NIOSSLExtraError.failedToValidateHostname).kind == .tls)
        #expect(SIPTransportError.classify(BoringSSLError.sslError([])).kind == .tls)
    }

    @Test func socketErrorsAreSorted() {
        #expect(SIPTransportError.classify(ChannelError.connectTimeout(.seconds(1))).kind == .timeout)
        #expect(SIPTransportError.classify(ChannelError.ioOnClosedChannel).kind == .connectionClosed)
        #expect(SIPTransportError.classify(IOError(errnoCode: 111, reason: "connect")).kind == .connectionFailed)
        let own = SIPTransportError(.notListening, "x")
        #expect(SIPTransportError.classify(own) == own)
    }
}
