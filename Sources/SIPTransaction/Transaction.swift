import SIPCore

/// Any of the four machines, as `TransactionTable` stores them.
public enum Transaction: Hashable, Sendable {
    case clientInvite(ClientInviteTransaction)
    case clientNonInvite(ClientNonInviteTransaction)
    case serverInvite(ServerInviteTransaction)
    case serverNonInvite(ServerNonInviteTransaction)

    /// The request that created the transaction.
    public var request: SIPMessage {
        switch self {
        case .clientInvite(let machine): return machine.request
        case .clientNonInvite(let machine): return machine.request
        case .serverInvite(let machine): return machine.request
        case .serverNonInvite(let machine): return machine.request
        }
    }

    public var isTerminated: Bool {
        switch self {
        case .clientInvite(let machine): return machine.state == .terminated
        case .clientNonInvite(let machine): return machine.state == .terminated
        case .serverInvite(let machine): return machine.state == .terminated
        case .serverNonInvite(let machine): return machine.state == .terminated
        }
    }

    /// The state's name as the RFC figures spell it, for logs.
    public var stateName: String {
        switch self {
        case .clientInvite(let machine): return "\(machine.state)"
        case .clientNonInvite(let machine): return "\(machine.state)"
        case .serverInvite(let machine): return "\(machine.state)"
        case .serverNonInvite(let machine): return "\(machine.state)"
        }
    }

    /// Feeds a client event; server transactions ignore it.
    mutating func handle(_ event: ClientTransactionEvent) -> [TransactionAction] {
        switch self {
        case .clientInvite(var machine):
            defer { self = .clientInvite(machine) }
            return machine.handle(event)
        case .clientNonInvite(var machine):
            defer { self = .clientNonInvite(machine) }
            return machine.handle(event)
        case .serverInvite, .serverNonInvite:
            return []
        }
    }

    /// Feeds a server event; client transactions ignore it.
    mutating func handle(_ event: ServerTransactionEvent) -> [TransactionAction] {
        switch self {
        case .serverInvite(var machine):
            defer { self = .serverInvite(machine) }
            return machine.handle(event)
        case .serverNonInvite(var machine):
            defer { self = .serverNonInvite(machine) }
            return machine.handle(event)
        case .clientInvite, .clientNonInvite:
            return []
        }
    }
}

/// An action and the transaction that asked for it.
public struct KeyedAction: Hashable, Sendable, CustomStringConvertible {
    public var key: TransactionKey
    public var action: TransactionAction

    public init(key: TransactionKey, action: TransactionAction) {
        self.key = key
        self.action = action
    }

    public var description: String { "\(key): \(action)" }
}
