/// The timers of one call. The driver runs them on its clock and feeds
/// them back with `.timerFired`; the transaction timers (A, B, L, M, ...) are
/// the transactions' and never appear here.
public enum SessionTimer: String, Hashable, Sendable, CaseIterable {
    /// Callee: send our 2xx again; starts at T1, doubles up to T2 (§13.3.1.4).
    case answerRetransmission
    /// Callee: 64*T1 without ACK for our 2xx; the call ends with BYE (§13.3.1.4).
    case answerTimeout
    /// Our re-INVITE drew 491: try again when this fires (§14.1).
    case reinviteRetry
    /// Caller: 64*T1 after our CANCEL without a final response to the
    /// INVITE; the call counts as cancelled (§9.1).
    case cancelTimeout
    /// The call ended; until this fires (64*T1, RFC 6026 Timer M) late 2xx
    /// retransmissions still get their ACK. Then the session can go.
    case linger
}
