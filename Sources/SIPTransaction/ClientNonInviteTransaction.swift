import SIPCore

/// The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6).
///
///     Trying ──1xx──▶ Proceeding ──200-699──▶ Completed ──Timer K──▶ Terminated
///       └──────────200-699──────────────────────┘                       ▲
///     Trying, Proceeding ──Timer F / transport error────────────────────┘
///
/// Unlike an INVITE, the request keeps being retransmitted after a
/// provisional response, at T2 intervals, until a final response or Timer F.
public struct ClientNonInviteTransaction: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// Created; `start` sends the request.
        case idle
        case trying
        case proceeding
        case completed
        case terminated
    }

    public private(set) var state: State = .idle
    public let request: SIPMessage
    public let transport: TransportReliability
    public let timers: TransactionTimers

    private var running = RunningTimers()
    private var timerEInterval: Duration = .zero

    /// - Precondition: `request` is neither INVITE nor ACK (ACK is never a
    ///   client transaction of its own, §17).
    public init(request: SIPMessage, transport: TransportReliability, timers: TransactionTimers = TransactionTimers()) {
        precondition(request.isRequest && request.method != .invite && request.method != .ack,
                     "a non-INVITE client transaction sends a request other than INVITE and ACK")
        self.request = request
        self.transport = transport
        self.timers = timers
    }

    public mutating func handle(_ event: ClientTransactionEvent) -> [TransactionAction] {
        switch event {
        case .start:
            guard state == .idle else { return [] }
            state = .trying
            var actions: [TransactionAction] = [.send(request, isRetransmission: false)]
            if let interval = timers.duration(of: .e, over: transport) {
                timerEInterval = interval
                actions.append(running.start(.e, after: interval))
            }
            actions.append(running.start(.f, after: timers.transactionTimeout))
            return actions
        case .responseReceived(let response):
            return receive(response)
        case .timerFired(let timer):
            guard running.consumeFired(timer) else { return [] }
            return timerFired(timer)
        case .transportError:
            switch state {
            case .trying, .proceeding: return terminate(reporting: [.reportTransportError])
            case .idle, .completed, .terminated: return []
            }
        }
    }

    private mutating func receive(_ response: SIPMessage) -> [TransactionAction] {
        guard let kind = ResponseClass(response) else { return [] }
        switch (state, kind) {
        case (.trying, .provisional), (.proceeding, .provisional):
            // Timer E keeps running: §17.1.2.2 retransmits in Proceeding too
            state = .proceeding
            return [.deliverResponse(response)]
        case (.trying, .success), (.trying, .failure), (.proceeding, .success), (.proceeding, .failure):
            // a final response; Completed absorbs its retransmissions (Timer K)
            state = .completed
            var actions = running.cancel(.e, .f)
            actions.append(.deliverResponse(response))
            if let duration = timers.duration(of: .k, over: transport), duration > .zero {
                actions.append(running.start(.k, after: duration))
                return actions
            }
            return actions + terminate(reporting: [])
        default:
            // Completed: "any retransmissions of the final response ... are buffered"; i.e. dropped
            return []
        }
    }

    private mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        switch (state, timer) {
        case (.trying, .e):
            // "reset with a value of MIN(2*T1, T2)", then MIN(4*T1, T2), ...
            timerEInterval = timers.interval(after: timerEInterval, of: .e)
            return [.send(request, isRetransmission: true), running.start(.e, after: timerEInterval)]
        case (.proceeding, .e):
            // "Timer E MUST be reset with a value of T2 seconds"
            timerEInterval = timers.t2
            return [.send(request, isRetransmission: true), running.start(.e, after: timerEInterval)]
        case (.trying, .f), (.proceeding, .f):
            return terminate(reporting: [.reportTimeout(.f)])
        case (.completed, .k):
            return terminate(reporting: [])
        default:
            return []
        }
    }

    private mutating func terminate(reporting reports: [TransactionAction]) -> [TransactionAction] {
        state = .terminated
        return reports + running.cancelAll() + [.terminated]
    }
}
