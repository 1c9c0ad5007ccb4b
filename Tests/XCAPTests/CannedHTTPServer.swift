import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A loopback TCP listener that answers each connection with fixed bytes
/// once the request's header (and body, by Content-Length) has arrived: the
/// way to get responses no real server sends (broken status lines, short
/// bodies, endless headers). Integration with a real XCAP server is in
/// IntegrationTests against Kamailio.
final class CannedHTTPServer: Sendable {
    /// What to do with the n-th connection (0-based); the last one repeats.
    enum Reply: Sendable {
        case bytes([UInt8], thenClose: Bool)
        case silence
    }

    /// The requests received so far, in order.
    final class Log: Sendable {
        let entries = Mutex<[String]>([])
    }

    let port: Int
    private let log = Log()
    private let channel: any Channel

    /// The requests received so far (a copy).
    var requests: [String] { log.entries.withLock { $0 } }

    init(_ replies: [Reply]) async throws {
        let counter = Mutex(0)
        let log = self.log
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                let index = counter.withLock { count in
                    defer { count += 1 }
                    return count
                }
                let reply = replies[min(index, replies.count - 1)]
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(Responder(reply: reply, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func close() async {
        try? await channel.close()
    }

    static func text(_ response: String, thenClose: Bool = true) -> Reply {
        .bytes(Array(response.utf8), thenClose: thenClose)
    }
}

private final class Responder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let reply: CannedHTTPServer.Reply
    let log: CannedHTTPServer.Log
    var received: [UInt8] = []
    var answered = false

    init(reply: CannedHTTPServer.Reply, log: CannedHTTPServer.Log) {
        self.reply = reply
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard !answered, let request = complete() else { return }
        answered = true
        log.entries.withLock { $0.append(request) }
        guard case .bytes(let bytes, let thenClose) = reply else { return }
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
        if thenClose { context.close(promise: nil) }
    }

    /// The whole request once its header and Content-Length body are in.
    private func complete() -> String? {
        let text = String(decoding: received, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let header = text[..<end.lowerBound].lowercased()
        let length = header.split(separator: "\r\n")
            .first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return text[end.upperBound...].utf8.count >= length ? text : nil
    }
}
