import SIPAuth
import SIPCore

/// One subscription (RFC 6665, for presence RFC 3856, dialog RFC 4235,
/// presence.winfo RFC 3857) as a pure value: events in, actions out, no
/// I/O, no clock, no tasks.
///
///     var auth = EventAuthentication(authenticator: accountAuthenticator)
///     var client = SubscriptionClient(configuration: config)
///     for action in client.handle(.start, now: clock.now, authentication: &auth) { ... }
///
/// The digest state is passed in rather than owned, so every subscription
/// of an account shares one nonce cache and only the first SUBSCRIBE of a
/// list draws a 407. One SUBSCRIBE is in flight at a time; whatever is
/// wanted meanwhile goes out when it ends.
///
/// Transitions are in `SubscriptionClient+Commands.swift` (user and
/// timers), `+Outcomes.swift` (what became of a SUBSCRIBE) and
/// `+Notify.swift` (NOTIFYs).
public struct SubscriptionClient: Sendable {
    public let configuration: SubscriptionConfiguration
    public internal(set) var state: SubscriptionState = .idle
    /// The last NOTIFY's news, body included: what a buddy list shows.
    public internal(set) var lastNotification: SubscriptionNotification?
    /// The duration asked for; a 423 raises it to Min-Expires.
    public internal(set) var requestedExpires: UInt32
    /// Failures since the last success, for the backoff.
    public internal(set) var consecutiveFailures = 0
    /// Timers started and neither fired nor cancelled, with their deadlines.
    public internal(set) var runningTimers: [SubscriptionTimer: RegistrationInstant] = [:]

    public var key: SubscriptionKey { configuration.key }
    public var callID: String? { attempt?.callID }
    public var localTag: String? { attempt?.localTag }
    public var lastBody: EventBody? { lastNotification?.body }
    public var hasDialog: Bool { dialog != nil }
    public var isRequestInFlight: Bool { inFlight != nil }

    /// The identifiers of the current attempt; nil before the first.
    var attempt: SubscribeRequestBuilder.Attempt?
    /// A `SubscriptionSet` paces new subscriptions: with this set the
    /// machine asks for a start slot (`.askForStartSlot`) instead of
    /// sending a new initial SUBSCRIBE at once.
    var pacedStarts = false

    // Internal rather than private only so the transitions can live in
    // several files; nothing else in the module touches them.
    let builder: SubscribeRequestBuilder
    var randomSource: any RandomNumberGenerator & Sendable
    var goal = Goal.idle
    var dialog: SubscriptionDialog?
    /// Never reset, even for a new attempt (any start value is allowed,
    /// RFC 3261 §8.1.1.5), so a CSeq number names one request of this
    /// machine and a late timeout cannot be taken for a newer request's.
    var nextCSeq: UInt32 = 1
    var inFlight: SentSubscribe?
    /// An initial SUBSCRIBE of the current attempt is due.
    var initialWanted = false
    /// The pacer let the current attempt go (always true when unpaced).
    var startSlotGranted = false
    var waitingForStartSlot = false
    var refreshWanted = false
    var unsubscribeWanted = false
    /// Stopped after a failure retrying cannot fix (or a final
    /// termination), until the next `start`.
    var givenUp = false
    /// When the last at-once resubscribe (481, deactivated, timeout) went:
    /// at most one per `backoff.baseTime`, so a notifier that ends every
    /// new subscription at once gets a backoff, not a loop.
    var lastImmediateResubscribe: RegistrationInstant?
    /// Answers to the last challenge, for the request that resends it.
    var pendingAuthorizations: [DigestAuthorization]?
    private var output: [SubscriptionAction] = []

    enum Goal: Equatable, Sendable { case idle, subscribed, unsubscribed }

    enum Purpose: Equatable, Sendable { case initial, refresh, unsubscribe }

    /// The SUBSCRIBE in flight and what its outcome means.
    struct SentSubscribe: Sendable {
        var cseq: UInt32
        var purpose: Purpose
        var attempt: SubscribeRequestBuilder.Attempt
        var requestURI: SIPURI
        var sentAt: RegistrationInstant
        /// What it carried, for the authenticator's stop-or-retry rule.
        var authorizations: [DigestAuthorization]
        var expires: UInt32
    }

    /// - Parameter randomSource: draws Call-IDs, tags, branches and every
    ///   jitter; tests pass a seeded generator.
    public init(configuration: SubscriptionConfiguration,
                randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.configuration = configuration
        self.builder = SubscribeRequestBuilder(configuration: configuration)
        self.randomSource = randomSource
        self.requestedExpires = configuration.requestedExpires
    }

