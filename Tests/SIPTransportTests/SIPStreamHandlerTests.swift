import NIOCore
import NIOEmbedded
import NIOSSL
import SIPCore
import Testing
@testable import SIPTransport

/// The stream pipeline of one connection on an EmbeddedChannel: the stream
/// handler, the keepalive handler and the connection monitor, as the
/// transport layer builds it.
@Suite struct SIPStreamHandlerTests {
    static let local = try! SocketAddress(ipAddress: "127.0.0.1", port: 40000)
    static let remote = try! SocketAddress(ipAddress: "192.0.2.1", port: 5060)
    static let id = SIPConnectionID(rawValue: 7)

    func makeChannel(_ probe: SinkProbe) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        let destination = SIPDestination(transport: .tcp, host: "192.0.2.1")
        try channel.pipeline.syncOperations.addHandlers([
            SIPStreamHandler(transport: .tcp, connection: Self.id, isInsecure: false, sink: probe.sink),
            SIPStreamKeepaliveHandler(sink: probe.sink),
            SIPConnectionMonitor(id: Self.id, destination: destination, sink: probe.sink,
                                 handshakeTimeout: .seconds(10)),
        ])
        channel.localAddress = Self.local
        try channel.connect(to: Self.remote).wait()
        return channel
    }

    func write(_ bytes: [UInt8], to channel: EmbeddedChannel) throws {
        try channel.writeInbound(ByteBuffer(bytes: bytes))
    }

    func outbound(_ channel: EmbeddedChannel) throws -> [UInt8]? {
        try channel.readOutbound(as: ByteBuffer.self).map { Array($0.readableBytesView) }
    }

    @Test func oneMessageIsDeliveredWithItsFlow() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try write(TestMessages.options("TCP"), to: channel)
        let (messages, events) = await probe.drain()
        let message = try #require(messages.first)
        #expect(messages.count == 1)
        #expect(message.result.verdict == .accept)
        #expect(message.message?.method == .options)
        #expect(message.flow == SIPFlow(transport: .tcp, local: SIPSocketAddress(host: "127.0.0.1", port: 40000),
                                        remote: SIPSocketAddress(host: "192.0.2.1", port: 5060), connection: Self.id))
        #expect(message.message?.topVia?.received == "192.0.2.1", "the source is marked on the request")
        #expect(message.message?.topVia?.rport == .some(5060))
        #expect(events.isEmpty, "the layer, not the handlers, reports connected")
        _ = try channel.finish()
    }

    @Test func twoMessagesInOneReadComeOutSeparately() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try write(TestMessages.options("TCP", cseq: 1) + TestMessages.options("TCP", cseq: 2), to: channel)
        let (messages, _) = await probe.drain()
        #expect(messages.compactMap { $0.message?.cseq?.number } == [1, 2])
        #expect(probe.traces.all.map(\.direction) == [.received, .received])
        _ = try channel.finish()
    }

    @Test func splitReadsAreJoined() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        let bytes = TestMessages.options("TCP", body: "hello")
        for byte in bytes { try write([byte], to: channel) }
        let (messages, _) = await probe.drain()
        #expect(messages.count == 1)
        #expect(messages.first?.message?.body == Array("hello".utf8))
        _ = try channel.finish()
    }

    @Test func aPingIsAnsweredWithAPong() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try write([0x0D, 0x0A, 0x0D, 0x0A], to: channel)
        #expect(try outbound(channel) == [0x0D, 0x0A])
        let (messages, _) = await probe.drain()
        #expect(messages.isEmpty, "keepalives are not messages")
        _ = try channel.finish()
    }

    @Test func aRejectedRequestIsAnsweredOnTheConnection() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        // a stream message is framed by Content-Length, so make the parser
        // reject it for another reason: an unsupported SIP version (505)
        let request = String(decoding: TestMessages.options("TCP"), as: UTF8.self)
            .replacingOccurrences("SIP/2.0\r\n", "SIP/7.0\r\n")
        try write(Array(request.utf8), to: channel)
        let reply = try #require(try outbound(channel))
        let parsed = SIPParser.parse(framed: reply)
        #expect(parsed.message?.statusCode == 505)
        #expect(parsed.message?.topVia?.received == "192.0.2.1")
        let (messages, _) = await probe.drain()
        #expect(messages.first?.answeredByTransport == true)
        #expect(probe.traces.all.map(\.direction) == [.received, .sent])
        _ = try channel.finish()
    }

    @Test func aFramingFailureClosesTheConnectionAndSaysWhy() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try write(Array("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK-2\r\n\r\n".utf8), to: channel)
        #expect(!channel.isActive)
        let (_, events) = await probe.drain()
        guard case .closed(let info, .framingFailure(let detail)) = events.last else {
            Issue.record("expected closed with framing failure, got \(events)")
            return
        }
        #expect(info.id == Self.id)
        #expect(detail.contains("Content-Length"))
    }

    @Test func thePeerClosingIsReported() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        channel.pipeline.fireChannelInactive()
        let (_, events) = await probe.drain()
        guard case .closed(_, .peerClosed) = events.last else {
            Issue.record("expected closed by peer, got \(events)")
            return
        }
        _ = try? channel.finish()
    }

    @Test func aTLSPeerLeavingWithoutCloseNotifyCountsAsAPeerClose() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        channel.pipeline.fireErrorCaught(NIOSSLError.uncleanShutdown)
        channel.pipeline.fireChannelInactive()
        let (_, events) = await probe.drain()
        guard case .closed(_, .peerClosed) = events.last else {
            Issue.record("expected closed by peer, got \(events)")
            return
        }
        _ = try? channel.finish()
    }

    @Test func otherErrorsCloseWithTheirKind() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        channel.pipeline.fireErrorCaught(IOError(errnoCode: 104, reason: "read"))
        #expect(!channel.isActive)
        let (_, events) = await probe.drain()
        guard case .closed(_, .error(let error)) = events.last else {
            Issue.record("expected closed with an error, got \(events)")
            return
        }
        #expect(error.kind == .connectionFailed)
    }

    @Test func closingFromTheLayerIsALocalClose() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try await channel.close().get()
        let (_, events) = await probe.drain()
        guard case .closed(_, .localClose) = events.last else {
            Issue.record("expected a local close, got \(events)")
            return
        }
    }
}
