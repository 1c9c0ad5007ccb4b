#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// The audio of one call: RTP and RTCP on a pair of UDP sockets (RTP on an
/// even port, RTCP on the next, RFC 3550 §11), a source to send from and a
/// sink to play to, a 20 ms clock, DTMF, hold, and quality figures.
///
/// All decisions are `MediaSessionStateMachine`'s; this binds it to NIO. Its
/// event loop runs the clock and the sockets; the source and sink are called
/// on that loop and must not block (see `AudioSource`, `AudioSink`).
///
/// Not done here: symmetric RTP latching (sending to where packets come
/// from, for peers behind NAT), SRTP, codecs other than G.711.
public final class RTPMediaSession: Sendable {
    public enum Event: Sendable, Hashable {
        case dtmf(DTMFDigit)
        case quality(CallQuality)
        case remoteSourceChanged(ssrc: UInt32)
        case remoteGoodbye(reason: String?)
    }

    public struct Configuration: Sendable {
        /// The address to bind, e.g. "0.0.0.0" or the address in our SDP.
        public var localHost: String
        /// The RTP port; RTCP gets the next one. 0 picks a free even port
        /// whose successor is free too.
        public var localPort: Int
        /// Where to send RTP; nil until known (nothing is sent until then).
        public var remoteRTP: SocketAddress?
        /// Where to send RTCP; nil means the RTP port plus one.
        public var remoteRTCP: SocketAddress?
        public var media: MediaSessionConfiguration

        public init(
            localHost: String = "0.0.0.0", localPort: Int = 0, remoteRTP: SocketAddress?, remoteRTCP: SocketAddress? = nil,
            media: MediaSessionConfiguration
        ) {
            self.localHost = localHost
            self.localPort = localPort
            self.remoteRTP = remoteRTP
            self.remoteRTCP = remoteRTCP
            self.media = media
        }
    }

    public let localRTPAddress: SocketAddress
    public let localRTCPAddress: SocketAddress
    /// DTMF received, quality updates (after each RTCP report sent or
    /// received), source changes and BYE. Finishes when the session stops.
    public let events: AsyncStream<Event>
    private let eventLoop: any EventLoop
    private let driver: NIOLoopBoundBox<RTPMediaSessionDriver?>
    private let source: any AudioSource
    private let sink: any AudioSink
    private let isStopped = Mutex(false)

    private init(
        rtp: any Channel, rtcp: any Channel, events: AsyncStream<Event>, driver: NIOLoopBoundBox<RTPMediaSessionDriver?>,
        source: any AudioSource, sink: any AudioSink
    ) throws(RTPMediaSessionError) {
        guard let rtpAddress = rtp.localAddress, let rtcpAddress = rtcp.localAddress else {
            throw .bindFailed(host: "?", port: 0, reason: "socket has no local address")
        }
        localRTPAddress = rtpAddress
        localRTCPAddress = rtcpAddress
        self.events = events
        self.eventLoop = rtp.eventLoop
        self.driver = driver
        self.source = source
        self.sink = sink
    }

