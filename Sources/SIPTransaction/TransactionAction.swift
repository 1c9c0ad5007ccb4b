import SIPCore

/// What a transaction asks its driver to do. Machines return these instead
/// of doing I/O, in the order they must be carried out.
public enum TransactionAction: Hashable, Sendable {
    /// Pass the message to the transport. `isRetransmission` is true for
    /// copies sent again by a timer or in answer to a retransmitted request.
    case send(SIPMessage, isRetransmission: Bool)
    /// Start (or restart) the timer; the driver feeds it back when it fires.
    case startTimer(TransactionTimer, after: Duration)
    /// The timer no longer matters. Machines ignore stale timers anyway, so a
    /// driver that loses this race does no harm.
    case cancelTimer(TransactionTimer)
    /// A response for the TU (client transactions).
    case deliverResponse(SIPMessage)
    /// A request for the TU (server transactions): the one that created the
    /// transaction, or an ACK for a 2xx in the Accepted state (RFC 6026 §7.1).
    case deliverRequest(SIPMessage)
    /// The transaction timed out: Timer B, F (no final response) or H (no ACK).
    case reportTimeout(TransactionTimer)
    /// The transport failed to send this transaction's last message.
    case reportTransportError
    /// The transaction has ended and must be destroyed at once (§17.1.1.2).
    case terminated
}

/// Events for a client transaction (§17.1).
public enum ClientTransactionEvent: Hashable, Sendable {
    /// Send the request given at creation.
    case start
    /// A response the matching rules of §17.1.3 gave to this transaction.
    case responseReceived(SIPMessage)
    case timerFired(TransactionTimer)
    case transportError
}

/// Events for a server transaction (§17.2).
public enum ServerTransactionEvent: Hashable, Sendable {
    /// The request given at creation has arrived: hand it to the TU.
    case start
    /// A request the matching rules of §17.2.3 gave to this transaction: a
    /// retransmission, or an ACK for an INVITE transaction.
    case requestReceived(SIPMessage)
    /// The TU sends a response through this transaction.
    case responseFromTU(SIPMessage)
    case timerFired(TransactionTimer)
    case transportError
}

/// The class of a response status code, as the §17 state machines see it.
enum ResponseClass {
    /// 1xx
    case provisional
    /// 2xx
    case success
    /// 3xx to 6xx: "non-2xx final" in the RFC's words.
    case failure

    init?(_ message: SIPMessage) {
        guard let code = message.statusCode else { return nil }
        switch code {
        case 100..<200: self = .provisional
        case 200..<300: self = .success
        case 300..<700: self = .failure
        default: return nil
        }
    }
}
