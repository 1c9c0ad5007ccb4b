/// The registration clients of several accounts, keyed by account id: routes
/// each event to its account's machine and tags the actions with the account.
///
/// `startAll` staggers the first REGISTERs over `startSpread`, so a phone
/// with many accounts does not send them all in one burst; after that each
/// machine's refresh jitter keeps them apart.
public struct RegistrationSet<AccountID: Hashable & Sendable>: Sendable {
    /// An action of one account's machine.
    public struct TaggedAction: Equatable, Sendable {
        public var account: AccountID
        public var action: RegistrationAction

        public init(account: AccountID, action: RegistrationAction) {
            self.account = account
            self.action = action
        }
    }

    /// Accounts in the order they were added.
    public private(set) var accounts: [AccountID] = []
    /// Starts are spread at random over this window.
    public var startSpread: Duration
    private var clients: [AccountID: RegistrationClient] = [:]
    /// Accounts whose start waits for their `.staggeredStart` timer.
    private var waitingToStart: Set<AccountID> = []
    private var randomSource: any RandomNumberGenerator & Sendable

    public init(startSpread: Duration = .seconds(5),
                randomSource: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.startSpread = startSpread
        self.randomSource = randomSource
    }

    public subscript(account: AccountID) -> RegistrationClient? { clients[account] }

    public func state(of account: AccountID) -> RegistrationState? { clients[account]?.state }

    /// Adds an account, or replaces its machine (stop the old one first: a
    /// replaced machine's timers and bindings are the driver's to clean up).
    public mutating func add(_ client: RegistrationClient, for account: AccountID) {
        if clients.updateValue(client, forKey: account) == nil { accounts.append(account) }
        waitingToStart.remove(account)
    }

    /// Removes an account and returns its machine.
    @discardableResult
    public mutating func remove(_ account: AccountID) -> RegistrationClient? {
        accounts.removeAll { $0 == account }
        waitingToStart.remove(account)
        return clients.removeValue(forKey: account)
    }

    /// Starts every account: one at once, several each at a random point in
    /// `startSpread` (a `.staggeredStart` timer, then `.start`).
    public mutating func startAll(now: RegistrationInstant) -> [TaggedAction] {
        guard accounts.count > 1 else {
            return accounts.flatMap { handle(.start, for: $0, now: now) }
        }
        let spread = max(0, startSpread.wholeMilliseconds)
        return accounts.map { account in
            waitingToStart.insert(account)
            let delay = Duration.milliseconds(Int64.random(in: 0...spread, using: &randomSource))
            return TaggedAction(account: account, action: .startTimer(.staggeredStart, at: now + delay, after: delay))
        }
    }

    public mutating func stopAll(now: RegistrationInstant) -> [TaggedAction] {
        accounts.flatMap { handle(.stop, for: $0, now: now) }
    }

    /// Routes one event to an account's machine; unknown accounts get nothing.
    public mutating func handle(_ event: RegistrationEvent, for account: AccountID,
                                now: RegistrationInstant) -> [TaggedAction] {
        guard var client = clients[account] else { return [] }
        var event = event
        var actions: [RegistrationAction] = []
        if waitingToStart.contains(account) {
            switch event {
            case .timerFired(.staggeredStart):
                waitingToStart.remove(account)
                event = .start
            case .start, .stop:
                // asked directly: the staggered start is moot
                waitingToStart.remove(account)
                actions.append(.cancelTimer(.staggeredStart))
            default:
                break
            }
        }
        actions += client.handle(event, now: now)
        clients[account] = client
        return actions.map { TaggedAction(account: account, action: $0) }
    }
}
