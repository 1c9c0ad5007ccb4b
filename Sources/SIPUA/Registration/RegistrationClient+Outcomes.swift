import SIPAuth
import SIPCore

/// What became of the REGISTER in flight: a final response, a timeout or a
/// broken flow.
extension RegistrationClient {
    mutating func receive(_ response: SIPMessage, now: RegistrationInstant) {
        guard let request = inFlight, let code = response.statusCode,
              response.cseq == CSeq(request.cseq, .register), response.callID == callID else { return }
        // provisional responses change nothing here (§10.2: the final one counts)
        guard code >= 200 else { return }
        inFlight = nil
        let reply = RegistrarResponse(message: response)
        switch code {
        case 200..<300:
            succeeded(request, reply, now: now)
        case 401, 407:
            challenged(request, reply, now: now)
        case 423 where request.purpose == .register && (reply.minExpires ?? 0) > request.expires:
            // §10.2.8: the UA "MAY retry the registration after making the
            // expiration interval ... equal to or greater than" Min-Expires;
            // it is kept for refreshes too
            requestedExpires = reply.minExpires ?? requestedExpires
            registerWanted = true
        default:
            let retryable = reply.isRetryableFailure
            failed(request, .serverError(statusCode: code, reasonPhrase: response.reasonPhrase ?? ""),
                   retryable: retryable, retryAfter: reply.retryAfter, now: now)
        }
    }

    private mutating func succeeded(_ request: SentRegister, _ reply: RegistrarResponse, now: RegistrationInstant) {
        staleContacts.removeAll { request.removedContacts.contains($0) }
        switch request.purpose {
        case .query:
            let bindings = reply.bindings(isOurs: ownContactMatcher(for: contact).isOurs)
            emit(.bindingsQueried(bindings))
            if var active = state.activeRegistration {
                active.bindings = bindings
                setState(.registered(active))
            }
        case .unregister:
            serverMayHoldBinding = false
        case .register:
            consecutiveFailures = 0
            // a stop came while it was in flight: the unregister follows
            guard goal == .registered else { return }
            registered(request, reply, now: now)
        }
    }

    private mutating func registered(_ request: SentRegister, _ reply: RegistrarResponse, now: RegistrationInstant) {
        let bindings = reply.bindings(isOurs: ownContactMatcher(for: request.contact).isOurs)
        // §10.2.4: the registrar's word on our contact counts, else its Expires
        // header, else what we asked for
        let granted = bindings.first(where: \.isOurs)?.expires ?? reply.message.expires ?? request.expires
        guard granted > 0 else {
            registerFailed(.bindingNotKept, retryable: true, now: now)
            return
        }
        let interval = Duration.seconds(granted)
        // Counted from the send: the registrar's clock started no earlier.
        let expiresAt = request.sentAt + interval
        let refreshDelay = configuration.refresh.delay(forGranted: interval, using: &randomSource)
        startTimer(.refresh, at: max(now, request.sentAt + refreshDelay), now: now)
        startTimer(.expiry, at: expiresAt, now: now)
        setState(.registered(ActiveRegistration(contact: request.contact, grantedExpires: granted,
                                                expiresAt: expiresAt, bindings: bindings, refreshFailure: nil)))
    }

    /// 401/407: answer once, resend with a new CSeq (§22.2, §8.1.3.5); a
    /// second challenge after our answer means the password is wrong.
    private mutating func challenged(_ request: SentRegister, _ reply: RegistrarResponse, now: RegistrationInstant) {
        do {
            var answers = try authenticator.answer(
                wwwAuthenticate: reply.message.headers.values("WWW-Authenticate"),
                proxyAuthenticate: reply.message.headers.values("Proxy-Authenticate"),
                request: digestRequest, challengedRequestCarried: request.authorizations)
            // A realm answered before and not challenged this time (a proxy's,
            // when the registrar challenges next) must still be answered.
            for carried in request.authorizations
            where !answers.contains(where: { $0.kind == carried.kind && $0.realm == carried.realm }) {
                if let again = authenticator.authorizationForNextRequest(digestRequest, realm: carried.realm,
                                                                         kind: carried.kind) {
                    answers.append(again)
                }
            }
            pendingAuthorizations = answers
            switch request.purpose {
            case .register: registerWanted = true
            case .query: queryWanted = true
            case .unregister: break  // still wanted while the registrar may hold our binding
            }
        } catch .credentialsRejected(let realm) {
            failed(request, .authenticationRejected(realm: realm), retryable: false, now: now)
        } catch {
            failed(request, .authenticationFailed(error), retryable: false, now: now)
        }
    }

    /// The request failed: decide between retrying later and giving up.
    mutating func failed(_ request: SentRegister, _ failure: RegistrationFailure, retryable: Bool,
                         retryAfter: Duration? = nil, now: RegistrationInstant) {
        switch request.purpose {
        case .query:
            emit(.bindingQueryFailed(failure))
        case .unregister:
            // Not retried: the binding lapses by itself at its expiry (§10.2.1)
            // and a user who stops wants to be done.
            serverMayHoldBinding = false
            staleContacts.removeAll { request.removedContacts.contains($0) }
        case .register:
            guard goal == .registered else { return }
            registerFailed(failure, retryable: retryable, retryAfter: retryAfter, now: now)
        }
    }

    /// Registering failed (or the flow under the binding broke).
    mutating func registerFailed(_ failure: RegistrationFailure, retryable: Bool, retryAfter: Duration? = nil,
                                 now: RegistrationInstant) {
        guard retryable else {
            givenUp = true
            for timer in [RegistrationTimer.refresh, .retry, .expiry] { cancelTimer(timer) }
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
        // A failed refresh leaves the binding in force until it lapses,
        // unless the flow it rides on is gone or the registrar dropped it.
        if var active = state.activeRegistration, failure != .transport, failure != .bindingNotKept {
            active.refreshFailure = failure
            setState(.registered(active))
        } else {
            cancelTimer(.expiry)
            setState(.failed(failure, retryAt: retryAt))
        }
    }

    func ownContactMatcher(for contact: SIPURI) -> OwnContactMatcher {
        OwnContactMatcher(contact: contact, instanceURN: configuration.instanceURN,
                          registrationID: configuration.usesOutbound ? RegistrationConfiguration.registrationID : nil)
    }
}