    /// Feeds one event; returns what the driver must do, in order.
    /// `authentication` is the account's digest state, shared by its subscriptions.
    public mutating func handle(_ event: SubscriptionEvent, now: RegistrationInstant,
                                authentication: inout EventAuthentication) -> [SubscriptionAction] {
        switch event {
        case .start: start()
        case .stop: stop()
        case .responseReceived(let response): receive(response, now: now, authentication: &authentication)
        case .requestTimedOut(let cseq): requestTimedOut(cseq: cseq, now: now)
        case .notifyReceived(let request): receiveNotify(request, now: now)
        case .timerFired(let timer): timerFired(timer, now: now)
        case .startSlotGranted: startSlotWasGranted()
        case .refreshNow: refreshNow()
        }
        sendWhatIsDue(now: now, authentication: &authentication)
        defer { output = [] }
        return output
    }

    // MARK: Sending

    private mutating func sendWhatIsDue(now: RegistrationInstant, authentication: inout EventAuthentication) {
        guard inFlight == nil, let attempt else { return }
        switch goal {
        case .idle:
            return
        case .unsubscribed:
            if dialog != nil, unsubscribeWanted {
                send(.unsubscribe, attempt: attempt, now: now, authentication: &authentication)
            }
        case .subscribed:
            guard !givenUp else { return }
            if dialog != nil {
                if refreshWanted, runningTimers[.retry] == nil {
                    send(.refresh, attempt: attempt, now: now, authentication: &authentication)
                }
            } else if initialWanted, runningTimers[.retry] == nil {
                if startSlotGranted {
                    send(.initial, attempt: attempt, now: now, authentication: &authentication)
                } else if !waitingForStartSlot {
                    waitingForStartSlot = true
                    emit(.askForStartSlot)
                }
            }
        }
    }

    private mutating func send(_ purpose: Purpose, attempt: SubscribeRequestBuilder.Attempt,
                               now: RegistrationInstant, authentication: inout EventAuthentication) {
        let cseq = nextCSeq
        nextCSeq = min(cseq + 1, CSeq.maximum)
        let expires = purpose == .unsubscribe ? 0 : requestedExpires
        var message = builder.request(attempt, dialog: purpose == .initial ? nil : dialog, cseq: cseq,
                                      branch: RandomToken.branch(using: &randomSource), expires: expires)
        let requestURI = message.requestURI ?? configuration.resource
        let authorizations = pendingAuthorizations
            ?? authentication.authorizations(for: Self.digestRequest(requestURI))
        pendingAuthorizations = nil
        EventAuthentication.attach(authorizations, to: &message)
        inFlight = SentSubscribe(cseq: cseq, purpose: purpose, attempt: attempt, requestURI: requestURI,
                                 sentAt: now, authorizations: authorizations, expires: expires)
        switch purpose {
        case .initial: initialWanted = false
        case .refresh:
            refreshWanted = false
            cancelTimer(.refresh)
        case .unsubscribe: unsubscribeWanted = false
        }
        emit(.send(message))
    }

    /// What digest hashes: the method and the request's own Request-URI
    /// (the remote target, for in-dialog requests).
    static func digestRequest(_ requestURI: SIPURI) -> DigestRequest {
        DigestRequest(method: SIPMethod.subscribe.rawValue, requestURI: requestURI.description)
    }

    // MARK: Attempts

    /// A new subscription: fresh identifiers, and (when paced) a start slot
    /// to wait for.
    mutating func beginNewAttempt() {
        attempt = SubscribeRequestBuilder.Attempt(
            callID: RandomToken.callID(host: configuration.contact.host, using: &randomSource),
            localTag: RandomToken.tag(using: &randomSource))
        dropDialog()
        initialWanted = true
        startSlotGranted = !pacedStarts
        waitingForStartSlot = false
        setState(.subscribing)
    }

    /// The subscription is over: its timers, and any request of it still
    /// in flight (whose answer will now be ignored), mean nothing now.
    mutating func dropDialog() {
        inFlight = nil
        pendingAuthorizations = nil
        dialog = nil
        refreshWanted = false
        unsubscribeWanted = false
        cancelTimer(.refresh)
        cancelTimer(.expiry)
    }

    // MARK: Output

    mutating func emit(_ action: SubscriptionAction) { output.append(action) }

    mutating func setState(_ next: SubscriptionState) {
        guard next != state else { return }
        state = next
        emit(.stateChanged(next))
    }

    mutating func startTimer(_ timer: SubscriptionTimer, at deadline: RegistrationInstant, now: RegistrationInstant) {
        runningTimers[timer] = deadline
        emit(.startTimer(timer, at: deadline, after: max(.zero, deadline - now)))
    }

    mutating func cancelTimer(_ timer: SubscriptionTimer) {
        guard runningTimers.removeValue(forKey: timer) != nil else { return }
        emit(.cancelTimer(timer))
    }
}
