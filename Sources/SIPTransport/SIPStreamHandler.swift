import NIOCore
import SIPCore

/// Turns the bytes of a TCP or TLS connection into SIP messages.
///
/// Frames with `SIPStreamFramer` (Content-Length, RFC 3261 §18.3), parses
/// each message, answers requests the parser rejects on the same connection
/// (RFC 3261 §18.2.2), answers a ping with a pong and passes pongs on to the
/// keepalive handler (RFC 5626 §4.4.1). A stream that cannot be framed is
/// closed: nothing after the bad message can be trusted to start a message.
final class SIPStreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let transport: SIPTransportKind
    private let connection: SIPConnectionID
    private let isInsecure: Bool
    private let sink: SIPTransportSink
    private var framer = SIPStreamFramer()

    init(transport: SIPTransportKind, connection: SIPConnectionID, isInsecure: Bool, sink: SIPTransportSink) {
        self.transport = transport
        self.connection = connection
        self.isInsecure = isInsecure
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        for event in framer.append(buffer.readableBytesView) {
            switch event {
            case .message(let octets):
                receive(octets, context: context)
            case .ping:
                // RFC 5626 §4.4.1: a ping is answered with a pong on the same flow
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: SIPKeepaliveOctets.pong)), promise: nil)
            case .pong:
                context.fireUserInboundEventTriggered(SIPStreamPongSignal())
            case .failure(let reason):
                sink.logger.warning("closing unframeable stream", metadata: ["reason": "\(reason)"])
                context.fireUserInboundEventTriggered(SIPCloseCause(reason: .framingFailure(reason)))
                context.close(promise: nil)
                return
            }
        }
    }

    private func receive(_ octets: [UInt8], context: ChannelHandlerContext) {
        let flow = SIPFlow(channel: context.channel, transport: transport, connection: connection,
                           isInsecure: isInsecure)
        sink.trace(.received, flow: flow, octets: octets)
        let outcome = SIPInboundProcessing.process(octets, flow: flow)
        if let reply = outcome.reply {
            let bytes = reply.serialized()
            sink.trace(.sent, flow: flow, octets: bytes)
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
        }
        if let inbound = outcome.inbound {
            if !inbound.result.verdict.isAccepted {
                sink.logger.info("received invalid message", metadata: [
                    "verdict": "\(inbound.result.verdict)", "detail": "\(inbound.result.detail ?? "")",
                    "flow": "\(flow)"])
            }
            sink.deliver(inbound)
        }
    }
}
