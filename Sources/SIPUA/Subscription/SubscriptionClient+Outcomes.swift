import SIPAuth
import SIPCore

/// What became of the SUBSCRIBE in flight: a final response or a timeout.
extension SubscriptionClient {
    /// RFC 6665 §4.1.2.2: these answers to a refresh end the subscription
    /// (481 is handled on its own: it is resubscribed at once).
    static let refreshTerminatingCodes: Set<Int> = [404, 405, 410, 416, 480, 482, 483, 484, 485, 489, 501, 604]

    mutating func receive(_ response: SIPMessage, now: RegistrationInstant,
                          authentication: inout EventAuthentication) {
        guard let request = inFlight, let code = response.statusCode,
              response.cseq == CSeq(request.cseq, .subscribe), response.callID == request.attempt.callID else { return }
        guard code >= 200 else { return }
        inFlight = nil
        let reply = RegistrarResponse(message: response)
        switch code {
        case 200..<300:
            succeeded(request, response, now: now)
        case 401, 407:
            challenged(request, response, now: now, authentication: &authentication)
        case 423 where request.purpose != .unsubscribe && (reply.minExpires ?? 0) > request.expires:
            // RFC 6665 §4.2.1.1 (as REGISTER's §10.2.8): ask again for at least Min-Expires
            requestedExpires = reply.minExpires ?? requestedExpires
            wantAgain(request)
        case 481 where request.purpose == .refresh:
            // RFC 6665 §4.1.2.2: the notifier has no such subscription;
            // a new, unrelated one is the way back
            dropDialog()
            resubscribeAtOnce(orAfter: .terminatedByNotifier(nil), now: now)
        case _ where request.purpose == .refresh && Self.refreshTerminatingCodes.contains(code):
            dropDialog()
            failed(request, .rejected(statusCode: code, reasonPhrase: response.reasonPhrase ?? ""),
                   retryable: true, retryAfter: reply.retryAfter, now: now)
        default:
            let retryable = reply.isRetryableFailure
            let reason = response.reasonPhrase ?? ""
            failed(request, retryable ? .serverError(statusCode: code, reasonPhrase: reason)
                                      : .rejected(statusCode: code, reasonPhrase: reason),
                   retryable: retryable, retryAfter: reply.retryAfter, now: now)
        }
    }

    private mutating func succeeded(_ request: SentSubscribe, _ response: SIPMessage, now: RegistrationInstant) {
        consecutiveFailures = 0
        switch request.purpose {
        case .unsubscribe:
            return  // the dialog stays for the notifier's final NOTIFY
        case .initial:
            // a NOTIFY that came first already made the dialog (§4.1.2.4);
            // another peer's 2xx (forking) does not replace it
            if dialog == nil {
                dialog = SubscriptionDialog(response: response, requestURI: request.requestURI)
            }
            guard dialog != nil else {
                // a 2xx without To tag cannot be refreshed or unsubscribed
                failed(request, .rejected(statusCode: response.statusCode ?? 200,
                                          reasonPhrase: "no To tag in the 2xx"),
                       retryable: true, now: now)
                return
            }
            if goal == .unsubscribed {
                unsubscribeWanted = true
                return
            }
        case .refresh:
            break
        }
        guard goal == .subscribed else { return }
        // §4.1.2.1: the 2xx's Expires is the duration granted (never longer
        // than asked); counted from the send, as the notifier started no earlier
        let granted = Duration.seconds(response.expires ?? request.expires)
        let expiresAt = request.sentAt + granted
        let refreshDelay = configuration.refresh.delay(forGranted: granted, using: &randomSource)
        startTimer(.refresh, at: max(now, request.sentAt + refreshDelay), now: now)
        startTimer(.expiry, at: max(now, expiresAt), now: now)
        switch state {
        case .active: setState(.active(expiresAt: expiresAt))
        case .pending: setState(.pending(expiresAt: expiresAt))
        default: break  // the first NOTIFY tells active or pending
        }
    }

    /// 401/407: answer once and resend with a new CSeq (RFC 3261 §22.2,
    /// §8.1.3.5); a second challenge after our answer means the password
    /// is wrong, and it stops there rather than looping.
    private mutating func challenged(_ request: SentSubscribe, _ response: SIPMessage, now: RegistrationInstant,
                                     authentication: inout EventAuthentication) {
        do {
            pendingAuthorizations = try authentication.answer(
                response, to: Self.digestRequest(request.requestURI), carried: request.authorizations)
            wantAgain(request)
        } catch .credentialsRejected(let realm) {
            failed(request, .authenticationRejected(realm: realm), retryable: false, now: now)
        } catch {
            failed(request, .authenticationFailed(error), retryable: false, now: now)
        }
    }

    /// Marks what `request` was for as wanted again (same attempt, same dialog).
    private mutating func wantAgain(_ request: SentSubscribe) {
        switch request.purpose {
        case .initial: initialWanted = true
        case .refresh: refreshWanted = true
        case .unsubscribe: unsubscribeWanted = true
        }
    }

    /// The request failed: retry after a backoff, or give up.
    mutating func failed(_ request: SentSubscribe, _ failure: SubscriptionFailure, retryable: Bool,
                         retryAfter: Duration? = nil, now: RegistrationInstant) {
        if request.purpose == .unsubscribe {
            // not retried: the subscription lapses at its expiry by itself
            dropDialog()
            return
        }
        guard goal == .subscribed else { return }
        guard retryable else {
            givenUp = true
            dropDialog()
            cancelTimer(.retry)
            setState(.failed(failure, retryAt: nil))
            return
        }
        let retryAt = scheduleRetry(after: retryAfter, now: now)
        // a failed refresh leaves the subscription in force until it lapses
        // (RFC 6665 §4.1.2.2); the retry timer then refreshes in the dialog
        if dialog == nil || !state.isLive { setState(.failed(failure, retryAt: retryAt)) }
    }

    /// Starts the backoff (or `after`) wait unless one runs; its deadline.
    mutating func scheduleRetry(after wait: Duration?, now: RegistrationInstant) -> RegistrationInstant {
        if let pending = runningTimers[.retry] { return pending }
        consecutiveFailures += 1
        let delay = wait ?? configuration.backoff.wait(consecutiveFailures: consecutiveFailures, using: &randomSource)
        let retryAt = now + delay
        startTimer(.retry, at: retryAt, now: now)
        return retryAt
    }

    /// A new subscription now (481 to a refresh, terminated with
    /// deactivated or timeout), at most once per `backoff.baseTime`; more
    /// often than that the notifier is ending every new one and gets a backoff.
    mutating func resubscribeAtOnce(orAfter failure: SubscriptionFailure, now: RegistrationInstant) {
        guard goal == .subscribed, !givenUp else { return }
        if let last = lastImmediateResubscribe, now - last < configuration.backoff.baseTime {
            setState(.failed(failure, retryAt: scheduleRetry(after: nil, now: now)))
        } else {
            lastImmediateResubscribe = now
            beginNewAttempt()
        }
    }
}
