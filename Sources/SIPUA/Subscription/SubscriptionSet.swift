import SIPAuth
import SIPCore

/// The subscriptions of one account (a buddy list: presence, BLF, winfo),
/// keyed by resource and package. It routes events to their machine,
/// routes NOTIFYs by dialog and answers the ones no subscription owns
/// with 481, paces new subscriptions (`SubscriptionPacing`), and shares
/// one `EventAuthentication` so a nonce learned once serves every SUBSCRIBE.
public struct SubscriptionSet: Sendable {
    public enum Action: Equatable, Sendable {
        /// An action of one subscription's machine.
        case subscription(SubscriptionKey, SubscriptionAction)
        /// Send this response to a NOTIFY that matched no subscription
        /// (481, RFC 6665 §4.1.3), in its server transaction.
        case respond(SIPMessage)
        /// Start (or move) the pacing timer; on firing call `pacingTimerFired`.
        case startPacingTimer(at: RegistrationInstant, after: Duration)
        case cancelPacingTimer
    }

    /// Subscriptions in the order they were added.
    public private(set) var keys: [SubscriptionKey] = []
    public let pacing: SubscriptionPacing
    /// The account's digest state, shared by all its subscriptions.
    public private(set) var authentication: EventAuthentication
    private var clients: [SubscriptionKey: SubscriptionClient] = [:]
    /// (Call-ID, our tag) of each subscription's current attempt.
    private var routes: [RouteKey: SubscriptionKey] = [:]
    private var pacer: SubscriptionStartPacer
    private var armedPacingDeadline: RegistrationInstant?
    /// The start being waited for under `probeFirst`; cleared when answered.
    private var probeKey: SubscriptionKey?
    private var probeDone = false
    /// Started subscriptions whose initial SUBSCRIBE awaits its final
    /// response: at most `pacing.maximumOutstanding`.
    private var outstanding: Set<SubscriptionKey> = []
    private var randomSource: any RandomNumberGenerator & Sendable

    private struct RouteKey: Hashable, Sendable {
        var callID: String
        var localTag: String
    }

    public init(authentication: EventAuthentication, pacing: SubscriptionPacing = SubscriptionPacing(),
                randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.authentication = authentication
        self.pacing = pacing
        self.pacer = SubscriptionStartPacer(slotWidth: pacing.slotWidth)
        self.randomSource = randomSource
    }

    public subscript(key: SubscriptionKey) -> SubscriptionClient? { clients[key] }

    public func state(of key: SubscriptionKey) -> SubscriptionState? { clients[key]?.state }

    /// How many subscriptions wait for a start slot.
    public var waitingToStart: Int { pacer.waitingCount }

    /// How many new subscriptions await the answer to their SUBSCRIBE.
    public var awaitingAnswer: Int { outstanding.count }

    /// Adds a subscription, or replaces the one with the same key (stop the
    /// old one first: a replaced machine's timers are the driver's to cancel).
    public mutating func add(_ client: SubscriptionClient) {
        var client = client
        client.pacedStarts = true
        let key = client.key
        if let old = clients.updateValue(client, forKey: key) {
            unroute(old)
        } else {
            keys.append(key)
        }
        route(client)
    }

    /// Removes a subscription and returns its machine (stop it first).
    @discardableResult
    public mutating func remove(_ key: SubscriptionKey) -> SubscriptionClient? {
        guard let client = clients.removeValue(forKey: key) else { return nil }
        keys.removeAll { $0 == key }
        unroute(client)
        pacer.cancel(key)
        outstanding.remove(key)
        if probeKey == key { releaseProbe() }
        return client
    }

    /// Starts every subscription; the pacer lets them go one slot at a time.
    public mutating func startAll(now: RegistrationInstant) -> [Action] {
        keys.flatMap { handle(.start, for: $0, now: now) }
    }

    /// Unsubscribes every subscription.
    public mutating func stopAll(now: RegistrationInstant) -> [Action] {
        keys.flatMap { handle(.stop, for: $0, now: now) }
    }

    /// Refreshes every established subscription now (`.refreshNow`).
    public mutating func refreshAll(now: RegistrationInstant) -> [Action] {
        keys.flatMap { handle(.refreshNow, for: $0, now: now) }
    }

    /// Routes one event to a subscription's machine; unknown keys get nothing.
    /// NOTIFYs go through `handleNotify`, which finds their subscription.
    public mutating func handle(_ event: SubscriptionEvent, for key: SubscriptionKey,
                                now: RegistrationInstant) -> [Action] {
        var out = run(event, for: key, now: now)
        if key == probeKey, Self.answersARequest(event) { releaseProbe() }
        if event == .stop { pacer.cancel(key) }
        out += pump(now: now)
        return out
    }

