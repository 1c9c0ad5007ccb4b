import NIOCore
import NIOPosix
import NIOSSL
import SIPCore
import Synchronization
@testable import SIPTransport

/// A tiny SIP server on loopback TCP (or TLS): answers every request with
/// 200 OK the way a registrar would (received/rport marked on the Via),
/// answers pings with pongs, counts the connections it accepted and can
/// close them to play a peer going away.
final class TestStreamServer: Sendable {
    let port: Int
    private let listener: any Channel
    private let accepted: AcceptedChannels

    private init(listener: any Channel, accepted: AcceptedChannels) {
        self.listener = listener
        self.port = listener.localAddress?.port ?? 0
        self.accepted = accepted
    }

    static func start(tls: NIOSSLContext? = nil) async throws -> TestStreamServer {
        let accepted = AcceptedChannels()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                accepted.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.addHandler(AnsweringHandler())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestStreamServer(listener: listener, accepted: accepted)
    }

    /// Connections accepted so far.
    var acceptedCount: Int { accepted.all.count }

    /// Closes every accepted connection, as a peer restarting would.
    func closeConnections() async {
        for channel in accepted.all { try? await channel.close() }
    }

    func stop() async {
        await closeConnections()
        try? await listener.close()
    }

    static func tlsContext(_ certificates: TestCertificates) throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificates.certificateFile).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: certificates.keyFile, format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}

/// The accepted child channels, added from the server's event loop.
final class AcceptedChannels: Sendable {
    private let channels = Mutex<[any Channel]>([])
    func add(_ channel: any Channel) { channels.withLock { $0.append(channel) } }
    var all: [any Channel] { channels.withLock { $0 } }
}

/// Frames requests and answers them 200 OK; answers pings.
private final class AnsweringHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var framer = SIPStreamFramer()

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        for event in framer.append(unwrapInboundIn(data).readableBytesView) {
            switch event {
            case .message(let octets):
                guard var request = SIPParser.parse(framed: octets).message, request.isRequest,
                      let source = SIPSocketAddress(context.channel.remoteAddress) else { continue }
                if !request.vias.isEmpty { SIPResponseRouting.markReceived(&request.vias[0], source: source) }
                let reply = SIPReplyBuilder.reply(to: request, statusCode: 200)
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: reply.serialized())), promise: nil)
            case .ping:
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: [0x0D, 0x0A])), promise: nil)
            case .pong:
                break
            case .failure:
                context.close(promise: nil)
            }
        }
    }
}
