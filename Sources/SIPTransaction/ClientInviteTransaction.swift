import SIPCore

/// The INVITE client transaction of RFC 3261 §17.1.1 (Figure 5) as corrected
/// by RFC 6026 §8.4 (Figure 4 there): a 2xx moves it to Accepted, where it
/// passes 2xx retransmissions and the 2xx of other forks to the TU until
/// Timer M, instead of ending at once and letting them look stray.
///
///     Calling ──1xx──▶ Proceeding ──2xx──▶ Accepted ──Timer M──▶ Terminated
///        │  └─────────────2xx─────────────────┘                     ▲
///        └─300-699 (ACK sent)─▶ Completed ──Timer D──────────────────┘
///     Calling ──Timer B / transport error──▶ Terminated
public struct ClientInviteTransaction: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// Created; `start` sends the INVITE.
        case idle
        case calling
        case proceeding
        case completed
        /// RFC 6026: a 2xx arrived; more may follow.
        case accepted
        case terminated
    }

    public private(set) var state: State = .idle
    /// The INVITE this transaction sends.
    public let request: SIPMessage
    public let transport: TransportReliability
    public let timers: TransactionTimers
    /// The ACK sent for the non-2xx final response, resent for each
    /// retransmission of that response.
    public private(set) var ack: SIPMessage?

    private var running = RunningTimers()
    private var timerAInterval: Duration = .zero

    /// - Precondition: `request` is an INVITE.
    public init(request: SIPMessage, transport: TransportReliability, timers: TransactionTimers = TransactionTimers()) {
        precondition(request.method == .invite, "an INVITE client transaction sends an INVITE")
        self.request = request
        self.transport = transport
        self.timers = timers
    }

    public mutating func handle(_ event: ClientTransactionEvent) -> [TransactionAction] {
        switch event {
        case .start:
            return start()
        case .responseReceived(let response):
            return receive(response)
        case .timerFired(let timer):
            guard running.consumeFired(timer) else { return [] }
            return timerFired(timer)
        case .transportError:
            // Figure 5: from Calling and Completed, the only states that send
            switch state {
            case .calling, .completed: return terminate(reporting: [.reportTransportError])
            case .idle, .proceeding, .accepted, .terminated: return []
            }
        }
    }

    private mutating func start() -> [TransactionAction] {
        guard state == .idle else { return [] }
        state = .calling
        var actions: [TransactionAction] = [.send(request, isRetransmission: false)]
        // §17.1.1.2: Timer A only for unreliable transports, Timer B always
        if let interval = timers.duration(of: .a, over: transport) {
            timerAInterval = interval
            actions.append(running.start(.a, after: interval))
        }
        actions.append(running.start(.b, after: timers.transactionTimeout))
        return actions
    }

    private mutating func receive(_ response: SIPMessage) -> [TransactionAction] {
        guard let kind = ResponseClass(response) else { return [] }
        switch (state, kind) {
        case (.calling, .provisional):
            // "the client transaction SHOULD NOT retransmit the request any
            // longer"; Timer B only acts in Calling, so it goes too
            state = .proceeding
            return running.cancel(.a, .b) + [.deliverResponse(response)]
        case (.proceeding, .provisional):
            return [.deliverResponse(response)]
        case (.calling, .success), (.proceeding, .success):
            // RFC 6026 §8.4: to Accepted; the TU, not the transaction, ACKs a 2xx
            state = .accepted
            return running.cancel(.a, .b) + [.deliverResponse(response),
                                             running.start(.m, after: timers.transactionTimeout)]
        case (.calling, .failure), (.proceeding, .failure):
            // §17.1.1.2: ACK it, pass it up, wait out retransmissions in Completed
            let ack = ACKBuilder.ack(for: request, acknowledging: response)
            self.ack = ack
            state = .completed
            var actions = running.cancel(.a, .b)
            actions += [.send(ack, isRetransmission: false), .deliverResponse(response)]
            return actions + startOrFinish(.d)
        case (.completed, .failure):
            // a retransmitted final response: its ACK was lost; not for the TU
            return ack.map { [.send($0, isRetransmission: true)] } ?? []
        case (.accepted, .success):
            // RFC 6026 §7.2: retransmitted or forked 2xx go to the TU, which ACKs them
            return [.deliverResponse(response)]
        default:
            return []
        }
    }

    private mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        switch (state, timer) {
        case (.calling, .a):
            // "retransmitted with intervals that double after each transmission"
            timerAInterval = timers.interval(after: timerAInterval, of: .a)
            return [.send(request, isRetransmission: true), running.start(.a, after: timerAInterval)]
        case (.calling, .b):
            // "SHOULD inform the TU that a timeout has occurred"; no ACK
            return terminate(reporting: [.reportTimeout(.b)])
        case (.completed, .d), (.accepted, .m):
            return terminate(reporting: [])
        default:
            return []
        }
    }

    /// Starts a wait timer, or over a reliable transport, where it is zero
    /// (Table 4), ends the transaction at once.
    private mutating func startOrFinish(_ timer: TransactionTimer) -> [TransactionAction] {
        if let duration = timers.duration(of: timer, over: transport), duration > .zero {
            return [running.start(timer, after: duration)]
        }
        return terminate(reporting: [])
    }

    private mutating func terminate(reporting reports: [TransactionAction]) -> [TransactionAction] {
        state = .terminated
        return reports + running.cancelAll() + [.terminated]
    }
}
