/// The timers a machine has started and neither seen fire nor cancelled, in
/// the order they were started (so cancellations come out in a stable order).
///
/// A driver may deliver a timer it was just told to cancel, or one of a state
/// already left; the machine consumes a fired timer only if it is running,
/// which makes such late timers harmless.
struct RunningTimers: Hashable, Sendable {
    private var names: [TransactionTimer] = []

    var isEmpty: Bool { names.isEmpty }

    func contains(_ timer: TransactionTimer) -> Bool { names.contains(timer) }

    mutating func start(_ timer: TransactionTimer, after duration: Duration) -> TransactionAction {
        names.removeAll { $0 == timer }
        names.append(timer)
        return .startTimer(timer, after: duration)
    }

    /// Whether a fired timer was running; it is running no longer.
    mutating func consumeFired(_ timer: TransactionTimer) -> Bool {
        guard let index = names.firstIndex(of: timer) else { return false }
        names.remove(at: index)
        return true
    }

    mutating func cancel(_ timers: TransactionTimer...) -> [TransactionAction] {
        var actions: [TransactionAction] = []
        for timer in timers where contains(timer) {
            names.removeAll { $0 == timer }
            actions.append(.cancelTimer(timer))
        }
        return actions
    }

    mutating func cancelAll() -> [TransactionAction] {
        defer { names = [] }
        return names.map { .cancelTimer($0) }
    }
}
