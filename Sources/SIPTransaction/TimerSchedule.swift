/// The pending transaction timers, by deadline: what a driver needs to turn
/// `startTimer` and `cancelTimer` actions into wake-ups, and what tests use
/// to run 32 seconds of retransmissions in microseconds.
///
/// Instants are durations since an epoch the driver picks (a real driver
/// uses `clock.now - start`), so this stays pure and clock-free. Sized for
/// a user agent's handful of transactions: lookups are linear.
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

    private struct Slot: Hashable, Sendable {
        var deadline: Duration
        /// Scheduling order, so that timers due at the same instant fire in
        /// the order they were set.
        var sequence: UInt64
    }

    private var slots: [TimerID: Slot] = [:]
    private var nextSequence: UInt64 = 0

    public init() {}

    public var count: Int { slots.count }
    public var isEmpty: Bool { slots.isEmpty }

    /// Sets (or moves) the timer's deadline.
    public mutating func schedule(_ timer: TransactionTimer, for key: TransactionKey, at deadline: Duration) {
        slots[TimerID(key: key, timer: timer)] = Slot(deadline: deadline, sequence: nextSequence)
        nextSequence += 1
    }

    public mutating func cancel(_ timer: TransactionTimer, for key: TransactionKey) {
        slots[TimerID(key: key, timer: timer)] = nil
    }

    public mutating func cancelAll(for key: TransactionKey) {
        slots = slots.filter { $0.key.key != key }
    }

    public func deadline(of timer: TransactionTimer, for key: TransactionKey) -> Duration? {
        slots[TimerID(key: key, timer: timer)]?.deadline
    }

    /// When the driver must wake up next, if any timer is pending.
    public var nextDeadline: Duration? { slots.values.map(\.deadline).min() }

    /// Removes and returns every timer due at or before `instant`, earliest
    /// first. Feeding them to the table may schedule more timers due before
    /// `instant`; a driver catching up on a long sleep calls this again with
    /// each `nextDeadline` in turn (as `ManualClock` in the tests does).
    public mutating func fire(upTo instant: Duration) -> [DueTimer] {
        let due = slots.filter { $0.value.deadline <= instant }
            .sorted { ($0.value.deadline, $0.value.sequence) < ($1.value.deadline, $1.value.sequence) }
        for entry in due { slots[entry.key] = nil }
        return due.map { DueTimer(key: $0.key.key, timer: $0.key.timer, deadline: $0.value.deadline) }
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
