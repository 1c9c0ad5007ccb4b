import SIPCore

/// The callee's side of call setup: ringing, answering and declining the
/// peer's INVITE (RFC 3261 §13.3), the 2xx retransmissions until the ACK
/// (§13.3.1.4), and the peer's CANCEL (§9.2).
extension InviteSession {
    mutating func ring(earlyMedia: MessageBody?) {
        guard role == .callee, state == .incoming else { return refuse("no unanswered incoming call") }
        // §13.3.1.1: 180 with a To tag (an early dialog, §12.1.1); a session
        // description in a provisional response is early media, 183 by custom
        let code = earlyMedia == nil ? 180 : 183
        emit(.sendResponse(dialogResponse(to: initialInvite, statusCode: code, body: earlyMedia)))
    }

    /// 200 with our session description (§13.3.1.4): the answer to the
    /// INVITE's offer, or our offer when it had none (the ACK answers).
    mutating func answer(with body: MessageBody) {
        guard role == .callee, state == .incoming else { return refuse("no unanswered incoming call") }
        dialog?.confirm()
        sendAnswer(dialogResponse(to: initialInvite, statusCode: 200, body: body), to: initialInvite,
                   isReinvite: false)
        setState(.waitingForACK)
        if let remoteOffer { report(.answered(remote: remoteOffer)) }
    }

    /// Sends a 2xx to an INVITE and keeps it going until the ACK:
    /// "The 2xx response is passed to the transport with an interval that
    /// starts at T1 seconds and doubles for each retransmission until it
    /// reaches T2 seconds ... This is independent of whatever transport
    /// protocols are used to send the response" (§13.3.1.4): a proxy on the
    /// way may forward over UDP even when our hop is TCP.
    mutating func sendAnswer(_ response: SIPMessage, to invite: SIPMessage, isReinvite: Bool) {
        guard let sequence = invite.cseq?.number else { return }
        sentAnswer = SentAnswer(response: response, inviteSequence: sequence, interval: configuration.t1,
                                ackCarriesAnswer: invite.body.isEmpty, isReinvite: isReinvite)
        emit(.sendResponse(response))
        startTimer(.answerRetransmission, after: configuration.t1)
        startTimer(.answerTimeout, after: configuration.transactionTimeout)
    }

    mutating func retransmitAnswer() {
        guard var answer = sentAnswer else { return }
        emit(.sendResponse(answer.response))
        answer.interval = min(answer.interval * 2, configuration.t2)
        sentAnswer = answer
        startTimer(.answerRetransmission, after: answer.interval)
    }

    /// "If the server retransmits the 2xx response for 64*T1 seconds without
    /// receiving an ACK, the dialog is confirmed, but the session SHOULD be
    /// terminated. This is accomplished with a BYE" (§13.3.1.4).
    mutating func answerTimedOut() {
        guard sentAnswer != nil else { return }
        sentAnswer = nil
        cancelTimer(.answerRetransmission)
        byeWhenAcknowledged = false
        sendBYE()
        end(.timeout)
    }

    /// Declines the INVITE with a final status (§13.3.1.3): 486, 603, 480,
    /// or 488 when the caller's offer will not do.
    mutating func reject(statusCode: Int) {
        guard role == .callee, state == .incoming else { return refuse("no unanswered incoming call") }
        guard (300...699).contains(statusCode) else { return refuse("\(statusCode) is not a final failure status") }
        respond(to: initialInvite, statusCode: statusCode)
        end(.rejected(statusCode: statusCode))
    }

    /// The ACK for a 2xx of ours (the INVITE server transaction in Accepted
    /// passes it up, RFC 6026 §7.1): retransmissions stop (§13.3.1.4).
    mutating func receiveACK(_ ack: SIPMessage) {
        guard let answer = sentAnswer, ack.cseq?.number == answer.inviteSequence,
              ack.from?.tag == dialog?.id.remoteTag else { return }
        sentAnswer = nil
        cancelTimer(.answerRetransmission)
        cancelTimer(.answerTimeout)
        let remote = answer.ackCarriesAnswer ? MessageBody(of: ack) : nil
        if answer.isReinvite {
            if answer.ackCarriesAnswer { report(.reinviteAnswered(remote: remote)) }
        } else if state == .waitingForACK {
            setState(.confirmed)
            if answer.ackCarriesAnswer { report(.answered(remote: remote)) }
        }
        // §15: "The callee's UA MUST NOT send a BYE on a confirmed dialog
        // until it has received an ACK for its 2xx response"
        if byeWhenAcknowledged {
            byeWhenAcknowledged = false
            sendBYE()
        }
    }

    /// The peer's CANCEL of its INVITE (§9.2). The CANCEL is answered 200
    /// whatever happens; an INVITE still unanswered gets 487.
    mutating func receiveCancel(_ cancel: SIPMessage) {
        respond(to: cancel, statusCode: 200)
        guard role == .callee, state == .incoming else { return }
        // "the UAS MUST ... respond to the INVITE with a 487 (Request Terminated)"
        respond(to: initialInvite, statusCode: 487)
        end(.cancelled)
    }

    /// The CANCEL is for our incoming INVITE: the same Call-ID, From tag,
    /// CSeq number and top Via branch (§9.2 matches it to the INVITE's
    /// server transaction by the §17.2.3 rules).
    public func isCancel(ofOurInvite cancel: SIPMessage) -> Bool {
        role == .callee && cancel.method == .cancel && cancel.callID == callID
            && cancel.from?.tag == initialInvite.from?.tag
            && cancel.cseq?.number == initialInvite.cseq?.number
            && cancel.topVia?.branch == initialInvite.topVia?.branch
    }
}
