import SIPCore

/// The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8). It
/// never retransmits on its own: it answers each retransmitted request with
/// the latest response, and stays in Completed for Timer J so that late
/// retransmissions still get the final response instead of looking new.
///
///     Trying ──1xx from TU──▶ Proceeding ──200-699 from TU──▶ Completed ──Timer J──▶ Terminated
///       └──────────200-699 from TU───────────────────────────────┘                    ▲
///     Proceeding, Completed ──transport error─────────────────────────────────────────┘
public struct ServerNonInviteTransaction: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// Created; `start` hands the request to the TU.
        case idle
        case trying
        case proceeding
        case completed
        case terminated
    }

    public private(set) var state: State = .idle
    /// The request that created this transaction (a CANCEL gets its own, §9.2).
    public let request: SIPMessage
    public let transport: TransportReliability
    public let timers: TransactionTimers
    /// The response a retransmitted request gets again.
    public private(set) var lastResponse: SIPMessage?

    private var running = RunningTimers()

    /// - Precondition: `request` is neither INVITE nor ACK.
    public init(request: SIPMessage, transport: TransportReliability, timers: TransactionTimers = TransactionTimers()) {
        precondition(request.isRequest && request.method != .invite && request.method != .ack,
                     "a non-INVITE server transaction serves a request other than INVITE and ACK")
        self.request = request
        self.transport = transport
        self.timers = timers
    }

    public mutating func handle(_ event: ServerTransactionEvent) -> [TransactionAction] {
        switch event {
        case .start:
            guard state == .idle else { return [] }
            state = .trying
            return [.deliverRequest(request)]
        case .requestReceived:
            switch state {
            case .proceeding, .completed:
                // §17.2.2: a retransmission gets the latest response again
                return lastResponse.map { [.send($0, isRetransmission: true)] } ?? []
            case .idle, .trying, .terminated:
                // Trying: "any retransmissions of the request ... MUST be discarded"
                return []
            }
        case .responseFromTU(let response):
            return send(response)
        case .timerFired(let timer):
            guard running.consumeFired(timer), state == .completed, timer == .j else { return [] }
            return terminate(reporting: [])
        case .transportError:
            // Figure 8, which RFC 6026 left as it was. (Its §8.8 rewords
            // §17.2.4 for server transactions to "remain in the current
            // state"; this machine keeps the figure's transition.)
            switch state {
            case .proceeding, .completed: return terminate(reporting: [.reportTransportError])
            case .idle, .trying, .terminated: return []
            }
        }
    }

    private mutating func send(_ response: SIPMessage) -> [TransactionAction] {
        guard let kind = ResponseClass(response) else { return [] }
        switch (state, kind) {
        case (.trying, .provisional), (.proceeding, .provisional):
            state = .proceeding
            lastResponse = response
            return [.send(response, isRetransmission: false)]
        case (.trying, .success), (.trying, .failure), (.proceeding, .success), (.proceeding, .failure):
            state = .completed
            lastResponse = response
            let actions: [TransactionAction] = [.send(response, isRetransmission: false)]
            if let duration = timers.duration(of: .j, over: transport), duration > .zero {
                return actions + [running.start(.j, after: duration)]
            }
            return actions + terminate(reporting: [])
        default:
            // Completed: "Any other final responses passed by the TU ... MUST be discarded"
            return []
        }
    }

    private mutating func terminate(reporting reports: [TransactionAction]) -> [TransactionAction] {
        state = .terminated
        return reports + running.cancelAll() + [.terminated]
    }
}
