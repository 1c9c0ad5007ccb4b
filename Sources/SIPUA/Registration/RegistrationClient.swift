import SIPAuth
import SIPCore

/// The registration of one account binding (RFC 3261 §10.2, RFC 5626) as a
/// pure value: events in, actions out, no I/O, no clock, no tasks.
///
///     var client = RegistrationClient(configuration: config, authenticator: auth)
///     for action in client.handle(.start, now: clock.now) { driver.perform(action) }
///
/// The driver sends the REGISTERs it is handed in client transactions,
/// feeds back their final responses and timeouts, runs the timers it is
/// asked to start, and reports flow failures and recoveries. One REGISTER
/// is in flight at a time (§10.2: no new registration "until it has
/// received a final response ... or the previous REGISTER request has timed
/// out"); whatever is wanted meanwhile goes out when it ends.
///
/// The transitions are in `RegistrationClient+Commands.swift` (what the
/// user and the driver ask) and `RegistrationClient+Outcomes.swift` (what
/// became of a request).
public struct RegistrationClient: Sendable {
    public let configuration: RegistrationConfiguration
    public internal(set) var state: RegistrationState = .unregistered
    /// The contact registered, or to be registered next.
    public internal(set) var contact: SIPURI
    /// The expires asked for; a 423 raises it to Min-Expires (§10.2.8).
    public internal(set) var requestedExpires: UInt32
    /// The CSeq number of the next REGISTER (§10.2: one more each time).
    public internal(set) var nextCSeq: UInt32
    /// Failures since the last success, for RFC 5626 §4.5 backoff.
    public internal(set) var consecutiveFailures = 0
    /// Timers started and neither fired nor cancelled, with their deadlines.
    public internal(set) var runningTimers: [RegistrationTimer: RegistrationInstant] = [:]

    public var callID: String { builder.callID }
    public var fromTag: String { builder.fromTag }
    public var isRequestInFlight: Bool { inFlight != nil }

    // Internal rather than private only so the transitions can live in
    // several files; nothing else in the module touches them.
    let builder: RegisterRequestBuilder
    var authenticator: DigestAuthenticator
    var randomSource: any RandomNumberGenerator & Sendable
    var goal = Goal.unregistered
    /// A REGISTER for our contact should go out as soon as nothing is in
    /// flight and no backoff wait runs.
    var registerWanted = false
    var queryWanted = false
    /// Stopped after a failure retrying cannot fix, until the next `start`.
    var givenUp = false
    /// A REGISTER with our contact was sent since the last unregister ended,
    /// so the registrar may hold it and `stop` must remove it.
    var serverMayHoldBinding = false
    /// Contacts we replaced that may still be bound; removed (expires=0)
    /// with the next REGISTER.
    var staleContacts: [SIPURI] = []
    var inFlight: SentRegister?
    /// Answers to the last challenge, for the request that resends it.
    var pendingAuthorizations: [DigestAuthorization]?
    private var output: [RegistrationAction] = []

    enum Goal: Equatable, Sendable { case registered, unregistered }

    enum Purpose: Equatable, Sendable { case register, unregister, query }

    /// The REGISTER in flight and what its outcome means.
    struct SentRegister: Sendable {
        var cseq: UInt32
        var purpose: Purpose
        var sentAt: RegistrationInstant
        /// What it carried, for the authenticator's stop-or-retry rule.
        var authorizations: [DigestAuthorization]
        var contact: SIPURI
        var expires: UInt32
        /// Contacts it sent with expires=0.
        var removedContacts: [SIPURI]
    }

    /// - Parameters:
    ///   - authenticator: answers 401/407 and reuses its nonces for refreshes.
    ///   - randomSource: draws the Call-ID, tags, branches and every jitter;
    ///     tests pass a seeded generator.
    public init(configuration: RegistrationConfiguration, authenticator: DigestAuthenticator,
                randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        var random = randomSource
        let callID = configuration.callID ?? RandomToken.callID(host: configuration.contact.host, using: &random)
        let fromTag = RandomToken.tag(using: &random)
        self.configuration = configuration
        self.builder = RegisterRequestBuilder(configuration: configuration, callID: callID, fromTag: fromTag)
        self.authenticator = authenticator
        self.randomSource = random
        self.contact = configuration.contact
        self.requestedExpires = configuration.requestedExpires
        // §8.1.1.5: "MUST be less than 2**31"
        self.nextCSeq = min(max(configuration.initialCSeq, 1), CSeq.maximum)
    }

