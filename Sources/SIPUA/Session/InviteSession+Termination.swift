import SIPCore

/// Ending the call: hang-up in every state, BYE both ways (RFC 3261 §15).
extension InviteSession {
    /// The user hangs up, whatever the call's state.
    mutating func hangUp() {
        switch state {
        case .idle:
            end(.cancelled)
        case .calling:
            // §9.1: "If no provisional response has been received, the
            // CANCEL request MUST NOT be sent; rather, the client MUST wait
            // for the arrival of a provisional response"
            cancelProgress = .wanted
        case .proceeding:
            sendCancel()
        case .incoming:
            // declining an unanswered call: "603 (Decline) ... the callee's
            // machine ... explicitly does not wish to take part" (§21.6.2)
            reject(statusCode: 603)
        case .waitingForACK:
            // §15: "The callee's UA MUST NOT send a BYE on a confirmed dialog
            // until it has received an ACK for its 2xx response or until the
            // server transaction times out"; the 2xx retransmissions go on
            // so that the ACK can come
            byeWhenAcknowledged = true
            end(.localBYE)
        case .confirmed:
            if let key = ackAwaitingAnswer {
                // the ACK comes before the BYE, even without an answer
                ackAwaitingAnswer = nil
                sendACK(for: key, invite: initialInvite, body: nil)
            }
            sendBYE()
            end(.localBYE)
        case .ended:
            refuse("the call has ended")
        }
    }

    /// A BYE in the call's dialog (§15.1.1). "The UAC SHOULD consider the
    /// session terminated ... as soon as the BYE request is passed to the
    /// client transaction", so callers end the call along with it.
    mutating func sendBYE() {
        guard var dialog else { return }
        let bye = dialog.request(.bye, branch: newBranch())
        self.dialog = dialog
        send(bye, .bye)
    }

    /// The peer's BYE (§15.1.2): 200, and requests of the dialog still
    /// unanswered get 487 ("It is RECOMMENDED that a 487 ... be generated to
    /// those pending requests"). Before our ACK came (or our 2xx went) too.
    mutating func receiveBYE(_ bye: SIPMessage) {
        respond(to: bye, statusCode: 200)
        guard !state.isEnded else { return }
        if state == .incoming { respond(to: initialInvite, statusCode: 487) }
        if let invite = incomingReinvite {
            incomingReinvite = nil
            respond(to: invite, statusCode: 487)
        }
        sentAnswer = nil
        byeWhenAcknowledged = false
        end(.remoteBYE)
    }

    /// The call is over: stop what belonged to it and linger for 64*T1, in
    /// which late 2xx retransmissions still get their ACK (RFC 6026 Timer M).
    mutating func end(_ reason: CallEndReason) {
        guard !state.isEnded else { return }
        // a callee that hung up before the ACK keeps its 2xx going (§15)
        if !byeWhenAcknowledged {
            sentAnswer = nil
            cancelTimer(.answerRetransmission)
            cancelTimer(.answerTimeout)
        }
        cancelTimer(.reinviteRetry)
        cancelTimer(.cancelTimeout)
        reinviteToRetry = nil
        if let key = ackAwaitingAnswer {
            // a 2xx whose offer the user never answered: acknowledge it
            // anyway, so that its retransmissions stop
            ackAwaitingAnswer = nil
            sendACK(for: key, invite: initialInvite, body: nil)
        }
        setState(.ended(reason))
        report(.ended(reason))
        startTimer(.linger, after: configuration.transactionTimeout)
    }
}
