import SIPCore

/// The events that come from the user and the driver rather than from a
/// response. Each only sets what is wanted; `sendWhatIsDue` sends it.
extension RegistrationClient {
    mutating func start() {
        goal = .registered
        givenUp = false
        if runningTimers[.retry] != nil {
            // asked in person: no reason to sit out the backoff
            cancelTimer(.retry)
            registerWanted = true
        } else if inFlight?.purpose != .register, !state.isRegistered {
            registerWanted = true
        }
    }

    mutating func stop() {
        goal = .unregistered
        registerWanted = false
        givenUp = false
        for timer in [RegistrationTimer.refresh, .retry, .expiry] { cancelTimer(timer) }
    }

    /// RFC 5626 §4.5: over a new flow, "replace any registrations that
    /// were previously sent through this flow" at once; a backoff wait that
    /// was only waiting for the flow ends.
    mutating func transportRecovered() {
        guard goal == .registered, !givenUp else { return }
        if runningTimers[.retry] != nil {
            cancelTimer(.retry)
            registerWanted = true
        } else if inFlight == nil, state.isRegistered {
            registerWanted = true
        }
    }

    /// A request on the broken flow will get no answer: it failed. A binding
    /// on it no longer reaches us (RFC 5626 §4.4), so it counts as lost; the
    /// backoff wait is the fallback should no recovery be reported.
    mutating func transportFailed(now: RegistrationInstant) {
        if let request = inFlight {
            inFlight = nil
            failed(request, .transport, retryable: true, now: now)
        } else if goal == .registered, !givenUp, state.isRegistered {
            registerFailed(.transport, retryable: true, now: now)
        }
    }

    mutating func timerFired(_ timer: RegistrationTimer, now: RegistrationInstant) {
        // a timer cancelled while its firing was on its way, or not ours
        guard runningTimers.removeValue(forKey: timer) != nil else { return }
        switch timer {
        case .refresh, .retry:
            registerWanted = true
        case .expiry:
            // §10.2.1: the registrar dropped the binding; calls no longer reach us
            if state.isRegistered { setState(.failed(.expired, retryAt: runningTimers[.retry])) }
        case .staggeredStart:
            break
        }
    }

    mutating func changeContact(to uri: SIPURI) {
        guard uri != contact else { return }
        let old = contact
        contact = uri
        staleContacts.removeAll { $0 == uri }
        // With an instance id the registrar replaces this instance's binding
        // by itself (RFC 5626 §6), and an expires=0 for the old URI carrying
        // the same instance would remove the new one too. Without, the old
        // contact stays bound until removed by name (RFC 3261 §10.2.2).
        if serverMayHoldBinding, configuration.instanceURN == nil, !staleContacts.contains(old) {
            staleContacts.append(old)
        }
        if goal == .registered, !givenUp { registerWanted = true }
    }

    mutating func requestTimedOut(cseq: UInt32, now: RegistrationInstant) {
        guard let request = inFlight, request.cseq == cseq else { return }
        inFlight = nil
        failed(request, .timeout, retryable: true, now: now)
    }
}
