/// Everything one call's media decides, as a value: time, datagrams and
/// commands in, actions out. `RTPMediaSession` performs the actions on
/// sockets and devices; tests drive this with a fake clock.
///
/// Timing: audio runs on a 20 ms grid from instant zero. Each tick takes one
/// captured frame and sends it (unless sending is off or a DTMF digit is
/// being sent: RFC 4733 events replace audio), and plays one frame from the
/// jitter buffer (silence when receiving is off). DTMF packets and RTCP
/// reports have deadlines of their own. A driver that wakes up late catches
/// up tick by tick, but at most `maximumCatchUp` of them: beyond that the
/// media clock skips ahead without sending, rather than burst.
public struct MediaSessionStateMachine<Generator: RandomNumberGenerator & Sendable>: Sendable {
    public typealias Configuration = MediaSessionConfiguration

    public enum Action: Sendable, Hashable {
        case sendRTP([UInt8])
        case sendRTCP([UInt8])
        /// Give this frame to the sink (once per 20 ms tick).
        case play(AudioFrame)
        case dtmfReceived(DTMFDigit)
        /// New figures after an RTCP report was sent or received.
        case qualityUpdated(CallQuality)
        /// Audio now comes from this SSRC (RFC 3550 §8.2).
        case remoteSourceChanged(ssrc: UInt32)
        /// The other side sent RTCP BYE (§6.6).
        case remoteGoodbye(reason: String?)
    }

    /// Ticks a late driver catches up before skipping (200 ms).
    static var maximumCatchUp: Int { 10 }

    public private(set) var configuration: Configuration
    public private(set) var direction: MediaDirection
    public private(set) var sender: RTPSender
    public private(set) var receiver: RTPReceiver
    public private(set) var reporter: RTCPReporter
    private var dtmfSender: DTMFSender
    private var generator: Generator
    /// When the next 20 ms tick is due.
    public private(set) var nextAudioTick: Duration = .zero
    public private(set) var isStopped = false
    /// Datagrams that were not valid RTP or RTCP.
    public private(set) var malformedDatagrams = 0

    /// `ntpEpoch` is the wallclock at instant zero (for RTCP timestamps).
    public init(configuration: Configuration, ntpEpoch: NTPTimestamp, generator: Generator) {
        self.configuration = configuration
        self.direction = configuration.direction
        self.generator = generator
        sender = RTPSender(using: &self.generator)
        receiver = RTPReceiver(
            telephoneEventPayloadType: configuration.telephoneEventPayloadType, jitterBuffer: configuration.jitterBuffer)
        reporter = RTCPReporter(
            localSSRC: sender.ssrc, canonicalName: configuration.canonicalName, ntpEpoch: ntpEpoch,
            interval: configuration.rtcpInterval, using: &self.generator)
        dtmfSender = DTMFSender(configuration: configuration.dtmf)
    }

    /// The next instant `advance` has something to do; nil once stopped.
    public var nextDeadline: Duration? {
        guard !isStopped else { return nil }
        return min(nextAudioTick, reporter.nextReportTime, dtmfSender.nextDeadline ?? nextAudioTick)
    }

    /// The figures for a call view now.
    public var quality: CallQuality { reporter.quality(reception: receiver.statistics) }

    /// True while DTMF digits are being sent or wait to be.
    public var isSendingDTMF: Bool { dtmfSender.isSending || dtmfSender.queuedCount > 0 }

    /// Everything due up to `now`, in time order. `capture` is asked for one
    /// frame per audio tick (nil when the source has ended: silence is sent).
    public mutating func advance(to now: Duration, capture: () -> AudioFrame?) -> [Action] {
        guard !isStopped else { return [] }
        var actions: [Action] = []
        let catchUpLimit = AudioFrame.duration * Self.maximumCatchUp
        while now - nextAudioTick > catchUpLimit {
            sender.skipFrame()
            sender.startTalkspurt()
            nextAudioTick += AudioFrame.duration
        }
        while true {
            let dtmfDue = dtmfSender.nextDeadline
            let due = min(nextAudioTick, reporter.nextReportTime, dtmfDue ?? nextAudioTick)
            guard due <= now else { break }
            if let dtmfDue, dtmfDue == due {
                for packet in dtmfSender.poll(now: due, mediaTimestamp: sender.mediaTimestamp) {
                    guard direction.sends, let payloadType = configuration.telephoneEventPayloadType else { continue }
                    let rtp = sender.stamp(
                        payloadType: payloadType, timestamp: packet.timestamp, payload: packet.event.encoded(),
                        marker: packet.marker)
                    actions.append(.sendRTP(rtp.encoded()))
                }
            } else if reporter.nextReportTime == due {
                var statistics = receiver.statistics
                let report = reporter.makeReport(
                    now: due, sender: sender, rtpTimestamp: rtpTimestamp(at: due), reception: &statistics,
                    using: &generator)
                receiver.statistics = statistics
                actions.append(.sendRTCP(report.encoded()))
                actions.append(.qualityUpdated(quality))
            } else {
                // the source is only read while we send: a file played into a
                // call starts when the call is answered, not while it rings
                actions += audioTick(captured: direction.sends ? capture() : nil)
            }
        }
        return actions
    }

