/// Whether the transport retransmits for us. RFC 3261 §17 runs the
/// retransmission timers (A, E, G) only over unreliable transports and sets the
/// "wait for stray retransmissions" timers (D, I, J, K) to zero over reliable
/// ones, since a reliable transport delivers each message exactly once.
public enum TransportReliability: Hashable, Sendable {
    /// UDP.
    case unreliable
    /// TCP, TLS, SCTP, WebSocket.
    case reliable

    /// The reliability of the transport named in a Via (`UDP`, `TCP`, `TLS`, ...).
    /// RFC 3261 §18: only UDP (and its DTLS variant) is unreliable.
    public init(viaTransport: String) {
        switch viaTransport.uppercased() {
        case "UDP", "DTLS-UDP": self = .unreliable
        default: self = .reliable
        }
    }
}

/// The timer values of RFC 3261 Table 4 (§A) and RFC 6026 (L, M: 64*T1), from the three
/// configurable base values. Durations here are what a machine asks its
/// driver to wait; nothing in this module reads a clock.
public struct TransactionTimers: Hashable, Sendable {
    /// RTT estimate, 500 ms by default (§17.1.1.1).
    public var t1: Duration
    /// Maximum retransmit interval for non-INVITE requests and INVITE responses, 4 s.
    public var t2: Duration
    /// Maximum duration a message will remain in the network, 5 s.
    public var t4: Duration
    /// Timer D over unreliable transports: "at least 32 seconds" (§17.1.1.2);
    /// unlike the others it is not a multiple of T1.
    public var timerD: Duration

    public init(t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), t4: Duration = .seconds(5),
                timerD: Duration = .seconds(32)) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
        self.timerD = timerD
    }

    /// 64*T1: timers B, F, H, L, M and (unreliable) J.
    public var transactionTimeout: Duration { t1 * 64 }

    /// The first value a timer is started with, per Table 4. `nil` for a timer
    /// that does not run over this transport (A, E, G over reliable ones) and
    /// for `.trying`, whose delay comes from `TryingPolicy`. Zero means the
    /// machine moves on at once instead of starting the timer.
    public func duration(of timer: TransactionTimer, over transport: TransportReliability) -> Duration? {
        let reliable = transport == .reliable
        switch timer {
        case .a, .e, .g: return reliable ? nil : t1
        case .b, .f, .h, .l, .m: return transactionTimeout
        case .d: return reliable ? .zero : timerD
        case .i, .k: return reliable ? .zero : t4
        case .j: return reliable ? .zero : transactionTimeout
        case .trying: return nil
        }
    }

    /// The interval after a retransmission timer fired with `interval`:
    /// A doubles without bound (§17.1.1.2: only Timer B ends it), E and G
    /// double up to T2 (§17.1.2.2, §17.2.1). Other timers do not repeat.
    public func interval(after interval: Duration, of timer: TransactionTimer) -> Duration {
        switch timer {
        case .a: return interval * 2
        case .e, .g: return min(interval * 2, t2)
        default: return interval
        }
    }
}

/// When an INVITE server transaction sends 100 (Trying) by itself (§17.2.1:
/// it MUST, "unless it knows that the TU will generate a provisional or final
/// response within 200 ms").
public enum TryingPolicy: Hashable, Sendable {
    /// At once, when the INVITE arrives. The safe default: this layer cannot
    /// know how fast the TU will answer.
    case immediately
    /// Only if the TU has sent no response within this delay (Figure 7: "send
    /// 100 if TU won't in 200 ms"), for a TU that usually answers at once.
    case unlessTUAnswersWithin(Duration)
}
