import SIPCore

/// What a driver tells a `SubscriptionClient`.
public enum SubscriptionEvent: Equatable, Sendable {
    /// Subscribe, and keep the subscription refreshed.
    case start
    /// Unsubscribe (RFC 6665 §4.1.2.3: SUBSCRIBE with Expires: 0) and stay off.
    case stop
    /// A final (or provisional, ignored) response to a SUBSCRIBE this
    /// machine asked to send.
    case responseReceived(SIPMessage)
    /// The client transaction of the SUBSCRIBE with this CSeq number ended
    /// without a final response (Timer F), or its flow broke.
    case requestTimedOut(cseq: UInt32)
    /// A NOTIFY for this subscription (a `SubscriptionSet` routes them). The
    /// machine answers it with a `.respond` action.
    case notifyReceived(SIPMessage)
    /// A timer this machine started fired.
    case timerFired(SubscriptionTimer)
    /// The way to the notifier was down and is back (our registration
    /// recovered): refresh an established subscription now rather than at
    /// its timer, so a notifier that restarted and lost it answers 481 and
    /// a new one is made at once instead of after most of an hour.
    case refreshNow
    /// The pacer lets the new subscription asked for with
    /// `.askForStartSlot` go out now.
    case startSlotGranted
}

/// What a `SubscriptionClient` asks its driver to do, in order.
public enum SubscriptionAction: Equatable, Sendable {
    /// Send this SUBSCRIBE in a new client transaction.
    case send(SIPMessage)
    /// Send this response to the NOTIFY just handled, in its server transaction.
    case respond(SIPMessage)
    /// Start (or restart) the named timer to fire at `at`, `after` from now.
    case startTimer(SubscriptionTimer, at: RegistrationInstant, after: Duration)
    case cancelTimer(SubscriptionTimer)
    case stateChanged(SubscriptionState)
    /// A NOTIFY's news: its Subscription-State and body.
    case notified(SubscriptionNotification)
    /// A new subscription (new dialog) is due; only asked by a paced
    /// machine, which waits for `.startSlotGranted` (`SubscriptionSet`).
    case askForStartSlot
}

/// The timers of a subscription.
public enum SubscriptionTimer: String, Hashable, Sendable, CaseIterable {
    /// Time to refresh (RFC 6665 §4.1.2.2).
    case refresh
    /// The wait before a new subscription is over (backoff, Retry-After,
    /// or a terminated NOTIFY's retry-after).
    case retry
    /// The subscription lapses.
    case expiry
}

/// What one NOTIFY said.
public struct SubscriptionNotification: Equatable, Sendable {
    public var state: SubscriptionStateHeader
    /// The event state document, or nil for a NOTIFY without body (RFC 6665
    /// §4.2.2: e.g. no state known yet; Kamailio's idle `dialog` NOTIFY).
    public var body: EventBody?

    public init(state: SubscriptionStateHeader, body: EventBody?) {
        self.state = state
        self.body = body
    }
}
