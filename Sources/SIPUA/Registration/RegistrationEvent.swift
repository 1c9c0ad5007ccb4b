import SIPCore

/// What a driver tells a `RegistrationClient`.
public enum RegistrationEvent: Equatable, Sendable {
    /// Register, and keep the binding refreshed.
    case start
    /// Remove our binding (Expires 0 for our contact only) and stay off.
    case stop
    /// Ask the registrar which bindings it holds: a REGISTER without Contact
    /// (RFC 3261 §10.2.3). Answered with `.bindingsQueried`.
    case queryBindings
    /// A final (or provisional, ignored) response to a REGISTER this machine
    /// asked to send. Responses to other requests are ignored.
    case responseReceived(SIPMessage)
    /// The client transaction of the REGISTER with this CSeq number ended
    /// without a final response (Timer F).
    case requestTimedOut(cseq: UInt32)
    /// The flow to the registrar broke; a request on it will not be answered.
    case transportFailed
    /// A flow to the registrar is up again (RFC 5626 §4.5: re-register over it).
    case transportRecovered
    /// A timer this machine started fired.
    case timerFired(RegistrationTimer)
    /// Our reachable address changed, e.g. learned from Via received/rport
    /// (RFC 3581): register the new contact and remove the old one.
    case contactChanged(SIPURI)
}

/// What a `RegistrationClient` asks its driver to do, in order.
public enum RegistrationAction: Equatable, Sendable {
    /// Send this REGISTER in a new client transaction.
    case send(SIPMessage)
    /// Start (or restart) the named timer to fire at `at`, which is `after`
    /// from the `now` of the event that asked.
    case startTimer(RegistrationTimer, at: RegistrationInstant, after: Duration)
    case cancelTimer(RegistrationTimer)
    case stateChanged(RegistrationState)
    /// The registrar's answer to `.queryBindings`.
    case bindingsQueried([RegistrarBinding])
    case bindingQueryFailed(RegistrationFailure)
}

/// The timers of a registration binding.
public enum RegistrationTimer: String, Hashable, Sendable, CaseIterable {
    /// Time to refresh the binding.
    case refresh
    /// The backoff wait after a failure is over.
    case retry
    /// The binding lapses.
    case expiry
    /// `RegistrationSet` staggers starts with it; a client ignores it.
    case staggeredStart
}
