import NIOCore
import NIOEmbedded
import Testing
@testable import SIPTransport

/// The keepalive driver on an EmbeddedEventLoop, whose clock only moves
/// when the test advances it.
@Suite struct SIPStreamKeepaliveHandlerTests {
    static let ping: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
    static let schedule = SIPKeepaliveSchedule(interval: .seconds(100))

    func makeChannel(_ probe: SinkProbe) throws -> (EmbeddedChannel, SIPConnectionInfo) {
        let channel = EmbeddedChannel()
        let id = SIPConnectionID(rawValue: 1)
        let destination = SIPDestination(transport: .tcp, host: "192.0.2.1")
        try channel.pipeline.syncOperations.addHandlers([
            SIPStreamHandler(transport: .tcp, connection: id, isInsecure: false, sink: probe.sink),
            SIPStreamKeepaliveHandler(sink: probe.sink),
            SIPConnectionMonitor(id: id, destination: destination, sink: probe.sink, handshakeTimeout: .seconds(10)),
        ])
        channel.localAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 40000)
        try channel.connect(to: try SocketAddress(ipAddress: "192.0.2.1", port: 5060)).wait()
        let flow = SIPFlow(channel: channel, transport: .tcp, connection: id, isInsecure: false)
        let info = SIPConnectionInfo(id: id, destination: destination, flow: flow)
        try channel.pipeline.triggerUserOutboundEvent(
            SIPStreamKeepaliveCommand.start(info, schedule: Self.schedule, pongTimeout: .seconds(10))).wait()
        return (channel, info)
    }

    func outbound(_ channel: EmbeddedChannel) throws -> [UInt8]? {
        try channel.readOutbound(as: ByteBuffer.self).map { Array($0.readableBytesView) }
    }

    /// Moves the loop clock in steps until a ping is written; returns when.
    func advanceUntilPing(_ channel: EmbeddedChannel, limit: TimeAmount = .seconds(200)) throws -> TimeAmount? {
        var elapsed = TimeAmount.zero
        while elapsed < limit {
            channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
            elapsed = elapsed + .milliseconds(100)
            if let bytes = try outbound(channel) {
                #expect(bytes == Self.ping)
                return elapsed
            }
        }
        return nil
    }

    @Test func pingsWithinTheJitterWindowAndReportsThePong() async throws {
        let probe = SinkProbe()
        let (channel, info) = try makeChannel(probe)
        let first = try #require(try advanceUntilPing(channel))
        // found within 100 ms of being sent
        #expect(first >= .seconds(80) && first <= .milliseconds(100_100), "first ping at 80-100% of the interval")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(300))
        try channel.writeInbound(ByteBuffer(bytes: [0x0D, 0x0A]))
        let second = try #require(try advanceUntilPing(channel))
        #expect(channel.isActive, "the answered ping does not fail the flow")
        #expect(second >= .seconds(80) && second <= .milliseconds(100_100),
                "the next ping follows the pong by a jittered interval")
        let (_, events) = await probe.drain()
        guard case .keepalivePong(let pongInfo, let roundTrip) = events.first else {
            Issue.record("expected a pong event, got \(events)")
            return
        }
        #expect(pongInfo == info)
        #expect(roundTrip >= .milliseconds(300) && roundTrip <= .milliseconds(400))
        _ = try channel.finish()
    }

    @Test func aMissingPongFailsTheFlowAndClosesTheConnection() async throws {
        let probe = SinkProbe()
        let (channel, info) = try makeChannel(probe)
        _ = try #require(try advanceUntilPing(channel))
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(9_899))
        #expect(channel.isActive, "the pong may take up to 10 s")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(101))
        #expect(!channel.isActive)
        let (_, events) = await probe.drain()
        #expect(events.count == 2)
        guard case .keepaliveTimeout(let timedOut) = events.first,
              case .closed(let closed, .keepaliveTimeout) = events.last else {
            Issue.record("expected keepalive timeout then close, got \(events)")
            return
        }
        #expect(timedOut == info && closed.id == info.id)
    }

    @Test func stoppedKeepalivesSendNothing() async throws {
        let probe = SinkProbe()
        let (channel, _) = try makeChannel(probe)
        try await channel.pipeline.triggerUserOutboundEvent(SIPStreamKeepaliveCommand.stop).get()
        channel.embeddedEventLoop.advanceTime(by: .seconds(1000))
        #expect(try outbound(channel) == nil)
        #expect(channel.isActive)
        _ = try channel.finish()
    }
}
