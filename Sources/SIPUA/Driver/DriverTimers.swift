import SIPTransaction

/// Deadlines of the usages' timers (registration now; subscriptions and
/// sessions later), on the same clock as the transaction `TimerSchedule`:
/// a `Duration` since the user agent's epoch.
struct UsageTimers<Key: Hashable & Sendable>: Sendable {
    private var deadlines: [Key: Duration] = [:]

    mutating func schedule(_ key: Key, at deadline: Duration) { deadlines[key] = deadline }
    mutating func cancel(_ key: Key) { deadlines[key] = nil }

    var nextDeadline: Duration? { deadlines.values.min() }

    /// Removes and returns the timers due at `now`, earliest first.
    mutating func fire(upTo now: Duration) -> [Key] {
        let due = deadlines.filter { $0.value <= now }.sorted { $0.value < $1.value }.map(\.key)
        for key in due { deadlines[key] = nil }
        return due
    }
}

enum UsageTimerKey: Hashable, Sendable {
    case registration(account: String, RegistrationTimer)
    case publication(account: String, PublicationTimer)
    case subscription(account: String, SubscriptionKey, SubscriptionTimer)
    case subscriptionPacing(account: String)
}
