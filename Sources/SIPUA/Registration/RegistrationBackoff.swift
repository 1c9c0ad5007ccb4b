/// How long to wait before trying again after a registration attempt failed
/// for want of a reachable registrar (timeout, transport error, 5xx without
/// Retry-After).
///
/// RFC 5626 §4.5: "W = min (max-time, (base-time * (2 ^ consecutive-failures)))",
/// then wait "a random amount of time between 50% and 100% of W"; base-time
/// 30 s when no flow is left (one binding is one flow here), max-time 1800 s.
/// libre's `failwait` (re/src/sipreg/reg.c) computes the same. The randomness
/// keeps many clients of a recovering registrar from coming back in step.
public struct RegistrationBackoff: Hashable, Sendable {
    public var baseTime: Duration
    public var maximumTime: Duration

    /// RFC 5626's values; tests and demos pass small ones.
    public init(baseTime: Duration = .seconds(30), maximumTime: Duration = .seconds(1800)) {
        self.baseTime = baseTime
        self.maximumTime = maximumTime
    }

    /// W for the given count of consecutive failures (1 after the first one).
    public func upperBound(consecutiveFailures: Int) -> Duration {
        var wait = baseTime
        // Doubling stops at the cap, so no count of failures can overflow.
        for _ in 0..<max(0, consecutiveFailures) where wait < maximumTime {
            wait *= 2
        }
        return min(wait, maximumTime)
    }

    /// A random wait in [W/2, W], to the millisecond.
    public func wait(consecutiveFailures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let upper = upperBound(consecutiveFailures: consecutiveFailures).wholeMilliseconds
        return .milliseconds(Int64.random(in: (upper / 2)...upper, using: &generator))
    }
}
