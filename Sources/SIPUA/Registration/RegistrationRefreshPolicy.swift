/// When to refresh a binding the registrar granted for some interval.
///
/// RFC 3261 §10.2.1 only says a binding lapses at its expiry; refreshing is
/// the UA's business. A fixed fraction (libre uses one) makes accounts
/// registered together refresh together for ever; a random point in a window
/// spreads them out, as libre does for keepalives (re/src/sip/keepalive.c).
/// The window ends a margin before expiry so that a refresh that needs a
/// 401 round, or a retransmission or two, still lands in time.
public struct RegistrationRefreshPolicy: Hashable, Sendable {
    /// The earliest refresh point, as a fraction of the granted interval.
    public var earliestFraction: Double
    /// The latest refresh point, as a fraction of the granted interval.
    public var latestFraction: Double
    /// The refresh is never later than this before expiry, unless the
    /// interval is so short that `earliestFraction` comes later still.
    public var margin: Duration

    public init(earliestFraction: Double = 0.5, latestFraction: Double = 0.9, margin: Duration = .seconds(5)) {
        self.earliestFraction = earliestFraction
        self.latestFraction = latestFraction
        self.margin = margin
    }

    /// The range the refresh delay is drawn from, in milliseconds.
    public func window(forGranted interval: Duration) -> ClosedRange<Duration> {
        let total = max(0, interval.wholeMilliseconds)
        let lower = Int64(Double(total) * earliestFraction)
        let latest = min(Int64(Double(total) * latestFraction), total - margin.wholeMilliseconds)
        // A short interval (below 2 × margin by default) refreshes at its
        // earliest point: half of 8 s is 4 s, still 4 s before expiry.
        return .milliseconds(lower) ... .milliseconds(max(lower, latest))
    }

    /// A random refresh delay in `window(forGranted:)`.
    public func delay(forGranted interval: Duration, using generator: inout some RandomNumberGenerator) -> Duration {
        let range = window(forGranted: interval)
        return .milliseconds(Int64.random(in: range.lowerBound.wholeMilliseconds...range.upperBound.wholeMilliseconds,
                                          using: &generator))
    }
}
