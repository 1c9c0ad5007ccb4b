import NIOCore
import SIPCore

/// Receives the datagrams of the UA's UDP socket: one message each
/// (RFC 3261 §18.3), parsed and delivered; a request the parser rejects is
/// answered from here, to the address RFC 3261 §18.2.2 and RFC 3581 §4 name
/// (the source port when the client asked for rport). Bad responses are
/// dropped, keepalive-only datagrams ignored.
final class SIPDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let sink: SIPTransportSink

    init(sink: SIPTransportSink) {
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let source = SIPSocketAddress(envelope.remoteAddress) else { return }
        let octets = Array(envelope.data.readableBytesView)
        let flow = SIPFlow(transport: .udp,
                           local: SIPSocketAddress(context.channel.localAddress) ?? SIPSocketAddress(host: "0.0.0.0", port: 0),
                           remote: source)
        let outcome = SIPInboundProcessing.process(octets, flow: flow)
        guard let inbound = outcome.inbound else { return }   // CRLF keepalive
        sink.trace(.received, flow: flow, octets: octets)
        if let reply = outcome.reply, let target = outcome.replyDestination {
            send(reply, to: target, flow: flow, context: context)
        }
        if case .drop(let reason) = inbound.result.verdict {
            sink.logger.info("dropped datagram", metadata: ["reason": "\(reason)", "from": "\(source)"])
        }
        sink.deliver(inbound)
    }

    private func send(_ reply: SIPMessage, to target: SIPSocketAddress, flow: SIPFlow, context: ChannelHandlerContext) {
        guard let address = try? SocketAddress(ipAddress: target.host, port: target.port) else { return }
        let bytes = reply.serialized()
        var replyFlow = flow
        replyFlow.remote = target
        sink.trace(.sent, flow: replyFlow, octets: bytes)
        let envelope = AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: bytes))
        context.writeAndFlush(wrapOutboundOut(envelope), promise: nil)
    }
}
