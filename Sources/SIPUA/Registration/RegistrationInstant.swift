/// A point on the driver's monotonic clock, kept as the time since an origin
/// the driver picked (when it started, say).
///
/// The registration machine never reads a clock: the driver passes `now` with
/// every event and schedules the timers the machine asks for, and tests pass
/// a fake `now`. A plain offset (rather than `ContinuousClock.Instant`) is
/// what lets a test write "at 3600 s".
public struct RegistrationInstant: InstantProtocol, CustomStringConvertible {
    public var sinceOrigin: Duration

    public init(_ sinceOrigin: Duration) { self.sinceOrigin = sinceOrigin }

    /// The driver's origin.
    public static let origin = RegistrationInstant(.zero)

    public func advanced(by duration: Duration) -> RegistrationInstant {
        RegistrationInstant(sinceOrigin + duration)
    }

    public func duration(to other: RegistrationInstant) -> Duration {
        other.sinceOrigin - sinceOrigin
    }

    public static func < (lhs: RegistrationInstant, rhs: RegistrationInstant) -> Bool {
        lhs.sinceOrigin < rhs.sinceOrigin
    }

    public static func + (lhs: RegistrationInstant, rhs: Duration) -> RegistrationInstant {
        lhs.advanced(by: rhs)
    }

    public static func - (lhs: RegistrationInstant, rhs: Duration) -> RegistrationInstant {
        lhs.advanced(by: .zero - rhs)
    }

    public static func - (lhs: RegistrationInstant, rhs: RegistrationInstant) -> Duration {
        rhs.duration(to: lhs)
    }

    public var description: String { "t+\(sinceOrigin)" }
}
