/// What we know about the packets of one remote source: the sequence number
/// bookkeeping of RFC 3550 §A.1, the loss figures of §A.3 and the
/// interarrival jitter of §6.4.1 and §A.8. These feed our report blocks.
public struct RTPReceptionStatistics: Sendable, Hashable {
    /// §A.1: a jump of up to this many sequence numbers is a loss, not a
    /// restart.
    static let maxDropout: UInt16 = 3000
    /// §A.1: a packet at most this far behind is late or a duplicate.
    static let maxMisorder: UInt16 = 100
    /// §A.1: sequential packets needed before a new source counts as valid.
    static let minSequential = 2

    public let ssrc: UInt32
    /// Sequential packets still needed before the source is valid (§A.1).
    private var probation: Int
    private var maxSequence: UInt16
    /// Wraps of the sequence number, times 2^16 (§A.1 `cycles`).
    private var cycles: UInt32 = 0
    private var baseSequence: UInt16 = 0
    /// The sequence number after a big jump; if it comes next, the sender
    /// restarted and we follow (§A.1 `bad_seq`).
    private var badSequence: UInt32 = (1 << 16) + 1
    /// Valid packets received, duplicates included (§A.3 counts them too).
    public private(set) var received: UInt32 = 0
    private var expectedPrior: UInt32 = 0
    private var receivedPrior: UInt32 = 0
    /// Relative transit time of the previous packet (§A.8), nil before the first.
    private var lastTransit: Int32?
    /// Jitter times 16, kept in integers as in §A.8.
    private var scaledJitter: UInt32 = 0

    /// Starts tracking a source on its first packet, which puts it on
    /// probation (§A.1: `init_seq` then `max_seq = seq - 1`).
    public init(ssrc: UInt32, firstSequenceNumber: UInt16) {
        self.ssrc = ssrc
        self.maxSequence = firstSequenceNumber &- 1
        self.probation = Self.minSequential
    }

    public var isValid: Bool { probation == 0 }

    /// Highest sequence number received, extended with the wrap count
    /// (report block field, §6.4.1).
    public var extendedHighestSequenceNumber: UInt32 { cycles &+ UInt32(maxSequence) }

    /// Packets expected since the source became valid (§A.3).
    public var expected: UInt32 {
        guard isValid else { return 0 }
        return extendedHighestSequenceNumber &- UInt32(baseSequence) &+ 1
    }

    /// Packets lost since the start (§A.3): may be negative when duplicates
    /// arrive. The report block field is this clamped to 24 bits.
    public var cumulativeLost: Int64 { Int64(expected) - Int64(received) }

    /// Interarrival jitter in RTP timestamp units (§6.4.1).
    public var jitter: UInt32 { scaledJitter >> 4 }

    /// Takes a packet's sequence number into account; false means the packet
    /// is not (yet) from a valid source and should be discarded (§A.1
    /// `update_seq`).
    public mutating func update(sequenceNumber sequence: UInt16) -> Bool {
        let delta = sequence &- maxSequence
        if probation > 0 {
            // Sequential packets only, until the source has proved itself.
            if sequence == maxSequence &+ 1 {
                probation -= 1
                maxSequence = sequence
                if probation == 0 {
                    restart(at: sequence)
                    received += 1
                    return true
                }
            } else {
                probation = Self.minSequential - 1
                maxSequence = sequence
            }
            return false
        } else if delta < Self.maxDropout {
            // In order, with a permissible gap.
            if sequence < maxSequence { cycles &+= 1 << 16 }
            maxSequence = sequence
        } else if delta <= UInt16.max - Self.maxMisorder {
            // A very large jump: accept it only if the next packet follows
            // it, which means the sender restarted its sequence numbers.
            if UInt32(sequence) == badSequence {
                restart(at: sequence)
            } else {
                badSequence = UInt32(sequence &+ 1)
                return false
            }
        }
        // else: a duplicate or a reordered packet, counted as received.
        received &+= 1
        return true
    }

    /// §A.1 `init_seq` once the source is valid or has restarted.
    private mutating func restart(at sequence: UInt16) {
        baseSequence = sequence
        maxSequence = sequence
        badSequence = (1 << 16) + 1
        cycles = 0
        received = 0
        receivedPrior = 0
        expectedPrior = 0
    }

    /// Updates the jitter estimate with a packet's RTP timestamp and its
    /// arrival time on the same clock (§A.8). The arrival clock's origin does
    /// not matter: only differences of transit times are used.
    public mutating func updateJitter(timestamp: UInt32, arrival: UInt32) {
        let transit = Int32(bitPattern: arrival &- timestamp)
        defer { lastTransit = transit }
        guard let lastTransit else { return }
        let difference = (Int64(transit) - Int64(lastTransit)).magnitude
        // J(i) = J(i-1) + (|D(i-1,i)| - J(i-1)) / 16, kept times 16. A jump
        // beyond 2^24 units (35 min at 8 kHz) is a restart, not jitter, and is
        // capped so the sum cannot overflow.
        let capped = UInt32(min(difference, 1 << 24))
        scaledJitter = scaledJitter + capped - ((scaledJitter + 8) >> 4)
    }

    /// The loss figures for a report block, and the start of the next
    /// interval (§A.3).
    public mutating func takeLossReport() -> (fractionLost: UInt8, cumulativeLost: Int32) {
        let expected = self.expected
        let expectedInterval = expected &- expectedPrior
        expectedPrior = expected
        let receivedInterval = received &- receivedPrior
        receivedPrior = received
        let lostInterval = Int64(expectedInterval) - Int64(receivedInterval)
        let fraction: UInt8 =
            if expectedInterval == 0 || lostInterval <= 0 { 0 }
            else { UInt8(clamping: (lostInterval << 8) / Int64(expectedInterval)) }
        // The field is a signed 24-bit number (§6.4.1), so clamp to it.
        let cumulative = Int32(max(-0x80_0000, min(0x7F_FFFF, cumulativeLost)))
        return (fraction, cumulative)
    }
}
