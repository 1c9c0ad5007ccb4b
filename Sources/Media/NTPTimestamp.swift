/// A 64-bit NTP timestamp (RFC 3550 §4, RFC 5905 §6): seconds since
/// 1900-01-01 in the high 32 bits, the fraction of a second in the low 32.
public struct NTPTimestamp: Sendable, Hashable, Comparable {
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Seconds between the NTP epoch (1900) and the Unix epoch (1970).
    static let unixEpochOffset: UInt64 = 2_208_988_800

    /// The instant `timeSinceUnixEpoch` after 1970-01-01 00:00 UTC.
    public init(timeSinceUnixEpoch: Duration) {
        // Duration's two components carry the same sign: an instant before
        // 1970 would make the fraction negative, which UInt64 cannot hold.
        let (seconds, attoseconds) = max(timeSinceUnixEpoch, .zero).components
        // 2^32 fractions per second, 10^18 attoseconds per second.
        let fraction = UInt64((Double(attoseconds) / 1e18 * 4_294_967_296).rounded(.down))
        rawValue = (UInt64(max(0, seconds)) + Self.unixEpochOffset) << 32 | min(fraction, 0xFFFF_FFFF)
    }

    /// The middle 32 bits, the compact form used by LSR (§6.4.1): 16 bits of
    /// seconds and 16 bits of fraction.
    public var middle32: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 16) }

    /// This instant moved on by `duration`.
    public func advanced(by duration: Duration) -> NTPTimestamp {
        NTPTimestamp(rawValue: rawValue &+ Self.units(of: duration) << 16)
    }

    /// A duration in the units of the compact form, 1/65536 s (DLSR, §6.4.1).
    /// A negative one (an SR recorded as arriving after the report's `now`)
    /// is 0: checking `seconds` alone let -0.5 s, whose seconds are 0 and
    /// whose attoseconds are negative, trap in the UInt64 conversion.
    static func units(of duration: Duration) -> UInt64 {
        guard duration > .zero else { return 0 }
        let (seconds, attoseconds) = duration.components
        return UInt64(seconds) << 16 + UInt64(Double(attoseconds) / 1e18 * 65536)
    }

    /// A compact-form interval (1/65536 s) as a duration.
    static func duration(ofUnits units: UInt32) -> Duration {
        .nanoseconds(Int64(units) * 1_000_000_000 / 65536)
    }

    public static func < (lhs: NTPTimestamp, rhs: NTPTimestamp) -> Bool { lhs.rawValue < rhs.rawValue }
}
