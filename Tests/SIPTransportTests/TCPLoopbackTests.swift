import SIPCore
import Testing
@testable import SIPTransport

@Suite struct TCPLoopbackTests {
    @Test func twoRequestsShareOneConnection() async throws {
        let server = try await TestStreamServer.start()
        let alice = SIPTransportLayer()
        try await withCleanup([alice], servers: [server]) {
            let inbound = StreamRecorder(alice.inboundMessages)
            let events = StreamRecorder(alice.connectionEvents)
            let destination = SIPDestination(transport: .tcp, host: "127.0.0.1", port: server.port)
            let first = try await alice.send(TestMessages.optionsMessage(to: server.port, cseq: 1), to: destination)
            let second = try await alice.send(TestMessages.optionsMessage(to: server.port, cseq: 2), to: destination)
            #expect(first.flow == second.flow)
            #expect(first.flow.connection != nil && first.transport == .tcp)

            let one = try await inbound.first { $0.message?.cseq?.number == 1 && $0.isOK }
            let two = try await inbound.first { $0.message?.cseq?.number == 2 && $0.isOK }
            #expect(one.flow.connection == first.flow.connection && two.flow.connection == first.flow.connection)
            let via = try #require(one.message?.topVia)
            #expect(via.transport == "TCP" && via.sentBy == first.flow.local.description)
            #expect(one.observedAddress?.address == first.flow.local)

            #expect(server.acceptedCount == 1, "RFC 3261 §18: the connection is reused")
            #expect(await alice.openConnections.count == 1)
            let connected = await events.elements.filter { if case .connected = $0 { true } else { false } }
            #expect(connected.count == 1)
        }
    }

    @Test func concurrentRequestsWaitForTheSameConnection() async throws {
        let server = try await TestStreamServer.start()
        let alice = SIPTransportLayer()
        try await withCleanup([alice], servers: [server]) {
            let inbound = StreamRecorder(alice.inboundMessages)
            let destination = SIPDestination(transport: .tcp, host: "127.0.0.1", port: server.port)
            async let a = alice.send(TestMessages.optionsMessage(to: server.port, cseq: 1), to: destination)
            async let b = alice.send(TestMessages.optionsMessage(to: server.port, cseq: 2), to: destination)
            async let c = alice.connect(to: destination)
            let (first, second, info) = try await (a, b, c)
            #expect(first.flow.connection == second.flow.connection && info.id == first.flow.connection)
            // once both are answered the server has accepted every connection used
            _ = try await inbound.first { $0.isOK && $0.message?.cseq?.number == 1 }
            _ = try await inbound.first { $0.isOK && $0.message?.cseq?.number == 2 }
            #expect(server.acceptedCount == 1)
        }
    }

    @Test func thePeerClosingIsReportedAndTheNextSendReconnects() async throws {
        let server = try await TestStreamServer.start()
        let alice = SIPTransportLayer()
        try await withCleanup([alice], servers: [server]) {
            let events = StreamRecorder(alice.connectionEvents)
            let inbound = StreamRecorder(alice.inboundMessages)
            let destination = SIPDestination(transport: .tcp, host: "127.0.0.1", port: server.port)
            let first = try await alice.connect(to: destination)
            await server.closeConnections()
            let closed = try await events.first { if case .closed = $0 { true } else { false } }
            guard case .closed(let info, .peerClosed) = closed else {
                Issue.record("expected closed by peer, got \(closed)")
                return
            }
            #expect(info.id == first.id)
            // the registration layer re-registers at once: a new connection comes up
            let receipt = try await alice.send(TestMessages.optionsMessage(to: server.port), to: destination)
            #expect(receipt.flow.connection != first.id)
            let answer = try await inbound.first(where: \.isOK)
            #expect(answer.flow.connection == receipt.flow.connection)
            #expect(server.acceptedCount == 2)
            let reconnected = try await events.first {
                if case .connected(let info) = $0 { info.id != first.id } else { false }
            }
            #expect(reconnected.description.hasPrefix("connected"))
        }
    }

    @Test func aRefusedConnectionFailsWithItsKind() async throws {
        let server = try await TestStreamServer.start()
        let port = server.port
        await server.stop()   // nothing listens there now
        let alice = SIPTransportLayer()
        try await withCleanup([alice]) {
            let events = StreamRecorder(alice.connectionEvents)
            let destination = SIPDestination(transport: .tcp, host: "127.0.0.1", port: port)
            let error = await #expect(throws: SIPTransportError.self) {
                try await alice.connect(to: destination)
            }
            #expect(error?.kind == .connectionFailed)
            let failed = try await events.first { if case .failed = $0 { true } else { false } }
            guard case .failed(let failedDestination, _) = failed else { return }
            #expect(failedDestination == destination)
        }
    }

    @Test func keepalivePingsAreAnsweredOverARealConnection() async throws {
        let server = try await TestStreamServer.start()
        let alice = SIPTransportLayer()
        try await withCleanup([alice], servers: [server]) {
            let events = StreamRecorder(alice.connectionEvents)
            let destination = SIPDestination(transport: .tcp, host: "127.0.0.1", port: server.port)
            let flow = try await alice.startKeepalive(to: destination,
                                                      schedule: SIPKeepaliveSchedule(interval: .milliseconds(50)))
            let pong = try await events.first { if case .keepalivePong = $0 { true } else { false } }
            guard case .keepalivePong(let info, let roundTrip) = pong else { return }
            #expect(info.flow == flow)
            #expect(roundTrip < .seconds(2))
        }
    }

    @Test func largeRequestsSwitchFromUDPToTCP() async throws {
        let server = try await TestStreamServer.start()
        let alice = SIPTransportLayer()
        try await withCleanup([alice], servers: [server]) {
            _ = try await alice.bindUDP(host: "127.0.0.1", port: 0)
            let inbound = StreamRecorder(alice.inboundMessages)
            // a UDP destination where only TCP listens: the request must go over TCP
            let destination = SIPDestination(transport: .udp, host: "127.0.0.1", port: server.port)
            let large = TestMessages.optionsMessage(to: server.port, body: Array(repeating: UInt8(ascii: "x"), count: 1400))
            let receipt = try await alice.send(large, to: destination)
            #expect(receipt.transport == .tcp && receipt.switchedForSize)
            let response = try await inbound.first(where: \.isOK)
            #expect(response.flow.transport == .tcp)
            #expect(response.message?.topVia?.transport == "TCP", "the Via names the transport used")
        }
    }

    @Test func largeRequestsFallBackToUDPWhenTCPIsRefused() async throws {
        let alice = SIPTransportLayer()
        let bob = SIPTransportLayer()
        try await withCleanup([alice, bob]) {
            _ = try await alice.bindUDP(host: "127.0.0.1", port: 0)
            let bobAddress = try await bob.bindUDP(host: "127.0.0.1", port: 0)
            let bobInbound = StreamRecorder(bob.inboundMessages)
            let large = TestMessages.optionsMessage(to: bobAddress.port, body: Array(repeating: UInt8(ascii: "x"), count: 1400))
            let receipt = try await alice.send(large, to: SIPDestination(transport: .udp, host: "127.0.0.1",
                                                                         port: bobAddress.port))
            #expect(receipt.transport == .udp, "RFC 3261 §18.1.1: retry over UDP after a TCP reset")
            let delivered = try await bobInbound.first { _ in true }
            #expect(delivered.message?.body.count == 1400)
            #expect(delivered.message?.topVia?.transport == "UDP")
        }
    }
}
