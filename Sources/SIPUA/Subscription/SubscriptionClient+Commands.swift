/// The events that come from the user, the timers and the pacer rather
/// than from the network. Each only sets what is wanted; `sendWhatIsDue`
/// sends it.
extension SubscriptionClient {
    mutating func start() {
        let alreadyOn = goal == .subscribed && !givenUp
        goal = .subscribed
        givenUp = false
        if alreadyOn {
            // asked in person: no reason to sit out a wait for a new subscription
            if dialog == nil, runningTimers[.retry] != nil {
                cancelTimer(.retry)
                beginNewAttempt()
            }
            return
        }
        cancelTimer(.retry)
        beginNewAttempt()
    }

    /// RFC 6665 §4.1.2.3: SUBSCRIBE with Expires: 0 in the dialog. Shown as
    /// ended at once; the dialog stays until the notifier's last NOTIFY
    /// (which it answers 200, not 481) or the unsubscribe fails.
    mutating func stop() {
        guard goal != .unsubscribed else { return }
        let hadSubscription = goal == .subscribed
        goal = .unsubscribed
        givenUp = false
        initialWanted = false
        refreshWanted = false
        waitingForStartSlot = false
        for timer in SubscriptionTimer.allCases { cancelTimer(timer) }
        // with an initial SUBSCRIBE in flight, its 2xx brings the dialog to end
        if dialog != nil { unsubscribeWanted = true }
        if hadSubscription { setState(.terminated(.unsubscribed)) }
    }

    mutating func refreshNow() {
        guard goal == .subscribed, !givenUp, dialog != nil else { return }
        refreshWanted = true
    }

    mutating func startSlotWasGranted() {
        guard waitingForStartSlot else { return }
        waitingForStartSlot = false
        startSlotGranted = true
    }

    mutating func timerFired(_ timer: SubscriptionTimer, now: RegistrationInstant) {
        // a timer cancelled while its firing was on its way, or not ours
        guard runningTimers.removeValue(forKey: timer) != nil else { return }
        switch timer {
        case .refresh:
            refreshWanted = true
        case .retry:
            // a failed refresh tries again in the dialog; otherwise a new subscription
            guard goal == .subscribed, !givenUp else { return }
            if dialog != nil { refreshWanted = true } else { beginNewAttempt() }
        case .expiry:
            // RFC 6665 §4.1.2.2: valid "for the duration of the most recently
            // known Expires"; that is over, so it is gone at the notifier
            guard goal == .subscribed else { return }
            dropDialog()
            if runningTimers[.retry] != nil {
                setState(.failed(.expired, retryAt: runningTimers[.retry]))
            } else {
                beginNewAttempt()
            }
        }
    }

    mutating func requestTimedOut(cseq: UInt32, now: RegistrationInstant) {
        guard let request = inFlight, request.cseq == cseq else { return }
        inFlight = nil
        failed(request, .timeout, retryable: true, now: now)
    }
}
