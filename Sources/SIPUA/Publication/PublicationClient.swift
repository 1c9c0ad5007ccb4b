import SIPAuth
import SIPCore

/// Our published event state (RFC 3903) as a pure value: events in, actions
/// out, no I/O, no clock, no tasks. The driver sends the PUBLISHes it is
/// handed, feeds back their final responses and timeouts, and runs the
/// timers it is asked to start.
///
///     var client = PublicationClient(configuration: config, authenticator: auth,
///                                    resumingETag: stateDirectory.etag)
///     for action in client.handle(.publish(pidf), now: clock.now) { driver.perform(action) }
///
/// One PUBLISH is in flight at a time (RFC 3903 §4: no new PUBLISH for the
/// same state until the previous one has a final response or timed out).
/// Whatever is asked meanwhile is remembered, not queued: several new
/// documents become one modify with the latest, so each change costs at
/// most one PUBLISH and a burst of changes never becomes a burst of requests.
///
/// Transitions are in `PublicationClient+Commands.swift` (what the user
/// and the timers ask) and `PublicationClient+Outcomes.swift` (what became
/// of a PUBLISH).
public struct PublicationClient: Sendable {
    public let configuration: PublicationConfiguration
    public internal(set) var state: PublicationState = .unpublished
    /// The SIP-ETag of our publication at the server, if any: the one to
    /// store so the next run can resume it.
    public internal(set) var entityTag: String?
    /// The latest document the user asked to publish.
    public internal(set) var document: EventBody?
    /// The expires asked for; a 423 raises it to Min-Expires (RFC 3903 §5).
    public internal(set) var requestedExpires: UInt32
    public internal(set) var nextCSeq: UInt32 = 1
    /// Failures since the last success, for the RFC 5626 §4.5 style backoff.
    public internal(set) var consecutiveFailures = 0
    /// Timers started and neither fired nor cancelled, with their deadlines.
    public internal(set) var runningTimers: [PublicationTimer: RegistrationInstant] = [:]
    /// The server answered 405, 501 or 489: publishing is off for the life
    /// of this machine (the answer will not change by asking again).
    public internal(set) var isSwitchedOff = false

    public var callID: String { builder.callID }
    public var isRequestInFlight: Bool { inFlight != nil }

    // Internal rather than private only so the transitions can live in
    // several files; nothing else in the module touches them.
    let builder: PublishRequestBuilder
    var authentication: EventAuthentication
    var randomSource: any RandomNumberGenerator & Sendable
    var goal = Goal.idle
    /// The server may not hold `document` yet: an initial or modify is due.
    var documentUnsent = false
    /// The refresh timer fired: a refresh (or any PUBLISH with the tag) is due.
    var refreshWanted = false
    /// Stopped after a failure retrying cannot fix, until the user asks again.
    var givenUp = false
    var inFlight: SentPublish?
    /// Answers to the last challenge, for the request that resends it.
    var pendingAuthorizations: [DigestAuthorization]?
    private var output: [PublicationAction] = []

    enum Goal: Equatable, Sendable {
        /// Nothing asked yet (a resumed tag waits for a document or a remove).
        case idle
        /// Keep `document` published and refreshed.
        case published
        /// Withdraw whatever the server holds under our tag.
        case removed
    }

    /// The PUBLISH in flight and what its outcome means.
    struct SentPublish: Sendable {
        var cseq: UInt32
        var kind: PublishRequestBuilder.Kind
        var sentAt: RegistrationInstant
        /// What it carried, for the authenticator's stop-or-retry rule.
        var authorizations: [DigestAuthorization]
        var expires: UInt32
    }

    /// - Parameters:
    ///   - authenticator: answers 401/407 and reuses its nonces afterwards.
    ///   - randomSource: draws the Call-ID, tag, branches and every jitter;
    ///     tests pass a seeded generator.
    ///   - resumingETag: the entity-tag a previous run stored: the first
    ///     document goes out as a modify of that publication (a 412 if it
    ///     is gone makes it an initial PUBLISH), and `remove` withdraws it.
    public init(configuration: PublicationConfiguration, authenticator: DigestAuthenticator,
                randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(),
                resumingETag: String? = nil) {
        var random = randomSource
        let callID = RandomToken.callID(host: configuration.localAddress.host, using: &random)
        let fromTag = RandomToken.tag(using: &random)
        self.configuration = configuration
        self.builder = PublishRequestBuilder(configuration: configuration, callID: callID, fromTag: fromTag)
        self.authentication = EventAuthentication(authenticator: authenticator)
        self.randomSource = random
        self.requestedExpires = configuration.requestedExpires
        self.entityTag = resumingETag
    }