    private mutating func audioTick(captured: AudioFrame?) -> [Action] {
        var actions: [Action] = []
        if direction.sends, !dtmfSender.isSending {
            let packet = sender.audioPacket(captured ?? .silence, codec: configuration.codec)
            actions.append(.sendRTP(packet.encoded()))
        } else {
            sender.skipFrame()
            sender.startTalkspurt()
        }
        let heard = receiver.nextFrame()
        actions.append(.play(direction.receives ? heard : .silence))
        nextAudioTick += AudioFrame.duration
        return actions
    }

    /// The media clock at `time`: the next tick's timestamp, less the time
    /// until that tick (RFC 3550 §6.4.1: the SR's RTP timestamp is the same
    /// instant as its NTP timestamp).
    private func rtpTimestamp(at time: Duration) -> UInt32 {
        let ahead = RTPReceiver.timestampUnits(nextAudioTick - time)
        return sender.mediaTimestamp &- ahead
    }

    /// A datagram from the RTP port.
    public mutating func rtpReceived(_ bytes: [UInt8], now: Duration) -> [Action] {
        guard !isStopped else { return [] }
        guard let packet = try? RTPPacket(parsing: bytes) else {
            malformedDatagrams += 1
            return []
        }
        // Our own packets looped back (RFC 3550 §8.2) are not the other side.
        guard packet.ssrc != sender.ssrc else { return [] }
        return receiver.receive(packet, arrival: now).map { event in
            switch event {
            case .dtmf(let digit): .dtmfReceived(digit)
            case .sourceChanged(let ssrc): .remoteSourceChanged(ssrc: ssrc)
            }
        }
    }

    /// A datagram from the RTCP port.
    public mutating func rtcpReceived(_ bytes: [UInt8], now: Duration) -> [Action] {
        guard !isStopped else { return [] }
        guard let compound = try? RTCPCompoundPacket(parsing: bytes) else {
            malformedDatagrams += 1
            return []
        }
        var actions: [Action] = []
        if let goodbye = reporter.received(compound, now: now) {
            let current = receiver.statistics?.ssrc
            if current == nil || goodbye.ssrcs.contains(current!) {
                actions.append(.remoteGoodbye(reason: goodbye.reason))
            }
        }
        actions.append(.qualityUpdated(quality))
        return actions
    }

    /// Hold and resume (RFC 3264 §8.4). RTCP goes on in every direction.
    public mutating func setDirection(_ newDirection: MediaDirection) {
        if !newDirection.sends { dtmfSender.cancelQueued() }
        if newDirection.sends, !direction.sends { sender.startTalkspurt() }
        direction = newDirection
    }

    /// What the offer/answer agreed, which may come after the session
    /// started (its port had to be in the offer): the codec we send and the
    /// peer's telephone-event payload type. Received audio is decoded by
    /// each packet's own payload type either way.
    public mutating func setFormat(codec: AudioCodec, telephoneEventPayloadType: UInt8?) {
        configuration.codec = codec
        configuration.telephoneEventPayloadType = telephoneEventPayloadType
        receiver.telephoneEventPayloadType = telephoneEventPayloadType
    }

    /// Queues DTMF digits as RFC 4733 events, the first starting at `now`;
    /// false (nothing queued) when the other side has no telephone-event
    /// payload type or we are not sending.
    public mutating func sendDTMF(_ digits: [DTMFDigit], duration: Duration = .milliseconds(160), now: Duration) -> Bool {
        guard !isStopped, direction.sends, configuration.telephoneEventPayloadType != nil else { return false }
        dtmfSender.enqueue(digits, duration: duration, now: now)
        return true
    }

    /// Ends the session: a final report with BYE (§6.3.7). Nothing is done
    /// afterwards.
    public mutating func stop(now: Duration, reason: String? = nil) -> [Action] {
        guard !isStopped else { return [] }
        isStopped = true
        var statistics = receiver.statistics
        let goodbye = reporter.makeGoodbye(
            now: now, sender: sender, rtpTimestamp: rtpTimestamp(at: now), reception: &statistics, reason: reason)
        receiver.statistics = statistics
        return [.sendRTCP(goodbye.encoded())]
    }
}
