import SIPTransaction

/// Deadlines of the usages' timers (registration now; subscriptions and
/// sessions later), on the same clock as the transaction `TimerSchedule`:
/// a `Duration` since the user agent's epoch.
struct UsageTimers<Key: Hashable & Sendable>: Sendable {
    // a heap, not a scan: a buddy list of 10,000 keeps 20,000 timers here
    private var queue = DeadlineQueue<Key>()

    mutating func schedule(_ key: Key, at deadline: Duration) { queue.schedule(key, at: deadline) }
    mutating func cancel(_ key: Key) { queue.cancel(key) }

    var nextDeadline: Duration? { queue.nextDeadline }

    /// Removes and returns the timers due at `now`, earliest first.
    mutating func fire(upTo now: Duration) -> [Key] { queue.fire(upTo: now).map(\.id) }
}

enum UsageTimerKey: Hashable, Sendable {
    case registration(account: String, RegistrationTimer)
    case call(CallHandle, SessionTimer)
    case publication(account: String, PublicationTimer)
    case subscription(account: String, SubscriptionKey, SubscriptionTimer)
    case subscriptionPacing(account: String)
}
