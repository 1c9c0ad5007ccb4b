import SIPCore
import SIPTransaction

/// A driver for tests: a `TransactionTable`, a `TimerSchedule` and a clock
/// that only moves when told. `advance(to:)` fires every timer due on the
/// way, in deadline order, at its own deadline, and feeds it back into the
/// table, so a 32-second Timer F run takes microseconds. Every action is
/// logged with the instant it was produced at.
struct ManualClock {
    struct LoggedAction: Hashable, CustomStringConvertible {
        var at: Duration
        var key: TransactionKey
        var action: TransactionAction
        var description: String { "\(at) \(key): \(action)" }
    }

    struct SentMessage: Hashable {
        var at: Duration
        var message: SIPMessage
        var isRetransmission: Bool
    }

    private(set) var now: Duration = .zero
    private(set) var table: TransactionTable
    private(set) var schedule = TimerSchedule()
    private(set) var log: [LoggedAction] = []

    init(timers: TransactionTimers = TransactionTimers(), tryingPolicy: TryingPolicy = .immediately) {
        table = TransactionTable(timers: timers, tryingPolicy: tryingPolicy)
    }

    // MARK: Driving

    @discardableResult
    mutating func startClient(_ request: SIPMessage, over transport: TransportReliability = .unreliable) throws -> TransactionKey {
        let (key, actions) = try table.startClientTransaction(for: request, over: transport)
        record(actions)
        return key
    }

    @discardableResult
    mutating func startServer(_ request: SIPMessage, over transport: TransportReliability = .unreliable) throws -> TransactionKey {
        let (key, actions) = try table.startServerTransaction(for: request, over: transport)
        record(actions)
        return key
    }

    /// Routes a received message; a request that needs a new server
    /// transaction is not started (tests look at the routing first).
    @discardableResult
    mutating func receive(_ message: SIPMessage) -> TransactionTable.Routing {
        let routing = table.receive(message)
        if case .handled(_, let actions) = routing { record(actions) }
        return routing
    }

    @discardableResult
    mutating func respond(_ response: SIPMessage, on key: TransactionKey) throws -> [KeyedAction] {
        let actions = try table.sendResponse(response, on: key)
        record(actions)
        return actions
    }

    mutating func transportError(for key: TransactionKey) {
        record(table.transportError(for: key))
    }

    mutating func advance(to instant: Duration) {
        precondition(instant >= now, "time only moves forward")
        while let deadline = schedule.nextDeadline, deadline <= instant {
            now = deadline
            for due in schedule.fire(upTo: deadline) {
                record(table.timerFired(due.timer, for: due.key))
            }
        }
        now = instant
    }

    mutating func advance(by duration: Duration) { advance(to: now + duration) }

    private mutating func record(_ actions: [KeyedAction]) {
        schedule.apply(actions, at: now)
        log += actions.map { LoggedAction(at: now, key: $0.key, action: $0.action) }
    }

    // MARK: Reading the log

    /// Everything sent, in order.
    var sent: [SentMessage] {
        log.compactMap {
            guard case .send(let message, let isRetransmission) = $0.action else { return nil }
            return SentMessage(at: $0.at, message: message, isRetransmission: isRetransmission)
        }
    }

    /// When messages matching `filter` were sent.
    func sendTimes(where filter: (SIPMessage) -> Bool = { _ in true }) -> [Duration] {
        sent.filter { filter($0.message) }.map(\.at)
    }

    /// When this exact action was produced.
    func times(of action: TransactionAction) -> [Duration] {
        log.filter { $0.action == action }.map(\.at)
    }

    /// Every action of the log matching `filter`.
    func actions(where filter: (TransactionAction) -> Bool) -> [TransactionAction] {
        log.map(\.action).filter(filter)
    }

    var deliveredResponses: [SIPMessage] {
        log.compactMap { if case .deliverResponse(let message) = $0.action { return message } else { return nil } }
    }

    var deliveredRequests: [SIPMessage] {
        log.compactMap { if case .deliverRequest(let message) = $0.action { return message } else { return nil } }
    }

    /// Forgets the log (not the table or the timers), to look at what follows.
    mutating func clearLog() { log = [] }
}
