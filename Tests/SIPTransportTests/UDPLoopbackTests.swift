import SIPCore
import Testing
@testable import SIPTransport

@Suite struct UDPLoopbackTests {
    @Test func optionsAndItsResponseOverUDP() async throws {
        let traces = TraceLog()
        var configuration = SIPTransportConfiguration()
        configuration.traceHook = { traces.append($0) }
        let alice = SIPTransportLayer(configuration: configuration)
        let bob = SIPTransportLayer()
        try await withCleanup([alice, bob]) {
            let aliceAddress = try await alice.bindUDP(host: "127.0.0.1", port: 0)
            let bobAddress = try await bob.bindUDP(host: "127.0.0.1", port: 0)
            #expect(aliceAddress.port != 0 && bobAddress.port != 0)
            let aliceInbound = StreamRecorder(alice.inboundMessages)
            let bobInbound = StreamRecorder(bob.inboundMessages)

            let receipt = try await alice.send(TestMessages.optionsMessage(to: bobAddress.port),
                                               to: SIPDestination(transport: .udp, host: "127.0.0.1", port: bobAddress.port))
            #expect(receipt.transport == .udp && !receipt.switchedForSize)
            #expect(receipt.flow.local == aliceAddress && receipt.flow.remote == bobAddress)

            let request = try await bobInbound.first { $0.message?.method == .options }
            #expect(request.flow.remote == aliceAddress && request.flow.transport == .udp)
            let via = try #require(request.message?.topVia)
            #expect(via.transport == "UDP" && via.sentBy == aliceAddress.description, "sent-by is the socket used")
            #expect(via.rport == .some(aliceAddress.port), "rport asked for and filled in")

            let reply = SIPReplyBuilder.reply(to: try #require(request.message), statusCode: 200)
            try await bob.send(reply, on: request.flow)
            let response = try await aliceInbound.first(where: \.isOK)
            #expect(response.flow.remote == bobAddress)
            #expect(response.observedAddress == SIPObservedAddress(address: aliceAddress, sentBy: aliceAddress))
            #expect(traces.all.map(\.direction) == [.sent, .received])
            #expect(traces.all.first?.remote == bobAddress && traces.all.first?.local == aliceAddress)
        }
    }

    @Test func anInvalidRequestGetsTheParsersReplyBack() async throws {
        let alice = SIPTransportLayer()
        let bob = SIPTransportLayer()
        try await withCleanup([alice, bob]) {
            _ = try await alice.bindUDP(host: "127.0.0.1", port: 0)
            let bobAddress = try await bob.bindUDP(host: "127.0.0.1", port: 0)
            let aliceInbound = StreamRecorder(alice.inboundMessages)
            let bobInbound = StreamRecorder(bob.inboundMessages)
            try await alice.send(bytes: TestMessages.badLength(),
                                 to: SIPDestination(transport: .udp, host: "127.0.0.1", port: bobAddress.port))
            let reply = try await aliceInbound.first { $0.message?.statusCode == 400 }
            #expect(reply.flow.remote == bobAddress)
            #expect(reply.message?.callID == "bad-1")
            let rejected = try await bobInbound.first { _ in true }
            #expect(rejected.answeredByTransport)
            #expect(rejected.result.verdict == .reject(statusCode: 400, reason: "Bad Request"))
        }
    }

    @Test func theTraceNeverSeesTheDigestResponse() async throws {
        let traces = TraceLog()
        var configuration = SIPTransportConfiguration()
        configuration.traceHook = { traces.append($0) }
        let alice = SIPTransportLayer(configuration: configuration)
        let bob = SIPTransportLayer()
        try await withCleanup([alice, bob]) {
            _ = try await alice.bindUDP(host: "127.0.0.1", port: 0)
            let bobAddress = try await bob.bindUDP(host: "127.0.0.1", port: 0)
            let bobInbound = StreamRecorder(bob.inboundMessages)
            var register = TestMessages.optionsMessage(to: bobAddress.port)
            register.headers.add("Authorization", "Digest username=\"alice\", realm=\"r\", nonce=\"n\", "
                + "uri=\"sip:r\", response=\"0123456789abcdef0123456789abcdef\"")
            let receipt = try await alice.send(register, to: SIPDestination(transport: .udp, host: "127.0.0.1",
                                                                            port: bobAddress.port))
            let delivered = try await bobInbound.first { _ in true }
            #expect(delivered.message?.headers["Authorization"]?.contains("0123456789abcdef") == true,
                    "the wire keeps the credentials")
            #expect(String(decoding: receipt.octets, as: UTF8.self).contains("0123456789abcdef"))
            let traced = String(decoding: try #require(traces.all.first).octets, as: UTF8.self)
            #expect(!traced.contains("0123456789abcdef"))
            #expect(traced.contains("response=\"<redacted>\""))
        }
    }

    @Test func aWildcardBindWritesTheRoutedSourceAddressAsSentBy() async throws {
        let alice = SIPTransportLayer()
        let bob = SIPTransportLayer()
        try await withCleanup([alice, bob]) {
            let bound = try await alice.bindUDP(host: "0.0.0.0", port: 0)
            #expect(bound.isUnspecified)
            let bobAddress = try await bob.bindUDP(host: "127.0.0.1", port: 0)
            let bobInbound = StreamRecorder(bob.inboundMessages)
            let receipt = try await alice.send(TestMessages.optionsMessage(to: bobAddress.port),
                                               to: SIPDestination(transport: .udp, host: "127.0.0.1", port: bobAddress.port))
            #expect(receipt.flow.local == SIPSocketAddress(host: "127.0.0.1", port: bound.port))
            let request = try await bobInbound.first { _ in true }
            #expect(request.message?.topVia?.sentBy == "127.0.0.1:\(bound.port)", "never 0.0.0.0")
        }
    }

    @Test func sendingUDPWithoutABoundSocketFails() async throws {
        let alice = SIPTransportLayer()
        try await withCleanup([alice]) {
            let error = await #expect(throws: SIPTransportError.self) {
                try await alice.send(TestMessages.optionsMessage(to: 9),
                                     to: SIPDestination(transport: .udp, host: "127.0.0.1", port: 9))
            }
            #expect(error?.kind == .notListening)
        }
    }
}
