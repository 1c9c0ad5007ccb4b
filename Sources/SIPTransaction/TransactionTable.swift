import SIPCore

/// The live transactions of one user agent, by key: it routes each received
/// message by the matching rules of §17.1.3 and §17.2.3, feeds events to the
/// machines and returns their actions tagged with the key. A transaction is
/// removed as soon as it terminates ("MUST be destroyed the instant it
/// enters the Terminated state", §17.1.1.2). Still a pure value.
///
/// A driver owns one table and one `TimerSchedule`, and for every batch of
/// actions the table returns: passes `send` to the transport (reporting a
/// failure back with `transportError(for:)`), applies the timer actions to
/// the schedule (`TimerSchedule.apply(_:at:)`), and hands deliveries and
/// reports to the TU. When the schedule's next deadline comes, it feeds each
/// due timer to `timerFired(_:for:)`.
public struct TransactionTable: Sendable {
    /// Where a received message goes.
    public enum Routing: Hashable, Sendable {
        /// A live transaction took the message; here is what it asks for.
        case handled(TransactionKey, [KeyedAction])
        /// A request no transaction owns: the TU decides, then calls
        /// `startServerTransaction(for:over:)` (§17.2.3, §8.2).
        case newServerTransactionNeeded(TransactionKey)
        /// A response no client transaction owns: "any element other than a
        /// stateless proxy MUST silently discard" it (RFC 6026 §8.9, amending
        /// RFC 3261 §18.1.2). This includes 2xx retransmissions after Timer M.
        case strayResponse
        /// An ACK no server transaction owns: the ACK for a 2xx, which has a
        /// branch of its own and is no part of the INVITE transaction (§17,
        /// §13.3.1.4). It goes to the dialog layer, which drops it if it knows
        /// no dialog (a late ACK for a non-2xx ends up there too).
        case ackForDialogLayer
        /// A request without the fields matching needs (top Via; for the
        /// RFC 2543 fallback also Request-URI, Call-ID, CSeq).
        case unmatchable(reason: String)
    }

    public let timers: TransactionTimers
    public let tryingPolicy: TryingPolicy
    public private(set) var transactions: [TransactionKey: Transaction] = [:]

    public init(timers: TransactionTimers = TransactionTimers(), tryingPolicy: TryingPolicy = .immediately) {
        self.timers = timers
        self.tryingPolicy = tryingPolicy
    }

    public var count: Int { transactions.count }
    public var isEmpty: Bool { transactions.isEmpty }
    public subscript(key: TransactionKey) -> Transaction? { transactions[key] }

    // MARK: Client side

    /// Creates the client transaction for a request the TU sends and starts it.
    public mutating func startClientTransaction(
        for request: SIPMessage, over transport: TransportReliability
    ) throws(TransactionTableError) -> (key: TransactionKey, actions: [KeyedAction]) {
        guard let method = request.method else { throw .notARequest }
        // the ACK for a 2xx goes straight to the transport; the one for a
        // non-2xx is sent by its INVITE transaction (§17.1.1.3)
        guard method != .ack else { throw .ackIsNotATransaction }
        guard let key = TransactionKey.client(sending: request) else { throw .noRFC3261Branch }
        guard transactions[key] == nil else { throw .duplicate(key) }
        var transaction: Transaction = method == .invite
            ? .clientInvite(ClientInviteTransaction(request: request, transport: transport, timers: timers))
            : .clientNonInvite(ClientNonInviteTransaction(request: request, transport: transport, timers: timers))
        let actions = transaction.handle(ClientTransactionEvent.start)
        store(transaction, at: key)
        return (key, actions.map { KeyedAction(key: key, action: $0) })
    }

    // MARK: Server side

    /// Creates the server transaction for a request `receive` reported as
    /// `.newServerTransactionNeeded`, and starts it (the request goes to the TU).
    public mutating func startServerTransaction(
        for request: SIPMessage, over transport: TransportReliability
    ) throws(TransactionTableError) -> (key: TransactionKey, actions: [KeyedAction]) {
        guard let method = request.method else { throw .notARequest }
        guard method != .ack else { throw .ackIsNotATransaction }
        guard let key = TransactionKey.server(for: request) else { throw .unmatchable }
        guard transactions[key] == nil else { throw .duplicate(key) }
        var transaction: Transaction = method == .invite
            ? .serverInvite(ServerInviteTransaction(request: request, transport: transport, timers: timers,
                                                    tryingPolicy: tryingPolicy))
            : .serverNonInvite(ServerNonInviteTransaction(request: request, transport: transport, timers: timers))
        let actions = transaction.handle(ServerTransactionEvent.start)
        store(transaction, at: key)
        return (key, actions.map { KeyedAction(key: key, action: $0) })
    }

