/// The events that come from the user and the timers rather than from a
/// response. Each only sets what is wanted; `sendWhatIsDue` sends it.
extension PublicationClient {
    /// A new document: an initial PUBLISH, or a modify of ours (RFC 3903
    /// §4.4). While a PUBLISH is in flight or a backoff runs, it replaces
    /// any document still waiting, so the next PUBLISH carries the latest.
    mutating func publish(_ body: EventBody) {
        document = body
        documentUnsent = true
        goal = .published
        // asked in person: a refusal is worth one more try
        givenUp = false
    }

    /// RFC 3903 §4.5: Expires 0 with our tag. The user is leaving, so a
    /// backoff wait is not sat out.
    mutating func remove() {
        goal = .removed
        givenUp = false
        refreshWanted = false
        cancelTimer(.refresh)
        cancelTimer(.retry)
    }

    mutating func timerFired(_ timer: PublicationTimer, now: RegistrationInstant) {
        // a timer cancelled while its firing was on its way, or not ours
        guard runningTimers.removeValue(forKey: timer) != nil else { return }
        switch timer {
        case .refresh:
            refreshWanted = true
        case .retry:
            break  // sendWhatIsDue sends whatever waited for it
        case .expiry:
            // The server dropped our state (RFC 3903 §6): its tag means
            // nothing now, and the next PUBLISH must be an initial one.
            setEntityTag(nil)
            documentUnsent = true
            if state.activePublication != nil { setState(.failed(.expired, retryAt: runningTimers[.retry])) }
        }
    }

    mutating func requestTimedOut(cseq: UInt32, now: RegistrationInstant) {
        guard let request = inFlight, request.cseq == cseq else { return }
        inFlight = nil
        failed(request, .timeout, retryable: true, now: now)
    }
}
