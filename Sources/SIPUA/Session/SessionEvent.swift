import SIPCore

/// What a driver or the user tells an `InviteSession`.
public enum SessionEvent: Hashable, Sendable {
    // MARK: From the driver

    /// Caller: send the INVITE.
    case start
    /// A request for this call from a server transaction: an in-dialog
    /// request, the CANCEL of our incoming INVITE, or the ACK for our 2xx
    /// (RFC 6026 §7.1: the INVITE server transaction passes those up).
    case requestReceived(SIPMessage)
    /// A response to a request this session asked to send. 2xx
    /// retransmissions to an INVITE come here too (RFC 6026 §7.2) and are
    /// acknowledged again.
    case responseReceived(SIPMessage)
    /// The client transaction of this request (as the session sent it)
    /// ended without a final response.
    case requestFailed(SIPMessage, RequestFailure)
    case timerFired(SessionTimer)

    // MARK: From the user (through the driver)

    /// Callee: alert the caller, 180 Ringing; with a body, 183 Session
    /// Progress carrying early media.
    case ring(earlyMedia: MessageBody?)
    /// Callee: accept with 200 and our session description (the answer to
    /// the INVITE's offer, or our offer when the INVITE had none).
    case answer(MessageBody)
    /// Callee: decline with a final status, 486, 603, 480 or 488 (the
    /// caller's offer is unacceptable) for example.
    case reject(statusCode: Int)
    /// End the call whatever its state: CANCEL, decline with 603 or BYE.
    case hangUp
    /// Caller, delayed offer: the answer to the offer the 2xx carried, which
    /// the ACK must carry (§13.2.2.4). Asked for with `.answerNeeded`.
    case acknowledge(answer: MessageBody)
    /// Put the call on hold with this offer (a=sendonly or inactive): a re-INVITE.
    case hold(offer: MessageBody)
    /// Take the call off hold with this offer (a=sendrecv): a re-INVITE.
    case resume(offer: MessageBody)
    /// Accept the peer's re-INVITE (reported with `.reinviteOffered`) with
    /// our answer, saying whether its offer puts us on hold, which only the
    /// caller of the machine can tell from the session description.
    case acceptReinvite(answer: MessageBody, remoteHold: Bool)
    /// Refuse the peer's re-INVITE, 488 when its offer is unacceptable;
    /// the session stays as it was (§14.2).
    case rejectReinvite(statusCode: Int)
    /// Transferor: ask the peer to call `target` (RFC 3515 REFER).
    case transfer(to: SIPURI)
    /// Transferee: how the call to the REFER's target is going (its
    /// provisional and final status), reported to the transferor in NOTIFYs.
    case transferProgress(statusCode: Int)
    /// Send an INFO in the dialog (DTMF as application/dtmf-relay).
    case sendInfo(MessageBody)
}

/// Why a client transaction gave up.
public enum RequestFailure: Hashable, Sendable {
    /// Timer B or F: treated as a 408 (§8.1.3.1).
    case timeout
    /// The transport could not send it: treated as a 503 (§8.1.3.1).
    case transportError

    var statusCode: Int { self == .timeout ? 408 : 503 }
}
