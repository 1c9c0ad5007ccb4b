import SIPCore

/// What a driver tells a `PublicationClient`.
public enum PublicationEvent: Equatable, Sendable {
    /// Publish this document: the first time an initial PUBLISH, later a
    /// modify (RFC 3903 §4.4). Documents given while a PUBLISH is in flight
    /// are coalesced: only the latest goes out, in one PUBLISH.
    case publish(EventBody)
    /// Withdraw our state (RFC 3903 §4.5: Expires 0), e.g. on exit.
    case remove
    /// A final (or provisional, ignored) response to a PUBLISH this machine
    /// asked to send.
    case responseReceived(SIPMessage)
    /// The client transaction of the PUBLISH with this CSeq number ended
    /// without a final response (Timer F), or its flow broke.
    case requestTimedOut(cseq: UInt32)
    /// A timer this machine started fired.
    case timerFired(PublicationTimer)
}

/// What a `PublicationClient` asks its driver to do, in order.
public enum PublicationAction: Equatable, Sendable {
    /// Send this PUBLISH in a new client transaction.
    case send(SIPMessage)
    /// Start (or restart) the named timer to fire at `at`, `after` from now.
    case startTimer(PublicationTimer, at: RegistrationInstant, after: Duration)
    case cancelTimer(PublicationTimer)
    case stateChanged(PublicationState)
    /// The entity-tag to keep: a headless `status set` stores it in the
    /// state directory so the next run modifies the same publication
    /// (`PublicationClient(…, resumingETag:)`). Nil: forget it.
    case entityTagChanged(String?)
}

/// The timers of a publication.
public enum PublicationTimer: String, Hashable, Sendable, CaseIterable {
    /// Time to refresh (RFC 3903 §4.3).
    case refresh
    /// The backoff wait after a failure is over.
    case retry
    /// The published state lapses at the server.
    case expiry
}