    /// Feeds one event; returns what the driver must do, in order.
    public mutating func handle(_ event: PublicationEvent, now: RegistrationInstant) -> [PublicationAction] {
        if !isSwitchedOff {
            switch event {
            case .publish(let body): publish(body)
            case .remove: remove()
            case .responseReceived(let response): receive(response, now: now)
            case .requestTimedOut(let cseq): requestTimedOut(cseq: cseq, now: now)
            case .timerFired(let timer): timerFired(timer, now: now)
            }
            sendWhatIsDue(now: now)
        } else if case .publish(let body) = event {
            // off for good, and already reported: keep the document, say nothing
            document = body
        }
        defer { output = [] }
        return output
    }

    /// Replaces the credentials (the user fixed a password); a publication
    /// stopped by refused credentials goes out again with the next event.
    public mutating func replaceCredentials(_ credentials: DigestCredentialStore) {
        authentication.replaceCredentials(credentials)
        givenUp = false
    }

    // MARK: Sending

    /// What the goal and the flags call for now, if anything.
    private var dueKind: PublishRequestBuilder.Kind? {
        guard inFlight == nil, runningTimers[.retry] == nil, !givenUp else { return nil }
        switch goal {
        case .idle:
            return nil
        case .removed:
            return entityTag == nil ? nil : .remove
        case .published:
            guard document != nil else { return nil }
            if entityTag == nil { return .initial }
            if documentUnsent { return .modify }
            return refreshWanted ? .refresh : nil
        }
    }

    private mutating func sendWhatIsDue(now: RegistrationInstant) {
        guard !isSwitchedOff else { return }
        if let kind = dueKind {
            send(kind, now: now)
        } else if goal == .removed, entityTag == nil, inFlight == nil {
            // nothing (left) at the server to withdraw
            goal = .idle
            for timer in PublicationTimer.allCases { cancelTimer(timer) }
            setState(.unpublished)
        }
    }

    private mutating func send(_ kind: PublishRequestBuilder.Kind, now: RegistrationInstant) {
        let cseq = nextCSeq
        // 2^31 PUBLISHes is beyond any uptime; stopping at the cap beats trapping
        nextCSeq = min(cseq + 1, CSeq.maximum)
        var message = builder.request(kind, cseq: cseq, branch: RandomToken.branch(using: &randomSource),
                                      entityTag: entityTag, expires: requestedExpires,
                                      document: kind.carriesDocument ? document : nil)
        let authorizations = pendingAuthorizations ?? authentication.authorizations(for: digestRequest(kind))
        pendingAuthorizations = nil
        EventAuthentication.attach(authorizations, to: &message)
        inFlight = SentPublish(cseq: cseq, kind: kind, sentAt: now, authorizations: authorizations,
                               expires: kind == .remove ? 0 : requestedExpires)
        if kind.carriesDocument { documentUnsent = false }
        if kind != .remove {
            // any PUBLISH with our tag extends the lifetime (§4.3, §4.4)
            refreshWanted = false
            cancelTimer(.refresh)
        }
        switch kind {
        case .remove: setState(.removing)
        default: if state.activePublication == nil { setState(.publishing) }
        }
        emit(.send(message))
    }

    /// What digest hashes: method, Request-URI and (for auth-int) the body
    /// the request of `kind` carries.
    func digestRequest(_ kind: PublishRequestBuilder.Kind) -> DigestRequest {
        DigestRequest(method: SIPMethod.publish.rawValue, requestURI: configuration.addressOfRecord.description,
                      body: kind.carriesDocument ? document?.bytes ?? [] : [])
    }

    // MARK: Output

    mutating func emit(_ action: PublicationAction) { output.append(action) }

    mutating func setState(_ next: PublicationState) {
        guard next != state else { return }
        state = next
        emit(.stateChanged(next))
    }

    mutating func setEntityTag(_ tag: String?) {
        guard tag != entityTag else { return }
        entityTag = tag
        emit(.entityTagChanged(tag))
    }

    mutating func startTimer(_ timer: PublicationTimer, at deadline: RegistrationInstant, now: RegistrationInstant) {
        runningTimers[timer] = deadline
        emit(.startTimer(timer, at: deadline, after: max(.zero, deadline - now)))
    }

    mutating func cancelTimer(_ timer: PublicationTimer) {
        guard runningTimers.removeValue(forKey: timer) != nil else { return }
        emit(.cancelTimer(timer))
    }
}
