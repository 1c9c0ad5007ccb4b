import Logging
import NIOCore
import NIOPosix
import SIPCore

/// The UA's transports: one UDP socket it listens on, and the TCP and TLS
/// connections it opens (and reuses, RFC 3261 §18) on demand.
///
/// Everything that arrives comes out of `inboundMessages`; connection
/// changes come out of `connectionEvents`. Each stream has one consumer.
/// Call `shutdown()` when done: it closes every channel and ends both
/// streams.
public actor SIPTransportLayer {
    public nonisolated let inboundMessages: AsyncStream<SIPInboundMessage>
    public nonisolated let connectionEvents: AsyncStream<SIPConnectionEvent>
    public nonisolated let configuration: SIPTransportConfiguration

    let group: any EventLoopGroup
    let sink: SIPTransportSink
    let logger: Logger
    var udpChannel: (any Channel)?
    var connections: [SIPDestination: ConnectionSlot] = [:]
    var connectionsByID: [SIPConnectionID: StreamConnection] = [:]
    var lastConnectionID: UInt64 = 0
    var tlsContexts: SIPTLSContextFactory
    /// Source address the kernel picks towards a host, when bound to a wildcard.
    var sourceAddressCache: [String: String] = [:]
    var isShutDown = false

    /// A connection being opened, shared by everyone who asks meanwhile, or open.
    enum ConnectionSlot {
        case connecting(EventLoopFuture<StreamConnection>)
        case open(StreamConnection)
    }

    struct StreamConnection: Sendable {
        let channel: any Channel
        let info: SIPConnectionInfo
    }

    public init(configuration: SIPTransportConfiguration = SIPTransportConfiguration(),
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                logger: Logger = Logger(label: "switchboard.sip.transport")) {
        self.configuration = configuration
        self.group = eventLoopGroup
        self.logger = logger
        self.tlsContexts = SIPTLSContextFactory(settings: configuration.tls)
        let (inbound, inboundContinuation) = AsyncStream.makeStream(of: SIPInboundMessage.self)
        let (events, eventsContinuation) = AsyncStream.makeStream(of: SIPConnectionEvent.self)
        self.inboundMessages = inbound
        self.connectionEvents = events
        self.sink = SIPTransportSink(inbound: inboundContinuation, events: eventsContinuation,
                                     traceHook: configuration.traceHook, logger: logger)
    }

    deinit {
        // shutdown() is the orderly way; this only keeps sockets from leaking
        udpChannel?.close(promise: nil)
        for connection in connectionsByID.values { connection.channel.close(promise: nil) }
        sink.finish()
    }

    /// Binds the UDP socket (port 0: any free port) and returns the address
    /// it got. Requests and responses arrive on it; UDP sends leave from it,
    /// so that responses and NAT bindings use the same port (RFC 3581 §6).
    @discardableResult
    public func bindUDP(host: String = "0.0.0.0", port: Int = 0) async throws(SIPTransportError) -> SIPSocketAddress {
        try checkRunning()
        guard udpChannel == nil else { throw SIPTransportError(.configuration, "UDP is already bound") }
        let sink = sink
        let bootstrap = DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            // NIO reads a datagram into a 2,048-octet buffer by default and
            // cuts what does not fit; an RLS NOTIFY (RFC 4662) with a few
            // PIDF parts is larger. 65,535 holds any UDP payload.
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_535))
            // A storm of answers (10,000 subscriptions, each a 200 and a
            // NOTIFY) must not overflow the kernel's queue: 1 MiB asked for,
            // the kernel caps it at net.core.rmem_max. recvmmsg takes up to
            // 16 queued datagrams per system call instead of one.
            .channelOption(.socketOption(.so_rcvbuf), value: 1 << 20)
            .channelOption(.datagramVectorReadMessageCount, value: 16)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandlers(
                        [SIPDatagramHandler(sink: sink), SIPDatagramKeepaliveHandler()])
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            throw SIPTransportError(.configuration, "cannot bind UDP \(host):\(port): \(error)")
        }
        udpChannel = channel
        guard let address = SIPSocketAddress(channel.localAddress) else {
            throw SIPTransportError(.configuration, "UDP socket has no IP address")
        }
        logger.info("listening", metadata: ["udp": "\(address)"])
        return address
    }

    /// The bound UDP address, if bound.
    public var udpLocalAddress: SIPSocketAddress? { SIPSocketAddress(udpChannel?.localAddress) }

    /// The TCP and TLS connections that are open now.
    public var openConnections: [SIPConnectionInfo] {
        connectionsByID.values.map(\.info).sorted { $0.id.rawValue < $1.id.rawValue }
    }

    /// Closes one connection; a `.closed(…, .localClose)` event follows.
    public func close(_ connection: SIPConnectionID) async {
        guard let channel = connectionsByID[connection]?.channel else { return }
        try? await channel.close()
    }

    /// Closes every channel and ends both event streams. Idempotent.
    public func shutdown() async {
        guard !isShutDown else { return }
        isShutDown = true
        var channels = connectionsByID.values.map(\.channel)
        for case .connecting(let future) in connections.values {
            if let connection = try? await future.get() { channels.append(connection.channel) }
        }
        if let udpChannel { channels.append(udpChannel) }
        for channel in channels { try? await channel.close() }
        udpChannel = nil
        connections.removeAll()
        connectionsByID.removeAll()
        sink.finish()
    }

    func checkRunning() throws(SIPTransportError) {
        if isShutDown { throw SIPTransportError(.shutDown, "the transport layer was shut down") }
    }
}
