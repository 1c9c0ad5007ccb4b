import SIPAuth
import SIPCore

/// What became of the PUBLISH in flight: a final response or a timeout.
extension PublicationClient {
    mutating func receive(_ response: SIPMessage, now: RegistrationInstant) {
        guard let request = inFlight, let code = response.statusCode,
              response.cseq == CSeq(request.cseq, .publish), response.callID == callID else { return }
        guard code >= 200 else { return }
        inFlight = nil
        let reply = RegistrarResponse(message: response)
        switch code {
        case 200..<300:
            succeeded(request, response, now: now)
        case 401, 407:
            challenged(request, response, now: now)
        case 412 where request.kind != .initial:
            conditionFailed(request)
        case 423 where request.kind != .remove && (reply.minExpires ?? 0) > request.expires:
            // RFC 3903 §5: retry with an interval of at least Min-Expires,
            // kept for every later PUBLISH
            requestedExpires = reply.minExpires ?? requestedExpires
            wantAgain(request)
        case 405, 501, 489:
            // PUBLISH (405, 501) or this event package (489, RFC 3903 §6
            // step 2) is not served here: asking again will not change it
            switchOff(statusCode: code)
        default:
            let retryable = reply.isRetryableFailure
            let reason = response.reasonPhrase ?? ""
            failed(request, retryable ? .serverError(statusCode: code, reasonPhrase: reason)
                                      : .rejected(statusCode: code, reasonPhrase: reason),
                   retryable: retryable, retryAfter: reply.retryAfter, now: now)
        }
    }

    private mutating func succeeded(_ request: SentPublish, _ response: SIPMessage, now: RegistrationInstant) {
        consecutiveFailures = 0
        if request.kind == .remove {
            setEntityTag(nil)
            for timer in PublicationTimer.allCases { cancelTimer(timer) }
            if goal == .removed { goal = .idle }
            setState(.unpublished)
            return
        }
        // RFC 3903 §6: the 2xx carries the new entity-tag and the granted
        // lifetime; a missing Expires means what we asked for
        setEntityTag(response.headers["SIP-ETag"]?.trimmingLWS)
        let granted = response.expires ?? request.expires
        guard granted > 0 else {
            // nothing kept: try again later rather than at once, in a loop
            setEntityTag(nil)
            documentUnsent = true
            failed(request, .expired, retryable: true, now: now)
            return
        }
        let interval = Duration.seconds(granted)
        let expiresAt = request.sentAt + interval
        let refreshDelay = configuration.refresh.delay(forGranted: interval, using: &randomSource)
        startTimer(.refresh, at: max(now, request.sentAt + refreshDelay), now: now)
        startTimer(.expiry, at: expiresAt, now: now)
        setState(.published(ActivePublication(entityTag: entityTag, grantedExpires: granted,
                                              expiresAt: expiresAt, refreshFailure: nil)))
    }

    /// RFC 3903 §5: after a 412 the tag is dead; do not retry the request,
    /// publish afresh (an initial PUBLISH with the current document).
    private mutating func conditionFailed(_ request: SentPublish) {
        setEntityTag(nil)
        cancelTimer(.refresh)
        cancelTimer(.expiry)
        // a remove finds nothing to remove: done
        guard request.kind != .remove else { return }
        documentUnsent = true
        if state.activePublication != nil { setState(.publishing) }
    }

    /// 401/407: answer once and resend with a new CSeq (RFC 3261 §22.2,
    /// §8.1.3.5); a second challenge after our answer means the password
    /// is wrong, and it stops there rather than looping.
    private mutating func challenged(_ request: SentPublish, _ response: SIPMessage, now: RegistrationInstant) {
        do {
            pendingAuthorizations = try authentication.answer(response, to: digestRequest(request.kind),
                                                              carried: request.authorizations)
            wantAgain(request)
        } catch .credentialsRejected(let realm) {
            failed(request, .authenticationRejected(realm: realm), retryable: false, now: now)
        } catch {
            failed(request, .authenticationFailed(error), retryable: false, now: now)
        }
    }

    /// Marks what `request` was for as wanted again, so the same kind goes
    /// out next (with the latest document, if it carried one).
    private mutating func wantAgain(_ request: SentPublish) {
        switch request.kind {
        case .initial, .modify: documentUnsent = true
        case .refresh: refreshWanted = true
        case .remove: break  // still wanted while goal is .removed
        }
    }

    private mutating func switchOff(statusCode: Int) {
        isSwitchedOff = true
        pendingAuthorizations = nil
        for timer in PublicationTimer.allCases { cancelTimer(timer) }
        setState(.failed(.unsupportedByServer(statusCode: statusCode), retryAt: nil))
    }

    /// The request failed: retry after a backoff, or give up.
    mutating func failed(_ request: SentPublish, _ failure: PublicationFailure, retryable: Bool,
                         retryAfter: Duration? = nil, now: RegistrationInstant) {
        if request.kind == .remove {
            // Not retried: our state lapses by itself at its expiry, and a
            // user who is leaving wants to be done. The tag is kept, since
            // the server may still hold the publication.
            if goal == .removed { goal = .idle }
            for timer in PublicationTimer.allCases { cancelTimer(timer) }
            setState(.failed(failure, retryAt: nil))
            return
        }
        wantAgain(request)
        guard retryable else {
            givenUp = true
            for timer in PublicationTimer.allCases { cancelTimer(timer) }
            setState(.failed(failure, retryAt: nil))
            return
        }
        let retryAt: RegistrationInstant
        if let pending = runningTimers[.retry] {
            retryAt = pending
        } else {
            consecutiveFailures += 1
            let wait = retryAfter
                ?? configuration.backoff.wait(consecutiveFailures: consecutiveFailures, using: &randomSource)
            retryAt = now + wait
            startTimer(.retry, at: retryAt, now: now)
        }
        // a failed refresh or modify leaves the publication in force until it lapses
        if var active = state.activePublication {
            active.refreshFailure = failure
            setState(.published(active))
        } else {
            setState(.failed(failure, retryAt: retryAt))
        }
    }
}
