/// Everything that happens to a received RTP packet: source validation and
/// statistics, then audio into the jitter buffer or DTMF events out.
///
/// SSRC changes (RFC 3550 §8.2: a peer restarts, a B2BUA or re-INVITE
/// switches streams): a packet from a new SSRC starts a candidate source on
/// probation; once that has sent two sequential packets (§A.1) it replaces
/// the current source, and the jitter buffer, statistics and DTMF state
/// start afresh. A stray packet from an old source cannot switch back alone.
public struct RTPReceiver: Sendable {
    public enum Event: Sendable, Hashable {
        case dtmf(DTMFDigit)
        /// Audio now comes from this source (the first one included).
        case sourceChanged(ssrc: UInt32)
    }

    /// Comfort noise (RFC 3389): heard as silence.
    static let comfortNoisePayloadType: UInt8 = 13

    /// Changes when a re-negotiation picks another type (`MediaSessionStateMachine.setFormat`).
    public internal(set) var telephoneEventPayloadType: UInt8?
    /// Statistics of the current source, nil before one is valid.
    public internal(set) var statistics: RTPReceptionStatistics?
    private var candidate: RTPReceptionStatistics?
    public private(set) var jitterBuffer: JitterBuffer
    private var dtmf = DTMFReceiver()
    /// Packets dropped for an unknown payload type or a malformed payload.
    public private(set) var ignoredPackets = 0

    public init(telephoneEventPayloadType: UInt8?, jitterBuffer: JitterBuffer.Configuration = .init()) {
        self.telephoneEventPayloadType = telephoneEventPayloadType
        self.jitterBuffer = JitterBuffer(configuration: jitterBuffer)
    }

    /// Takes in a packet that arrived at `arrival` (session clock).
    public mutating func receive(_ packet: RTPPacket, arrival: Duration) -> [Event] {
        var events: [Event] = []
        if var current = statistics, current.ssrc == packet.ssrc {
            guard current.update(sequenceNumber: packet.sequenceNumber) else {
                statistics = current
                return []
            }
            statistics = current
        } else {
            var newcomer = candidate?.ssrc == packet.ssrc
                ? candidate! : RTPReceptionStatistics(ssrc: packet.ssrc, firstSequenceNumber: packet.sequenceNumber)
            guard newcomer.update(sequenceNumber: packet.sequenceNumber) else {
                candidate = newcomer
                return []
            }
            candidate = nil
            statistics = newcomer
            jitterBuffer.reset()
            dtmf.reset()
            events.append(.sourceChanged(ssrc: packet.ssrc))
        }

        if let telephoneEventPayloadType, packet.payloadType == telephoneEventPayloadType {
            // Event packets keep the event's start timestamp, so they say
            // nothing about arrival jitter (§6.4.1 assumes media timing).
            guard let event = try? TelephoneEvent(parsing: packet.payload) else {
                ignoredPackets += 1
                return events
            }
            if let digit = dtmf.receive(event, timestamp: packet.timestamp) { events.append(.dtmf(digit)) }
        } else if let codec = AudioCodec(payloadType: packet.payloadType) {
            statistics?.updateJitter(timestamp: packet.timestamp, arrival: Self.timestampUnits(arrival))
            jitterBuffer.insert(
                sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp,
                samples: codec.decode(packet.payload))
        } else if packet.payloadType != Self.comfortNoisePayloadType {
            ignoredPackets += 1
        }
        return events
    }

    /// The next 20 ms to play.
    public mutating func nextFrame() -> AudioFrame {
        jitterBuffer.nextFrame()
    }

    /// The session clock in 8 kHz units, wrapping like an RTP timestamp:
    /// the arrival clock of §A.8 (only differences matter).
    static func timestampUnits(_ time: Duration) -> UInt32 {
        let (seconds, attoseconds) = time.components
        return UInt32(truncatingIfNeeded: seconds * Int64(AudioFrame.sampleRate) + attoseconds / 125_000_000_000_000)
    }
}