    /// The TU sends a response through the server transaction `key`.
    public mutating func sendResponse(_ response: SIPMessage,
                                      on key: TransactionKey) throws(TransactionTableError) -> [KeyedAction] {
        guard key.side == .server, transactions[key] != nil else { throw .noSuchTransaction(key) }
        return forward(key) { $0.handle(ServerTransactionEvent.responseFromTU(response)) }
    }

    /// The INVITE server transaction a CANCEL names (§9.2: the §17.2.3 rules
    /// "except the method"), if it is still alive.
    public func inviteTransaction(cancelledBy cancel: SIPMessage) -> TransactionKey? {
        guard cancel.method == .cancel,
              let key = TransactionKey.server(for: cancel)?.replacingMethod(with: .invite),
              case .serverInvite = transactions[key] else { return nil }
        return key
    }

    // MARK: Received messages

    /// Routes a received, validated message.
    public mutating func receive(_ message: SIPMessage) -> Routing {
        guard message.isRequest else {
            guard let key = TransactionKey.client(matching: message), transactions[key] != nil else {
                return .strayResponse
            }
            return .handled(key, forward(key) { $0.handle(ClientTransactionEvent.responseReceived(message)) })
        }
        guard let key = TransactionKey.server(for: message) else {
            return .unmatchable(reason: "no top Via, Request-URI, Call-ID or CSeq to match by")
        }
        if message.method == .ack {
            guard let owner = inviteTransaction(acknowledgedBy: message, key: key) else { return .ackForDialogLayer }
            return .handled(owner, forward(owner) { $0.handle(ServerTransactionEvent.requestReceived(message)) })
        }
        guard transactions[key] != nil else { return .newServerTransactionNeeded(key) }
        // a retransmission: the transaction answers it with its last response
        return .handled(key, forward(key) { $0.handle(ServerTransactionEvent.requestReceived(message)) })
    }

    /// The INVITE server transaction an ACK belongs to. With RFC 3261
    /// branches the key says it all. For RFC 2543 the ACK's To tag must be
    /// the one of the response the transaction sent (§17.2.3), which the
    /// INVITE itself lacked unless it was sent within a dialog.
    private func inviteTransaction(acknowledgedBy ack: SIPMessage, key: TransactionKey) -> TransactionKey? {
        guard key.isLegacy else { return transactions[key] == nil ? nil : key }
        for candidate in [key, key.removingToTag()] {
            if case .serverInvite(let machine) = transactions[candidate],
               let response = machine.lastResponse, response.to?.tag == ack.to?.tag {
                return candidate
            }
        }
        return nil
    }

    // MARK: Timers and transport

    /// A timer the driver scheduled for `key` fired. Timers of transactions
    /// that are gone are ignored.
    public mutating func timerFired(_ timer: TransactionTimer, for key: TransactionKey) -> [KeyedAction] {
        switch key.side {
        case .client: return forward(key) { $0.handle(ClientTransactionEvent.timerFired(timer)) }
        case .server: return forward(key) { $0.handle(ServerTransactionEvent.timerFired(timer)) }
        }
    }

    /// The transport failed to send a message of transaction `key`.
    public mutating func transportError(for key: TransactionKey) -> [KeyedAction] {
        switch key.side {
        case .client: return forward(key) { $0.handle(ClientTransactionEvent.transportError) }
        case .server: return forward(key) { $0.handle(ServerTransactionEvent.transportError) }
        }
    }

    // MARK: Plumbing

    private mutating func forward(_ key: TransactionKey,
                                  _ event: (inout Transaction) -> [TransactionAction]) -> [KeyedAction] {
        guard var transaction = transactions[key] else { return [] }
        let actions = event(&transaction)
        store(transaction, at: key)
        return actions.map { KeyedAction(key: key, action: $0) }
    }

    private mutating func store(_ transaction: Transaction, at key: TransactionKey) {
        transactions[key] = transaction.isTerminated ? nil : transaction
    }
}

/// Why the table refused a request from the TU.
public enum TransactionTableError: Error, Hashable, Sendable {
    /// The message is a response.
    case notARequest
    /// ACK never creates a transaction (§17).
    case ackIsNotATransaction
    /// A client request needs a top Via branch with the magic cookie (§8.1.1.7).
    case noRFC3261Branch
    /// The request lacks the fields matching needs.
    case unmatchable
    /// A live transaction already has this key: for a client, a reused
    /// branch; for a server, a retransmission `receive` would have routed.
    case duplicate(TransactionKey)
    /// No live server transaction has this key (it may have terminated).
    case noSuchTransaction(TransactionKey)
}
