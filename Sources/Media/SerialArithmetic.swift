/// Comparisons of wrapping counters (RFC 1982 serial number arithmetic):
/// RTP sequence numbers wrap at 2^16 and timestamps at 2^32, so "later" means
/// "less than half the space ahead".
enum SerialArithmetic {
    /// How far `b` is ahead of `a` (negative when behind), for 16-bit
    /// sequence numbers.
    static func distance(from a: UInt16, to b: UInt16) -> Int {
        Int(Int16(bitPattern: b &- a))
    }

    /// How far `b` is ahead of `a` (negative when behind), for 32-bit RTP
    /// timestamps.
    static func distance(from a: UInt32, to b: UInt32) -> Int {
        Int(Int32(bitPattern: b &- a))
    }

    /// The extended (never wrapping) value of a 16-bit sequence number: the
    /// candidate nearest to `reference`, which is itself extended.
    static func extend(_ sequenceNumber: UInt16, near reference: Int64) -> Int64 {
        let referenceLow = UInt16(truncatingIfNeeded: reference)
        return reference + Int64(distance(from: referenceLow, to: sequenceNumber))
    }

    /// The extended value of a 32-bit timestamp nearest to `reference`.
    static func extend(_ timestamp: UInt32, near reference: Int64) -> Int64 {
        let referenceLow = UInt32(truncatingIfNeeded: reference)
        return reference + Int64(distance(from: referenceLow, to: timestamp))
    }
}
