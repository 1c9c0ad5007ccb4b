import SIPCore

/// Which side of the initial INVITE we are.
public enum SessionRole: Hashable, Sendable {
    /// We sent the INVITE (the UAC of the call).
    case caller
    /// We received it (the UAS of the call).
    case callee
}

/// Where a call stands.
public enum SessionState: Hashable, Sendable {
    /// Caller: created, INVITE not sent yet.
    case idle
    /// Caller: INVITE sent, no response yet. A hang-up waits for a
    /// provisional response before it can CANCEL (§9.1).
    case calling
    /// Caller: a provisional response came; the callee may be ringing.
    case proceeding
    /// Callee: the INVITE is here and not answered yet.
    case incoming
    /// Callee: our 2xx is out and retransmitted until the ACK (§13.3.1.4).
    case waitingForACK
    /// The call is up.
    case confirmed
    case ended(CallEndReason)

    public var isEnded: Bool {
        if case .ended = self { return true }
        return false
    }

    /// A final response to the initial INVITE was sent or received.
    public var isEstablished: Bool { self == .waitingForACK || self == .confirmed }
}

/// Why a call ended.
public enum CallEndReason: Hashable, Sendable {
    /// We sent BYE (§15.1.1).
    case localBYE
    /// The peer sent BYE (§15.1.2).
    case remoteBYE
    /// The caller cancelled before an answer (§9): our CANCEL as caller, the
    /// peer's as callee.
    case cancelled
    /// Callee: we declined with this final status (486, 603, 480, 488, ...).
    case rejected(statusCode: Int)
    /// Caller: the INVITE drew this final status (3xx-6xx); or a request in
    /// the dialog drew a 481, which means the peer has no such dialog
    /// (§12.2.1.2).
    case failed(statusCode: Int)
    /// No answer: the INVITE timed out (Timer B), our 2xx was never
    /// acknowledged (§13.3.1.4), or a request in the dialog timed out.
    case timeout
    /// We transferred the call away and the transferee reached the target
    /// (RFC 3515); we sent the BYE that ended ours.
    case transferred
}

/// Who put the call on hold.
public enum HoldParty: Hashable, Sendable {
    case local
    case remote
}
