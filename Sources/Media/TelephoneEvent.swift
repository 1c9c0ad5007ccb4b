/// The telephone-event payload of RFC 4733 §2.3:
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |     event     |E|R| volume    |          duration             |
/// ```
public struct TelephoneEvent: Sendable, Hashable {
    /// The event code (§3.2 for DTMF: 0-15).
    public var event: UInt8
    /// E: this packet ends the event (§2.3.3).
    public var isEnd: Bool
    /// Power level in -dBm0, 0...63 (§2.3.4); higher values are cut to 6 bits.
    public var volume: UInt8
    /// Duration so far, in RTP timestamp units from the event's timestamp
    /// (§2.3.5).
    public var duration: UInt16

    public init(event: UInt8, isEnd: Bool, volume: UInt8, duration: UInt16) {
        self.event = event
        self.isEnd = isEnd
        self.volume = volume
        self.duration = duration
    }

    public enum ParseError: Error, Sendable, Hashable {
        /// Not a whole number of 4-octet events (§2.5.1.5 allows several).
        case wrongLength(Int)
    }

    /// Parses a payload; when it carries several events (§2.5.1.5) this is
    /// the first of them, the one the packet's timestamp belongs to.
    public init(parsing payload: [UInt8]) throws(ParseError) {
        guard payload.count >= 4, payload.count % 4 == 0 else { throw .wrongLength(payload.count) }
        self.init(
            event: payload[0], isEnd: payload[1] & 0x80 != 0, volume: payload[1] & 0x3F,
            duration: UInt16(payload[2]) << 8 | UInt16(payload[3]))
    }

    /// The 4-octet payload; the reserved R bit is zero (§2.3.3).
    public func encoded() -> [UInt8] {
        [event, (isEnd ? 0x80 : 0) | (volume & 0x3F), UInt8(duration >> 8), UInt8(duration & 0xFF)]
    }
}
