import SIPCore
import Testing
@testable import SIPTransport

/// TLS against a server whose certificate (for localhost and 127.0.0.1) is
/// signed by a CA made for the test.
@Suite struct TLSLoopbackTests {
    func layer(caFile: String?) -> SIPTransportLayer {
        var configuration = SIPTransportConfiguration()
        configuration.tls = SIPTLSSettings(caFile: caFile)
        configuration.tlsHandshakeTimeout = .seconds(5)
        return SIPTransportLayer(configuration: configuration)
    }

    func withServer(certificateNamesIP: Bool = true,
                    _ body: (TestStreamServer, TestCertificates) async throws -> Void) async throws {
        let certificates = try TestCertificates.make(withIPAddress: certificateNamesIP)
        defer { certificates.remove() }
        let server = try await TestStreamServer.start(tls: try TestStreamServer.tlsContext(certificates))
        try await withCleanup([], servers: [server]) { try await body(server, certificates) }
    }

    @Test func verifiedWithTheRightCAFile() async throws {
        try await withServer(certificateNamesIP: false) { server, certificates in
            let alice = layer(caFile: certificates.caFile)
            try await withCleanup([alice]) {
                let inbound = StreamRecorder(alice.inboundMessages)
                // connect to the IP, verify the name: RFC 5922 §4
                let destination = SIPDestination(transport: .tls, host: "127.0.0.1", port: server.port,
                                                 serverName: "localhost")
                let receipt = try await alice.send(TestMessages.optionsMessage(to: server.port), to: destination)
                #expect(receipt.transport == .tls && !receipt.isInsecure)
                let response = try await inbound.first(where: \.isOK)
                #expect(response.flow.transport == .tls && !response.flow.isInsecure)
                #expect(response.message?.topVia?.transport == "TLS")
            }
        }
    }

    @Test func theIPAddressIsVerifiedWhenNoNameIsKnown() async throws {
        try await withServer { server, certificates in
            let alice = layer(caFile: certificates.caFile)
            try await withCleanup([alice]) {
                let info = try await alice.connect(to: SIPDestination(transport: .tls, host: "127.0.0.1", port: server.port))
                #expect(!info.isInsecure)
            }
        }
    }

    @Test func withoutTheCAVerificationFailsAsATLSError() async throws {
        try await withServer { server, _ in
            let alice = layer(caFile: nil)
            try await withCleanup([alice]) {
                let events = StreamRecorder(alice.connectionEvents)
                let destination = SIPDestination(transport: .tls, host: "127.0.0.1", port: server.port,
                                                 serverName: "localhost")
                let error = await #expect(throws: SIPTransportError.self) {
                    try await alice.send(TestMessages.optionsMessage(to: server.port), to: destination)
                }
                #expect(error?.kind == .tls)
                let failed = try await events.first { if case .failed = $0 { true } else { false } }
                guard case .failed(_, let reported) = failed else { return }
                #expect(reported.kind == .tls)
                #expect(await alice.openConnections.isEmpty)
            }
        }
    }

    /// swift-nio-ssl accepts a certificate whose IP entry matches the
    /// connected address even when a server name is given, so this server's
    /// certificate names only `localhost`.
    @Test func theWrongHostNameFailsAsATLSError() async throws {
        try await withServer(certificateNamesIP: false) { server, certificates in
            let alice = layer(caFile: certificates.caFile)
            try await withCleanup([alice]) {
                let destination = SIPDestination(transport: .tls, host: "127.0.0.1", port: server.port,
                                                 serverName: "sip.example.test")
                let error = await #expect(throws: SIPTransportError.self) {
                    try await alice.connect(to: destination)
                }
                #expect(error?.kind == .tls)
            }
        }
    }

    @Test func theInsecureOptOutConnectsAndSaysSo() async throws {
        try await withServer { server, _ in
            let alice = layer(caFile: nil)
            try await withCleanup([alice]) {
                let inbound = StreamRecorder(alice.inboundMessages)
                let events = StreamRecorder(alice.connectionEvents)
                let destination = SIPDestination(transport: .tls, host: "127.0.0.1", port: server.port,
                                                 serverName: "localhost", insecure: true)
                let receipt = try await alice.send(TestMessages.optionsMessage(to: server.port), to: destination)
                #expect(receipt.isInsecure)
                let response = try await inbound.first(where: \.isOK)
                #expect(response.flow.isInsecure)
                let connected = try await events.first { if case .connected = $0 { true } else { false } }
                guard case .connected(let info) = connected else { return }
                #expect(info.isInsecure)
            }
        }
    }

    @Test func anUnreadableCAFileIsAConfigurationError() async throws {
        let alice = layer(caFile: "/nonexistent/switchboard-ca.pem")
        try await withCleanup([alice]) {
            let error = await #expect(throws: SIPTransportError.self) {
                try await alice.connect(to: SIPDestination(transport: .tls, host: "127.0.0.1", port: 9))
            }
            #expect(error?.kind == .configuration)
        }
    }

    @Test func thePeerClosingATLSConnectionIsReported() async throws {
        try await withServer { server, certificates in
            let alice = layer(caFile: certificates.caFile)
            try await withCleanup([alice]) {
                let events = StreamRecorder(alice.connectionEvents)
                let info = try await alice.connect(to: SIPDestination(transport: .tls, host: "127.0.0.1",
                                                                      port: server.port, serverName: "localhost"))
                await server.closeConnections()
                let closed = try await events.first { if case .closed = $0 { true } else { false } }
                guard case .closed(let closedInfo, .peerClosed) = closed else {
                    Issue.record("expected closed by peer, got \(closed)")
                    return
                }
                #expect(closedInfo.id == info.id)
            }
        }
    }

    @Test func verifiedAndInsecureConnectionsAreNotShared() async throws {
        try await withServer { server, certificates in
            let alice = layer(caFile: certificates.caFile)
            try await withCleanup([alice]) {
                let verified = SIPDestination(transport: .tls, host: "127.0.0.1", port: server.port, serverName: "localhost")
                var insecure = verified
                insecure.insecure = true
                let first = try await alice.connect(to: verified)
                let second = try await alice.connect(to: insecure)
                #expect(first.id != second.id && !first.isInsecure && second.isInsecure)
                #expect(server.acceptedCount == 2)
            }
        }
    }
}