    /// Feeds one event; returns what the driver must do, in order.
    public mutating func handle(_ event: RegistrationEvent, now: RegistrationInstant) -> [RegistrationAction] {
        switch event {
        case .start: start()
        case .stop: stop()
        case .queryBindings: queryWanted = true
        case .responseReceived(let response): receive(response, now: now)
        case .requestTimedOut(let cseq): requestTimedOut(cseq: cseq, now: now)
        case .transportFailed: transportFailed(now: now)
        case .transportRecovered: transportRecovered()
        case .timerFired(let timer): timerFired(timer, now: now)
        case .contactChanged(let uri): changeContact(to: uri)
        }
        sendWhatIsDue(now: now)
        defer { output = [] }
        return output
    }

    /// Replaces the credentials (the user fixed a password); cached nonces go.
    public mutating func replaceCredentials(_ credentials: DigestCredentialStore) {
        authenticator.credentials = credentials
        authenticator.forgetAllNonces()
    }

    // MARK: Sending

    /// Sends what the goal and the flags call for, if nothing is in flight.
    private mutating func sendWhatIsDue(now: RegistrationInstant) {
        switch goal {
        case .unregistered:
            if serverMayHoldBinding || !staleContacts.isEmpty {
                setState(.unregistering)
                if inFlight == nil { send(.unregister, now: now) }
            } else {
                setState(.unregistered)
                if inFlight == nil, queryWanted { send(.query, now: now) }
            }
        case .registered:
            guard inFlight == nil else { return }
            if registerWanted, !givenUp, runningTimers[.retry] == nil {
                if !state.isRegistered { setState(.registering) }
                send(.register, now: now)
            } else if queryWanted {
                send(.query, now: now)
            }
        }
    }

    private mutating func send(_ purpose: Purpose, now: RegistrationInstant) {
        let cseq = nextCSeq
        // 2^31 REGISTERs is beyond any uptime; stopping at the cap beats trapping
        nextCSeq = min(cseq + 1, CSeq.maximum)
        var removed = staleContacts
        var entries: [RegisterRequestBuilder.ContactEntry] = []
        switch purpose {
        case .register:
            entries = [.init(uri: contact, expires: requestedExpires)]
        case .unregister:
            // §10.2.2: expires=0 for our own contact, never `*`, which would
            // remove the user's other devices too
            removed.insert(contact, at: 0)
        case .query:
            removed = []
        }
        entries += removed.map { .init(uri: $0, expires: 0) }

        var message = builder.request(cseq: cseq, branch: RandomToken.branch(using: &randomSource), contacts: entries)
        let authorizations = pendingAuthorizations ?? authenticator.authorizationsForNextRequest(digestRequest)
        pendingAuthorizations = nil
        for authorization in authorizations {
            message.headers.add(authorization.headerName, authorization.headerValue)
        }
        inFlight = SentRegister(cseq: cseq, purpose: purpose, sentAt: now, authorizations: authorizations,
                                contact: contact, expires: requestedExpires, removedContacts: removed)
        switch purpose {
        case .register:
            registerWanted = false
            serverMayHoldBinding = true
            cancelTimer(.refresh)
        case .query:
            queryWanted = false
        case .unregister:
            break
        }
        emit(.send(message))
    }

    /// What digest hashes: the method and Request-URI of every REGISTER.
    var digestRequest: DigestRequest {
        DigestRequest(method: SIPMethod.register.rawValue, requestURI: configuration.registrar.description)
    }

    // MARK: Output

    mutating func emit(_ action: RegistrationAction) { output.append(action) }

    mutating func setState(_ next: RegistrationState) {
        guard next != state else { return }
        state = next
        emit(.stateChanged(next))
    }

    /// Starts or restarts a timer.
    mutating func startTimer(_ timer: RegistrationTimer, at deadline: RegistrationInstant, now: RegistrationInstant) {
        runningTimers[timer] = deadline
        emit(.startTimer(timer, at: deadline, after: max(.zero, deadline - now)))
    }

    mutating func cancelTimer(_ timer: RegistrationTimer) {
        guard runningTimers.removeValue(forKey: timer) != nil else { return }
        emit(.cancelTimer(timer))
    }
}
