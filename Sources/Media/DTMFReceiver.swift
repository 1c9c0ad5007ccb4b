/// Turns received RFC 4733 telephone events into DTMF digits, each reported
/// once.
///
/// All packets of one event share its RTP timestamp (§2.5.1.2), and the end
/// packet is sent three times (§2.5.1.4), so a digit is reported on the first
/// packet seen with a new timestamp (start, update or end alike: the start
/// may be lost) and every later packet with that timestamp is ignored, as is
/// any packet older than the newest event (late or reordered). Events other
/// than DTMF (codes above 15) are ignored.
///
/// Not handled: the long-event segments of §2.5.1.3 (a key held for more
/// than 8 s), which would be reported again every 8 s.
public struct DTMFReceiver: Sendable, Hashable {
    private var lastTimestamp: UInt32?

    public init() {}

    /// The digit to report for this packet, or nil if it continues or
    /// repeats one already reported.
    public mutating func receive(_ event: TelephoneEvent, timestamp: UInt32) -> DTMFDigit? {
        if let lastTimestamp, SerialArithmetic.distance(from: lastTimestamp, to: timestamp) <= 0 {
            return nil
        }
        guard let digit = DTMFDigit(event: event.event) else { return nil }
        lastTimestamp = timestamp
        return digit
    }

    /// Forgets the last event, for a new remote source.
    public mutating func reset() {
        lastTimestamp = nil
    }
}