    /// A NOTIFY: to the subscription whose current attempt has its Call-ID
    /// and To tag, which answers it; anything else gets 481 here.
    public mutating func handleNotify(_ request: SIPMessage, now: RegistrationInstant) -> [Action] {
        guard let callID = request.callID, let tag = request.to?.tag,
              let key = routes[RouteKey(callID: callID, localTag: tag)] else {
            let reply = SubscriptionNotifyReply.reply(to: request, statusCode: 481, using: &randomSource)
            return [.respond(reply)]
        }
        return handle(.notifyReceived(request), for: key, now: now)
    }

    /// Whether a NOTIFY's Call-ID and To tag name one of these subscriptions'
    /// current attempts: a driver with several accounts asks each set before
    /// handing it over, and answers 481 itself when none owns it.
    public func owns(notify request: SIPMessage) -> Bool {
        guard let callID = request.callID, let tag = request.to?.tag else { return false }
        return routes[RouteKey(callID: callID, localTag: tag)] != nil
    }

    /// The pacing timer fired: starts whatever is due.
    public mutating func pacingTimerFired(now: RegistrationInstant) -> [Action] {
        armedPacingDeadline = nil
        return pump(now: now)
    }

    /// Subscriptions per state, for a status line.
    public var counts: SubscriptionCounts {
        var counts = SubscriptionCounts()
        for client in clients.values { counts.add(client.state) }
        return counts
    }

    /// New credentials: the nonce cache goes, and the next start probes again.
    public mutating func replaceCredentials(_ credentials: DigestCredentialStore) {
        authentication.replaceCredentials(credentials)
        probeDone = false
    }

    // MARK: Internals

    /// Runs one event on one machine, keeping the NOTIFY routes and the
    /// pacer's queue in step with it.
    private mutating func run(_ event: SubscriptionEvent, for key: SubscriptionKey,
                              now: RegistrationInstant) -> [Action] {
        guard var client = clients[key] else { return [] }
        let before = client.attempt
        let actions = client.handle(event, now: now, authentication: &authentication)
        if client.attempt != before {
            if let before { routes[RouteKey(callID: before.callID, localTag: before.localTag)] = nil }
            route(client)
        }
        if !client.isRequestInFlight || client.hasDialog { outstanding.remove(key) }
        clients[key] = client
        if actions.contains(.askForStartSlot) { pacer.enqueue(key) }
        return actions.map { .subscription(key, $0) }
    }

    /// Lets due starts go and keeps the driver's pacing timer on the
    /// pacer's next deadline.
    private mutating func pump(now: RegistrationInstant) -> [Action] {
        var out: [Action] = []
        while outstanding.count < pacing.maximumOutstanding, let key = pacer.nextDue(now: now, using: &randomSource) {
            let actions = run(.startSlotGranted, for: key, now: now)
            out += actions
            let sent = actions.contains { if case .subscription(_, .send) = $0 { return true } else { return false } }
            if sent { outstanding.insert(key) }
            if sent, pacing.probeFirst, !probeDone, probeKey == nil {
                probeKey = key
                pacer.isHolding = true
            }
        }
        // with the window full, answers pump the queue; a timer would only spin
        let deadline = outstanding.count < pacing.maximumOutstanding ? pacer.deadline : nil
        if deadline != armedPacingDeadline {
            if let deadline {
                out.append(.startPacingTimer(at: deadline, after: max(.zero, deadline - now)))
            } else {
                out.append(.cancelPacingTimer)
            }
            armedPacingDeadline = deadline
        }
        return out
    }

    private mutating func releaseProbe() {
        probeKey = nil
        probeDone = true
        pacer.isHolding = false
    }

    /// A final response or a timeout: the probe's question is answered.
    private static func answersARequest(_ event: SubscriptionEvent) -> Bool {
        switch event {
        case .responseReceived(let response): return (response.statusCode ?? 0) >= 200
        case .requestTimedOut, .stop: return true
        default: return false
        }
    }

    private mutating func route(_ client: SubscriptionClient) {
        guard let attempt = client.attempt else { return }
        routes[RouteKey(callID: attempt.callID, localTag: attempt.localTag)] = client.key
    }

    private mutating func unroute(_ client: SubscriptionClient) {
        guard let attempt = client.attempt else { return }
        routes[RouteKey(callID: attempt.callID, localTag: attempt.localTag)] = nil
    }
}

/// How many subscriptions are in each state.
public struct SubscriptionCounts: Equatable, Sendable {
    public var idle = 0
    public var subscribing = 0
    public var pending = 0
    public var active = 0
    public var failed = 0
    public var terminated = 0

    public init() {}

    public var total: Int { idle + subscribing + pending + active + failed + terminated }

    mutating func add(_ state: SubscriptionState) {
        switch state {
        case .idle: idle += 1
        case .subscribing: subscribing += 1
        case .pending: pending += 1
        case .active: active += 1
        case .failed: failed += 1
        case .terminated: terminated += 1
        }
    }
}