    /// Binds the sockets and starts the clock. The session owns `source` and
    /// `sink` from now on and closes them in `stop()`.
    public static func start(
        _ configuration: Configuration, source: any AudioSource, sink: any AudioSink,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "switchboard.media")
    ) async throws(RTPMediaSessionError) -> RTPMediaSession {
        let eventLoop = group.next()
        let driver = NIOLoopBoundBox.makeEmptyBox(valueType: RTPMediaSessionDriver.self, eventLoop: eventLoop)
        let (rtp, rtcp) = try await RTPPortPair.bind(
            host: configuration.localHost, port: configuration.localPort, eventLoop: eventLoop, driver: driver)
        let (events, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(256))
        let session: RTPMediaSession
        do {
            session = try RTPMediaSession(rtp: rtp, rtcp: rtcp, events: events, driver: driver, source: source, sink: sink)
        } catch {
            rtp.close(promise: nil)
            rtcp.close(promise: nil)
            throw error
        }
        let epoch = NIODeadline.now()
        let ntpEpoch = NTPTimestamp(timeSinceUnixEpoch: Self.wallclock())
        let machine = MediaSessionStateMachine(
            configuration: configuration.media, ntpEpoch: ntpEpoch, generator: SystemRandomNumberGenerator())
        let remoteRTP = configuration.remoteRTP
        let remoteRTCP = configuration.remoteRTCP
        try? await eventLoop.submit {
            let instance = RTPMediaSessionDriver(
                machine: machine, source: source, sink: sink, rtpChannel: rtp, rtcpChannel: rtcp, epoch: epoch,
                events: continuation, logger: logger)
            if let remoteRTP { instance.setRemote(rtp: remoteRTP, rtcp: remoteRTCP) }
            driver.value = instance
            instance.start()
        }.get()
        return session
    }

    /// Sets or changes where media goes (an SDP answer arrived, or a
    /// re-INVITE moved the other side).
    public func setRemote(rtp: SocketAddress, rtcp: SocketAddress? = nil) {
        let driver = driver
        eventLoop.execute { driver.value?.setRemote(rtp: rtp, rtcp: rtcp) }
    }

    /// The codec to send and the peer's telephone-event type, once the
    /// offer/answer agreed them.
    public func setFormat(codec: AudioCodec, telephoneEventPayloadType: UInt8?) {
        let driver = driver
        eventLoop.execute { driver.value?.setFormat(codec: codec, telephoneEventPayloadType: telephoneEventPayloadType) }
    }

    /// Hold and resume: `.sendonly` or `.inactive` when we hold, `.recvonly`
    /// when we are held, `.sendrecv` to resume.
    public func setDirection(_ direction: MediaDirection) {
        let driver = driver
        eventLoop.execute { driver.value?.setDirection(direction) }
    }

    /// Sends DTMF as RFC 4733 events; false if the other side did not
    /// negotiate telephone-event (use SIP INFO with `DTMFRelayBody`), if we
    /// are not sending, or if the session has stopped.
    public func sendDTMF(_ digits: [DTMFDigit], duration: Duration = .milliseconds(160)) async -> Bool {
        let driver = driver
        return (try? await eventLoop.submit { driver.value?.sendDTMF(digits, duration: duration) ?? false }.get()) ?? false
    }

    /// The figures now.
    public func quality() async -> CallQuality {
        let driver = driver
        return (try? await eventLoop.submit { driver.value?.machine.quality ?? CallQuality() }.get()) ?? CallQuality()
    }

    /// Sends RTCP BYE, closes both sockets (the ports are free when this
    /// returns), then closes the source and sink. A sink's close error (a
    /// recording that could not be written) is rethrown. Idempotent.
    public func stop() async throws {
        let alreadyStopped = isStopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped else { return }
        let driver = driver
        // A close can only fail for a channel already closed: free either way.
        try? await eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
            guard let instance = driver.value else { return driver.eventLoop.makeSucceededVoidFuture() }
            driver.value = nil
            return instance.stop()
        }.get()
        source.close()
        try sink.close()
    }

    deinit {
        // stop() is the orderly way; this only keeps sockets and devices
        // from leaking when a session is dropped without it.
        guard !isStopped.withLock({ $0 }) else { return }
        let driver = driver
        eventLoop.execute {
            _ = driver.value?.stop()
            driver.value = nil
        }
        source.close()
        try? sink.close()
    }

    private static func wallclock() -> Duration {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
    }
}

/// Why a media session could not start.
public enum RTPMediaSessionError: Error, Sendable, Hashable, CustomStringConvertible {
    case bindFailed(host: String, port: Int, reason: String)
    /// No even port with a free successor was found.
    case noFreePortPair(host: String)

    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason): "cannot bind media port \(host):\(port): \(reason)"
        case .noFreePortPair(let host): "no free RTP/RTCP port pair on \(host)"
        }
    }
}

/// Binding the two sockets of a session.
enum RTPPortPair {
    static let attempts = 32

    static func bind(
        host: String, port: Int, eventLoop: any EventLoop, driver: NIOLoopBoundBox<RTPMediaSessionDriver?>
    ) async throws(RTPMediaSessionError) -> (rtp: any Channel, rtcp: any Channel) {
        if port != 0 {
            let rtp = try await bindOne(host: host, port: port, role: .rtp, eventLoop: eventLoop, driver: driver)
            do {
                let rtcp = try await bindOne(host: host, port: port + 1, role: .rtcp, eventLoop: eventLoop, driver: driver)
                return (rtp, rtcp)
            } catch {
                try? await rtp.close()
                throw error
            }
        }
        // Port 0: let the kernel pick, keep it if it is even and the next
        // port is free too (RFC 3550 §11), otherwise try again.
        for _ in 0..<attempts {
            let rtp = try await bindOne(host: host, port: 0, role: .rtp, eventLoop: eventLoop, driver: driver)
            if let picked = rtp.localAddress?.port, picked % 2 == 0, picked < 65535,
               let rtcp = try? await bindOne(host: host, port: picked + 1, role: .rtcp, eventLoop: eventLoop, driver: driver) {
                return (rtp, rtcp)
            }
            try? await rtp.close()
        }
        throw .noFreePortPair(host: host)
    }

    private static func bindOne(
        host: String, port: Int, role: MediaDatagramHandler.Port, eventLoop: any EventLoop,
        driver: NIOLoopBoundBox<RTPMediaSessionDriver?>
    ) async throws(RTPMediaSessionError) -> any Channel {
        let bootstrap = DatagramBootstrap(group: eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(MediaDatagramHandler(port: role, driver: driver))
                }
            }
        do {
            return try await bootstrap.bind(host: host, port: port).get()
        } catch {
            throw .bindFailed(host: host, port: port, reason: "\(error)")
        }
    }
}
