/// When to send the next keepalive: a random 80-100% of the interval
/// (RFC 5626 §4.4.1), so that many clients behind one NAT or restarted
/// together do not ping in step. baresip's libre does the same.
public struct SIPKeepaliveSchedule: Hashable, Sendable {
    public var interval: Duration
    /// The shortest and longest wait as fractions of `interval`.
    public var jitter: ClosedRange<Double>

    /// RFC 5626 §4.4.1 suggests 95-120 s for streams; NAT bindings for UDP
    /// often last under a minute (RFC 5626 §4.4.2 and RFC 4787 REQ-5 allow
    /// two minutes, but many devices use 30 s), hence 25 s.
    public static let datagramDefault = SIPKeepaliveSchedule(interval: .seconds(25))
    public static let streamDefault = SIPKeepaliveSchedule(interval: .seconds(120))

    /// A jitter range reaching zero or below would ping in a tight loop, so
    /// its lower end is raised to 1% (configuration comes from users).
    public init(interval: Duration, jitter: ClosedRange<Double> = 0.8...1.0) {
        let lower = max(0.01, jitter.lowerBound)
        self.interval = interval
        self.jitter = lower...max(lower, jitter.upperBound)
    }

    /// The wait before the next ping, drawn from `random`.
    public func nextDelay(using random: inout some RandomNumberGenerator) -> Duration {
        let fraction = jitter.lowerBound == jitter.upperBound
            ? jitter.lowerBound : Double.random(in: jitter, using: &random)
        return interval * fraction
    }

    /// The time of the next ping after `now` on any clock.
    public func nextSend<Instant: InstantProtocol>(after now: Instant,
                                                   using random: inout some RandomNumberGenerator) -> Instant
        where Instant.Duration == Duration {
        now.advanced(by: nextDelay(using: &random))
    }
}
