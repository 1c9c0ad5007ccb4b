import SIPCore

/// What an `InviteSession` asks its driver to do, in order.
public enum SessionAction: Hashable, Sendable {
    /// Send the request in a new client transaction (INVITE or non-INVITE
    /// by its method) to its first Route or else its Request-URI (§8.1.2).
    case sendRequest(SIPMessage)
    /// Send this ACK for a 2xx straight to the transport: it is no
    /// transaction's (§13.2.2.4, §17.1.1.3). Same destination rule.
    case sendACK(SIPMessage)
    /// Send the response through the server transaction of the request it
    /// answers (for a 2xx retransmission: the INVITE's, RFC 6026 §8.7).
    case sendResponse(SIPMessage)
    case startTimer(SessionTimer, at: SessionInstant, after: Duration)
    case cancelTimer(SessionTimer)
    case stateChanged(SessionState)
    /// Something the user or the media layer must know.
    case report(CallEvent)
}

/// What happened in a call, for the user and the media layer.
public enum CallEvent: Hashable, Sendable {
    /// Caller: a 100 came; something is working on the call.
    case trying
    /// Caller: the callee is alerting (180), reported once.
    case ringing
    /// Caller: a provisional response carried a session description (183,
    /// usually): play what the far end sends. Reported once per early dialog.
    case earlyMedia(MessageBody)
    /// The call is up. `remote` is the peer's session description: the 2xx's
    /// answer (caller), the INVITE's offer (callee), or the ACK's answer
    /// (callee whose INVITE had no offer); nil if the peer sent none.
    case answered(remote: MessageBody?)
    /// Caller, delayed offer: the 2xx carried this offer; reply with
    /// `.acknowledge(answer:)` so the ACK can go.
    case answerNeeded(offer: MessageBody)
    /// The peer sent a re-INVITE (nil: without an offer, so our answer is
    /// an offer); reply with `.acceptReinvite` or `.rejectReinvite`.
    case reinviteOffered(offer: MessageBody?)
    /// Our re-INVITE was accepted; this is the peer's answer.
    case reinviteAnswered(remote: MessageBody?)
    /// Our re-INVITE was refused; the session is unchanged (§14.1).
    case reinviteFailed(statusCode: Int)
    /// Our re-INVITE (hold, resume) was not sent: the call is not
    /// established yet, or another INVITE transaction runs (§14.1). The
    /// offer made for it is void, as after a refusal.
    case reinviteNotSent(String)
    case held(HoldParty)
    case resumed(HoldParty)
    /// Transferee: the peer asks us to call `target` (RFC 3515); report the
    /// new call's progress with `.transferProgress(statusCode:)`.
    case transferRequested(target: SIPURI)
    /// Transferor: the peer took our REFER (202).
    case transferAccepted
    /// Transferor: a NOTIFY told how the transferee's call is going.
    case transferProgress(statusCode: Int)
    /// Transferor: the transfer is over.
    case transferResult(TransferOutcome)
    /// The peer sent an INFO (DTMF) in the dialog.
    case infoReceived(MessageBody)
    /// Our INFO was refused with this status.
    case infoFailed(statusCode: Int)
    /// A command that does not fit the call's state was ignored.
    case commandRefused(String)
    case ended(CallEndReason)
}

/// How a transfer we asked for ended.
public enum TransferOutcome: Hashable, Sendable {
    /// The transferee's call to the target was answered (sipfrag 2xx).
    case succeeded
    /// The REFER was refused, or the transferee's call failed; the status
    /// is the REFER's response or the sipfrag's, nil when the subscription
    /// ended without saying.
    case failed(statusCode: Int?)
}
