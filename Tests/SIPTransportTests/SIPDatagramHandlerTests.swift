import NIOCore
import NIOEmbedded
import SIPCore
import Testing
@testable import SIPTransport

@Suite struct SIPDatagramHandlerTests {
    static let source = try! SocketAddress(ipAddress: "203.0.113.7", port: 40123)

    func makeChannel(_ probe: SinkProbe) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([SIPDatagramHandler(sink: probe.sink),
                                                         SIPDatagramKeepaliveHandler()])
        channel.localAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 5060)
        return channel
    }

    func receive(_ bytes: [UInt8], on channel: EmbeddedChannel, from source: SocketAddress = source) throws {
        try channel.writeInbound(AddressedEnvelope(remoteAddress: source, data: ByteBuffer(bytes: bytes)))
    }

    func sent(_ channel: EmbeddedChannel) throws -> (SocketAddress, [UInt8])? {
        try channel.readOutbound(as: AddressedEnvelope<ByteBuffer>.self)
            .map { ($0.remoteAddress, Array($0.data.readableBytesView)) }
    }

    @Test func aRejectedRequestIsAnsweredAtItsSourcePortWithRport() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try receive(TestMessages.badLength(), on: channel)
        let (address, reply) = try #require(try sent(channel))
        #expect(address == Self.source, "RFC 3581 §4: to the source IP and port")
        let response = try #require(SIPParser.parse(datagram: reply).message)
        #expect(response.statusCode == 400)
        #expect(response.topVia?.received == "203.0.113.7")
        #expect(response.topVia?.rport == .some(40123))
        let (messages, _) = await probe.drain()
        #expect(messages.first?.answeredByTransport == true)
        #expect(messages.first?.result.verdict == .reject(statusCode: 400, reason: "Bad Request"))
        _ = try channel.finish()
    }

    @Test func withoutRportTheReplyGoesToTheSentByPort() throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try receive(TestMessages.badLength(via: "SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bK-bad"), on: channel)
        let (address, _) = try #require(try sent(channel))
        #expect(address == (try SocketAddress(ipAddress: "203.0.113.7", port: 5070)))
        _ = try channel.finish()
    }

    @Test func validRequestsAreDeliveredMarkedWithTheirSource() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try receive(TestMessages.options(), on: channel)
        #expect(try sent(channel) == nil)
        let (messages, _) = await probe.drain()
        let message = try #require(messages.first)
        #expect(message.result.verdict == .accept && !message.answeredByTransport)
        #expect(message.flow.remote == SIPSocketAddress(host: "203.0.113.7", port: 40123))
        #expect(message.flow.local == SIPSocketAddress(host: "127.0.0.1", port: 5060))
        #expect(message.flow.connection == nil)
        #expect(message.message?.topVia?.received == "203.0.113.7")
        _ = try channel.finish()
    }

    @Test func badResponsesAreNotAnswered() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try receive(Array("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".utf8), on: channel)
        #expect(try sent(channel) == nil)
        let (messages, _) = await probe.drain()
        guard case .drop = messages.first?.result.verdict else {
            Issue.record("expected a dropped response, got \(messages.map(\.result.verdict))")
            return
        }
        _ = try channel.finish()
    }

    @Test func responsesTellTheObservedAddress() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        let response = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.168.1.10:5060;branch=z9hG4bK-1;rport=40123;received=203.0.113.7\r\n"
            + "From: <sip:alice@example.test>;tag=a1\r\nTo: <sip:bob@example.test>;tag=b1\r\nCall-ID: c\r\n"
            + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        try receive(Array(response.utf8), on: channel)
        let (messages, _) = await probe.drain()
        let observed = try #require(messages.first?.observedAddress)
        #expect(observed.address == SIPSocketAddress(host: "203.0.113.7", port: 40123))
        #expect(observed.isTranslated)
        _ = try channel.finish()
    }

    @Test func keepaliveDatagramsAreIgnored() async throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        try receive([0x0D, 0x0A, 0x0D, 0x0A], on: channel)
        try receive([0x0D, 0x0A], on: channel)
        #expect(try sent(channel) == nil)
        let (messages, _) = await probe.drain()
        #expect(messages.isEmpty)
        #expect(probe.traces.all.isEmpty)
        _ = try channel.finish()
    }

    @Test func keepalivesGoToEachTargetWithJitter() throws {
        let probe = SinkProbe()
        let channel = try makeChannel(probe)
        let registrar = try SocketAddress(ipAddress: "198.51.100.5", port: 5060)
        let schedule = SIPKeepaliveSchedule(interval: .seconds(25))
        try channel.pipeline.triggerUserOutboundEvent(SIPDatagramKeepaliveCommand.start(registrar, schedule: schedule)).wait()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(19_999))
        #expect(try sent(channel) == nil, "not before 80% of 25 s")
        var pings = 0
        for _ in 0..<100 {   // 100 s in steps of 1 s: between 4 and 5 pings
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
            while let (address, bytes) = try sent(channel) {
                #expect(address == registrar && bytes == [0x0D, 0x0A, 0x0D, 0x0A])
                pings += 1
            }
        }
        #expect((4...6).contains(pings))
        try channel.pipeline.triggerUserOutboundEvent(SIPDatagramKeepaliveCommand.stop(registrar)).wait()
        channel.embeddedEventLoop.advanceTime(by: .seconds(100))
        #expect(try sent(channel) == nil)
        _ = try channel.finish()
    }
}
