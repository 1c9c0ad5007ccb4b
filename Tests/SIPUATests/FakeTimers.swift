@testable import SIPUA
import Testing

/// The timers a state machine under test asked for, on a fake clock: the
/// one table the registration, publication, subscription and session
/// harnesses share. Starting checks that the deadline and the delay agree;
/// cancelling a timer that is not running is a test failure.
struct FakeTimers<Timer: Hashable> {
    private var deadlines: [Timer: RegistrationInstant] = [:]

    subscript(timer: Timer) -> RegistrationInstant? { deadlines[timer] }
    var isEmpty: Bool { deadlines.isEmpty }
    var keys: Dictionary<Timer, RegistrationInstant>.Keys { deadlines.keys }

    mutating func start(_ timer: Timer, at deadline: RegistrationInstant, after: Duration, now: RegistrationInstant) {
        #expect(deadline - now == after)
        #expect(deadline >= now)
        deadlines[timer] = deadline
    }

    mutating func cancel(_ timer: Timer) {
        #expect(deadlines.removeValue(forKey: timer) != nil, "cancelled \(timer), which was not running")
    }

    /// Takes the earliest timer due at `instant` off the table, if any:
    /// call until nil to fire them in deadline order.
    mutating func popDue(by instant: RegistrationInstant) -> (timer: Timer, deadline: RegistrationInstant)? {
        guard let (timer, deadline) = deadlines.min(by: { $0.value < $1.value }), deadline <= instant else { return nil }
        deadlines[timer] = nil
        return (timer, deadline)
    }
}
