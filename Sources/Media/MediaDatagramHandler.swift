import NIOCore

/// The pipeline of an RTP or RTCP socket: hands each datagram's bytes to
/// the session's driver on the event loop. Socket errors (an ICMP port
/// unreachable surfacing as ECONNREFUSED when the other side is not
/// listening yet) are counted, not fatal: media keeps flowing.
final class MediaDatagramHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    enum Port {
        case rtp, rtcp
    }

    private let port: Port
    private let driver: NIOLoopBoundBox<RTPMediaSessionDriver?>

    init(port: Port, driver: NIOLoopBoundBox<RTPMediaSessionDriver?>) {
        self.port = port
        self.driver = driver
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let bytes = Array(envelope.data.readableBytesView)
        driver.value?.received(bytes, on: port, from: envelope.remoteAddress)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        driver.value?.socketError(error, on: port)
    }
}
