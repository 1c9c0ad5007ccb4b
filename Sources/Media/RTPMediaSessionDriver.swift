import Logging
import NIOCore

/// The one place where a media session's state machine meets sockets,
/// devices and the clock. It lives on the session's event loop and is only
/// touched there (`RTPMediaSession` reaches it through a loop-bound box).
final class RTPMediaSessionDriver {
    typealias StateMachine = MediaSessionStateMachine<SystemRandomNumberGenerator>

    private(set) var machine: StateMachine
    private let source: any AudioSource
    private let sink: any AudioSink
    private let rtpChannel: any Channel
    private let rtcpChannel: any Channel
    private var remoteRTP: SocketAddress?
    private var remoteRTCP: SocketAddress?
    /// Instant zero of the machine's clock.
    private let epoch: NIODeadline
    private var timer: Scheduled<Void>?
    private let events: AsyncStream<RTPMediaSession.Event>.Continuation
    private let logger: Logger
    private(set) var socketErrors = 0

    init(
        machine: StateMachine, source: any AudioSource, sink: any AudioSink, rtpChannel: any Channel,
        rtcpChannel: any Channel, epoch: NIODeadline, events: AsyncStream<RTPMediaSession.Event>.Continuation,
        logger: Logger
    ) {
        self.machine = machine
        self.source = source
        self.sink = sink
        self.rtpChannel = rtpChannel
        self.rtcpChannel = rtcpChannel
        self.epoch = epoch
        self.events = events
        self.logger = logger
    }

    private var now: Duration {
        .nanoseconds(Int64(NIODeadline.now().uptimeNanoseconds) - Int64(epoch.uptimeNanoseconds))
    }

    func start() {
        scheduleTimer()
    }

    /// The remote RTP address, and RTCP's if it is not the next port
    /// (RFC 3605 `a=rtcp`).
    func setRemote(rtp: SocketAddress, rtcp: SocketAddress?) {
        remoteRTP = rtp
        remoteRTCP = rtcp ?? Self.nextPort(after: rtp)
    }

    func setFormat(codec: AudioCodec, telephoneEventPayloadType: UInt8?) {
        machine.setFormat(codec: codec, telephoneEventPayloadType: telephoneEventPayloadType)
    }

    func setDirection(_ direction: MediaDirection) {
        machine.setDirection(direction)
    }

    func sendDTMF(_ digits: [DTMFDigit], duration: Duration) -> Bool {
        let queued = machine.sendDTMF(digits, duration: duration, now: now)
        if queued { scheduleTimer() }  // the first packet is due now
        return queued
    }

    func received(_ bytes: [UInt8], on port: MediaDatagramHandler.Port, from address: SocketAddress) {
        let actions = switch port {
        case .rtp: machine.rtpReceived(bytes, now: now)
        case .rtcp: machine.rtcpReceived(bytes, now: now)
        }
        perform(actions)
    }

    func socketError(_ error: any Error, on port: MediaDatagramHandler.Port) {
        socketErrors += 1
        // Once per 50 errors: a peer that is gone would otherwise flood the log.
        if socketErrors % 50 == 1 {
            logger.debug("media socket error", metadata: ["port": "\(port)", "error": "\(error)"])
        }
    }

    /// Sends BYE, stops the clock and closes both sockets; the future
    /// completes when they are closed (and the ports free).
    func stop() -> EventLoopFuture<Void> {
        timer?.cancel()
        timer = nil
        perform(machine.stop(now: now))
        events.yield(.quality(machine.quality))
        events.finish()
        let rtcpClosed = rtcpChannel.close()
        let rtpClosed = rtpChannel.close()
        return rtpClosed.and(rtcpClosed).map { _ in () }
    }

    private func timerFired() {
        timer = nil
        let source = source
        perform(machine.advance(to: now) { source.nextFrame() })
        scheduleTimer()
    }

    private func scheduleTimer() {
        timer?.cancel()
        guard let next = machine.nextDeadline else { return }
        let deadline = epoch + .nanoseconds(Self.nanoseconds(next))
        timer = rtpChannel.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            timerFired()
        }
    }

    private func perform(_ actions: [StateMachine.Action]) {
        var wroteRTP = false
        var wroteRTCP = false
        for action in actions {
            switch action {
            case .sendRTP(let bytes):
                guard let remoteRTP else { continue }
                rtpChannel.write(AddressedEnvelope(remoteAddress: remoteRTP, data: ByteBuffer(bytes: bytes)), promise: nil)
                wroteRTP = true
            case .sendRTCP(let bytes):
                guard let remoteRTCP else { continue }
                rtcpChannel.write(AddressedEnvelope(remoteAddress: remoteRTCP, data: ByteBuffer(bytes: bytes)), promise: nil)
                wroteRTCP = true
            case .play(let frame):
                sink.play(frame)
            case .dtmfReceived(let digit):
                events.yield(.dtmf(digit))
            case .qualityUpdated(let quality):
                events.yield(.quality(quality))
            case .remoteSourceChanged(let ssrc):
                events.yield(.remoteSourceChanged(ssrc: ssrc))
            case .remoteGoodbye(let reason):
                events.yield(.remoteGoodbye(reason: reason))
            }
        }
        if wroteRTP { rtpChannel.flush() }
        if wroteRTCP { rtcpChannel.flush() }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    static func nextPort(after address: SocketAddress) -> SocketAddress? {
        guard let port = address.port, port < 65535 else { return nil }
        var next = address
        next.port = port + 1
        return next
    }
}
