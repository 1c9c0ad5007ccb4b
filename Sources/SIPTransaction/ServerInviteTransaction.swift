import SIPCore

/// The INVITE server transaction of RFC 3261 §17.2.1 (Figure 7) as corrected
/// by RFC 6026 §7.1, §8.5, §8.7 and §8.8 (Figure 5 there):
///
/// - a 2xx from the TU moves it to Accepted, where it absorbs INVITE
///   retransmissions (which would otherwise look like new requests), passes
///   ACKs to the TU and sends the 2xx retransmissions the TU hands it, until
///   Timer L. Retransmitting the 2xx is the TU's job (§13.3.1.4), not this one's.
/// - a transport error is reported to the TU but ends nothing: "the
///   associated INVITE server transaction state machine MUST remain in its
///   current state", so that retransmitted INVITEs are still absorbed.
///
///     Proceeding ──2xx──▶ Accepted ──Timer L──▶ Terminated
///         └──300-699──▶ Completed ──ACK──▶ Confirmed ──Timer I──▶ Terminated
///                           └──Timer H (no ACK)──────────────────▶ Terminated
public struct ServerInviteTransaction: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// Created; `start` hands the INVITE to the TU.
        case idle
        case proceeding
        case completed
        case confirmed
        /// RFC 6026: the TU sent a 2xx.
        case accepted
        case terminated
    }

    public private(set) var state: State = .idle
    /// The INVITE that created this transaction.
    public let request: SIPMessage
    public let transport: TransportReliability
    public let timers: TransactionTimers
    public let tryingPolicy: TryingPolicy
    /// The response a retransmitted INVITE gets again: the latest provisional
    /// one in Proceeding, the final one in Completed.
    public private(set) var lastResponse: SIPMessage?

    private var running = RunningTimers()
    private var timerGInterval: Duration = .zero

    /// - Precondition: `request` is an INVITE.
    public init(request: SIPMessage, transport: TransportReliability, timers: TransactionTimers = TransactionTimers(),
                tryingPolicy: TryingPolicy = .immediately) {
        precondition(request.method == .invite, "an INVITE server transaction serves an INVITE")
        self.request = request
        self.transport = transport
        self.timers = timers
        self.tryingPolicy = tryingPolicy
    }

    public mutating func handle(_ event: ServerTransactionEvent) -> [TransactionAction] {
        switch event {
        case .start:
            return start()
        case .requestReceived(let request):
            return receive(request)
        case .responseFromTU(let response):
            return send(response)
        case .timerFired(let timer):
            guard running.consumeFired(timer) else { return [] }
            return timerFired(timer)
        case .transportError:
            // RFC 6026 §7.1: "MUST NOT discard transaction state based only on
            // encountering a non-recoverable transport error"; §8.8 rewrites
            // §17.2.4 to "MUST remain in the current state". The timers end it.
            switch state {
            case .proceeding, .completed, .accepted: return [.reportTransportError]
            case .idle, .confirmed, .terminated: return []
            }
        }
    }

    private mutating func start() -> [TransactionAction] {
        guard state == .idle else { return [] }
        state = .proceeding
        let deliver = TransactionAction.deliverRequest(request)
        switch tryingPolicy {
        case .immediately:
            return [deliver] + sendTrying()
        case .unlessTUAnswersWithin(let delay):
            return [deliver, running.start(.trying, after: delay)]
        }
    }

    /// §17.2.1: the 100 (Trying) quenches the client's INVITE retransmissions
    /// (§17.1.1.2: a provisional response stops Timer A).
    private mutating func sendTrying() -> [TransactionAction] {
        let trying = SIPReplyBuilder.reply(to: request, statusCode: 100)
        lastResponse = trying
        return [.send(trying, isRetransmission: false)]
    }

    private mutating func receive(_ request: SIPMessage) -> [TransactionAction] {
        let isACK = request.method == .ack
        guard isACK || request.method == .invite else { return [] }
        switch state {
        case .proceeding, .completed:
            // "If a request retransmission is received while in the Proceeding
            // state, the most recent provisional response ... MUST be passed
            // to the transport layer for retransmission"; in Completed, the
            // final response. An ACK in Completed confirms the final response.
            if isACK {
                return state == .completed ? confirm() : []
            }
            return lastResponse.map { [.send($0, isRetransmission: true)] } ?? []
        case .accepted:
            // RFC 6026 Figure 5: INVITE absorbed, "ACK / to TU" (the TU
            // stops its 2xx retransmissions when it sees it)
            return isACK ? [.deliverRequest(request)] : []
        case .idle, .confirmed, .terminated:
            // Confirmed absorbs ACK retransmissions (§17.2.1)
            return []
        }
    }

    private mutating func confirm() -> [TransactionAction] {
        // "timer G is ignored"; Timer H no longer matters once the ACK is in
        state = .confirmed
        let actions = running.cancel(.g, .h)
        if let duration = timers.duration(of: .i, over: transport), duration > .zero {
            return actions + [running.start(.i, after: duration)]
        }
        return actions + terminate(reporting: [])
    }

    private mutating func send(_ response: SIPMessage) -> [TransactionAction] {
        guard let kind = ResponseClass(response) else { return [] }
        switch (state, kind) {
        case (.proceeding, .provisional):
            lastResponse = response
            return running.cancel(.trying) + [.send(response, isRetransmission: false)]
        case (.proceeding, .success):
            // RFC 6026 §8.5: to Accepted, absorbing INVITE retransmissions until Timer L
            lastResponse = response
            state = .accepted
            return running.cancel(.trying) + [.send(response, isRetransmission: false),
                                              running.start(.l, after: timers.transactionTimeout)]
        case (.proceeding, .failure):
            // §17.2.1: retransmit on Timer G (unreliable only) until the ACK, give up on Timer H
            lastResponse = response
            state = .completed
            var actions = running.cancel(.trying) + [.send(response, isRetransmission: false)]
            if let interval = timers.duration(of: .g, over: transport) {
                timerGInterval = interval
                actions.append(running.start(.g, after: interval))
            }
            actions.append(running.start(.h, after: timers.transactionTimeout))
            return actions
        case (.accepted, .success):
            // RFC 6026 §8.7: the TU's 2xx retransmissions (or another 2xx) go out
            let isRetransmission = response == lastResponse
            lastResponse = response
            return [.send(response, isRetransmission: isRetransmission)]
        default:
            // a response after the final one, or a provisional one after a 2xx: nothing to do
            return []
        }
    }

    private mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        switch (state, timer) {
        case (.proceeding, .trying):
            // the TU stayed silent for the whole window
            return sendTrying()
        case (.completed, .g):
            timerGInterval = timers.interval(after: timerGInterval, of: .g)
            let resend = lastResponse.map { [TransactionAction.send($0, isRetransmission: true)] } ?? []
            return resend + [running.start(.g, after: timerGInterval)]
        case (.completed, .h):
            // "it implies that the ACK was never received ... MUST indicate to
            // the TU that a transaction failure has occurred"
            return terminate(reporting: [.reportTimeout(.h)])
        case (.confirmed, .i), (.accepted, .l):
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
