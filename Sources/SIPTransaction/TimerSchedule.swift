/// The pending transaction timers, by deadline: what a driver needs to turn
/// `startTimer` and `cancelTimer` actions into wake-ups, and what tests use
/// to run 32 seconds of retransmissions in microseconds.
///
/// Instants are durations since an epoch the driver picks (a real driver
/// uses `clock.now - start`), so this stays pure and clock-free. Sized for
/// thousands of transactions (a big buddy list): see `DeadlineQueue`.
public struct TimerSchedule: Hashable, Sendable {
    /// A timer whose deadline has come.
    public struct DueTimer: Hashable, Sendable, CustomStringConvertible {
        public var key: TransactionKey
        public var timer: TransactionTimer
        public var deadline: Duration

        public init(key: TransactionKey, timer: TransactionTimer, deadline: Duration) {
            self.key = key
            self.timer = timer
            self.deadline = deadline
        }

        public var description: String { "\(timer) of \(key) at \(deadline)" }
    }

    private struct TimerID: Hashable, Sendable {
        var key: TransactionKey
        var timer: TransactionTimer
    }

    private var queue = DeadlineQueue<TimerID>()

    public init() {}

    public var count: Int { queue.count }
    public var isEmpty: Bool { queue.isEmpty }

    /// Sets (or moves) the timer's deadline.
    public mutating func schedule(_ timer: TransactionTimer, for key: TransactionKey, at deadline: Duration) {
        queue.schedule(TimerID(key: key, timer: timer), at: deadline)
    }

    public mutating func cancel(_ timer: TransactionTimer, for key: TransactionKey) {
        queue.cancel(TimerID(key: key, timer: timer))
    }

    public mutating func cancelAll(for key: TransactionKey) {
        for timer in TransactionTimer.allCases { queue.cancel(TimerID(key: key, timer: timer)) }
    }

    public func deadline(of timer: TransactionTimer, for key: TransactionKey) -> Duration? {
        queue.deadline(of: TimerID(key: key, timer: timer))
    }

    /// When the driver must wake up next, if any timer is pending.
    public var nextDeadline: Duration? { queue.nextDeadline }

    /// Removes and returns every timer due at or before `instant`, earliest
    /// first. Feeding them to the table may schedule more timers due before
    /// `instant`; a driver catching up on a long sleep calls this again with
    /// each `nextDeadline` in turn (as `ManualClock` in the tests does).
    public mutating func fire(upTo instant: Duration) -> [DueTimer] {
        queue.fire(upTo: instant).map { DueTimer(key: $0.id.key, timer: $0.id.timer, deadline: $0.deadline) }
    }

    /// Applies the timer actions among `actions` as of `now`: starts become
    /// deadlines, cancels and terminations remove them.
    public mutating func apply(_ actions: [KeyedAction], at now: Duration) {
        for keyed in actions {
            switch keyed.action {
            case .startTimer(let timer, let delay): schedule(timer, for: keyed.key, at: now + delay)
            case .cancelTimer(let timer): cancel(timer, for: keyed.key)
            case .terminated: cancelAll(for: keyed.key)
            case .send, .deliverResponse, .deliverRequest, .reportTimeout, .reportTransportError: break
            }
        }
    }
}
