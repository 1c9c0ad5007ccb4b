/// Stamps outgoing RTP packets: one SSRC, one sequence number space and one
/// media clock for everything a session sends (audio and RFC 4733 events
/// alike, RFC 4733 §2.1), plus the counts a sender report needs.
///
/// The initial sequence number, timestamp and SSRC are random (RFC 3550
/// §5.1, §8) and drawn from an injected generator so that tests can fix them.
public struct RTPSender: Sendable, Hashable {
    public let ssrc: UInt32
    /// Sequence number of the next packet.
    public private(set) var nextSequenceNumber: UInt16
    /// The media clock: RTP timestamp of the next 20 ms audio frame. It moves
    /// on every frame whether or not one is sent (during hold or a DTMF
    /// event), so the receiver sees the gap in time (RFC 3550 §5.1).
    public private(set) var mediaTimestamp: UInt32
    /// Totals for the sender report (RFC 3550 §6.4.1): packets and payload
    /// octets sent since the session started.
    public private(set) var packetCount: UInt32 = 0
    public private(set) var octetCount: UInt32 = 0
    /// True until the first packet after `startTalkspurt()`: that packet
    /// carries the marker bit (RFC 3551 §4.1).
    private var talkspurtStarts = true

    public init(ssrc: UInt32, initialSequenceNumber: UInt16, initialTimestamp: UInt32) {
        self.ssrc = ssrc
        self.nextSequenceNumber = initialSequenceNumber
        self.mediaTimestamp = initialTimestamp
    }

    public init(using generator: inout some RandomNumberGenerator) {
        self.init(
            ssrc: .random(in: .min ... .max, using: &generator),
            initialSequenceNumber: .random(in: .min ... .max, using: &generator),
            initialTimestamp: .random(in: .min ... .max, using: &generator))
    }

    /// Encodes one 20 ms frame into a packet at the media clock and moves the
    /// clock on by 160.
    public mutating func audioPacket(_ frame: AudioFrame, codec: AudioCodec) -> RTPPacket {
        let packet = stamp(
            payloadType: codec.payloadType, timestamp: mediaTimestamp,
            payload: codec.encode(frame.samples), marker: talkspurtStarts)
        talkspurtStarts = false
        skipFrame()
        return packet
    }

    /// Moves the media clock on by one frame without sending.
    public mutating func skipFrame() {
        mediaTimestamp &+= UInt32(AudioFrame.sampleCount)
    }

    /// The next audio packet is the start of a talkspurt (after silence,
    /// hold, or a DTMF event) and gets the marker bit.
    public mutating func startTalkspurt() {
        talkspurtStarts = true
    }

    /// A packet with the next sequence number and an explicit timestamp, for
    /// payloads that keep one timestamp over many packets (RFC 4733 events).
    public mutating func stamp(payloadType: UInt8, timestamp: UInt32, payload: [UInt8], marker: Bool) -> RTPPacket {
        defer {
            nextSequenceNumber &+= 1
            packetCount &+= 1
            octetCount &+= UInt32(truncatingIfNeeded: payload.count)
        }
        return RTPPacket(
            marker: marker, payloadType: payloadType, sequenceNumber: nextSequenceNumber,
            timestamp: timestamp, ssrc: ssrc, payload: payload)
    }
}
