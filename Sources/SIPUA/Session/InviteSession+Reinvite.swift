import SIPCore

/// A re-INVITE of ours: what it is for and the offer it carries, kept so a
/// 491 can send it again.
struct ReinviteRequest: Hashable, Sendable {
    enum Intent: Hashable, Sendable {
        case hold
        case resume
    }

    var intent: Intent
    var offer: MessageBody
}

/// Changing the session in an established call: hold and resume by
/// re-INVITE in both directions, with glare (RFC 3261 §14).
extension InviteSession {
    /// An INVITE transaction runs in the dialog in either direction, or
    /// waits to: §14.1 "MUST NOT initiate a new INVITE transaction within a
    /// dialog while another INVITE transaction is in progress in either
    /// direction". A 2xx of ours still waiting for its ACK counts, since the
    /// offer/answer exchange it belongs to may not be complete.
    var inviteInProgress: Bool {
        reinvitePending || incomingReinvite != nil || sentAnswer != nil
    }

    /// A re-INVITE of ours waits for its final response.
    var reinvitePending: Bool {
        pending.contains { if case .reinvite = $0.purpose { return true } else { return false } }
    }

    mutating func startReinvite(_ intent: ReinviteRequest.Intent, offer: MessageBody) {
        guard state == .confirmed, dialog != nil else { return report(.reinviteNotSent("the call is not established")) }
        guard !inviteInProgress, reinviteToRetry == nil else { return report(.reinviteNotSent("a re-INVITE is in progress")) }
        sendReinvite(ReinviteRequest(intent: intent, offer: offer))
    }

    private mutating func sendReinvite(_ reinvite: ReinviteRequest) {
        guard var dialog else { return }
        var invite = dialog.request(.invite, branch: newBranch())
        self.dialog = dialog
        invite.headers.add("Allow", SessionConfiguration.allowHeaderValue)
        invite.setBody(reinvite.offer)
        send(invite, .reinvite(reinvite))
    }

    /// The peer accepted our re-INVITE: ACK it like the first 2xx
    /// (§13.2.2.4), take its Contact as the new target (§12.2.1.2).
    mutating func reinviteSucceeded(_ reinvite: ReinviteRequest, response: SIPMessage, invite: SIPMessage) {
        guard let tag = response.to?.tag, let sequence = invite.cseq?.number else { return }
        dialog?.refreshTarget(from: response)
        sendACK(for: ACKKey(inviteSequence: sequence, remoteTag: tag), invite: invite, body: nil)
        guard !state.isEnded else { return }
        report(.reinviteAnswered(remote: MessageBody(of: response)))
        switch reinvite.intent {
        case .hold where !isLocallyHeld:
            isLocallyHeld = true
            report(.held(.local))
        case .resume where isLocallyHeld:
            isLocallyHeld = false
            report(.resumed(.local))
        default:
            break
        }
    }

    /// The peer refused our re-INVITE. On 491 the two re-INVITEs crossed
    /// (glare); §14.1: the one that owns the Call-ID retries after "a
    /// randomly chosen value between 2.1 and 4 seconds in units of 10 ms",
    /// the other after "between 0 and 2 seconds", so the owner's usually
    /// comes second and the two do not collide again. Other failures leave
    /// the session as it was: "the session parameters MUST remain unchanged".
    mutating func reinviteFailed(_ reinvite: ReinviteRequest, statusCode: Int) {
        guard statusCode == 491, !state.isEnded else {
            report(.reinviteFailed(statusCode: statusCode))
            return
        }
        let ownsCallID = dialog?.ownsCallID ?? (role == .caller)
        let tens = ownsCallID ? Int64.random(in: 210...400, using: &randomSource)
                              : Int64.random(in: 0...200, using: &randomSource)
        reinviteToRetry = reinvite
        startTimer(.reinviteRetry, after: .milliseconds(tens * 10))
    }

    mutating func retryReinvite() {
        guard let reinvite = reinviteToRetry, state == .confirmed else {
            reinviteToRetry = nil
            return
        }
        if inviteInProgress {
            // the peer's re-INVITE got in first; ours follows when it is done
            reinviteFailed(reinvite, statusCode: 491)
            return
        }
        reinviteToRetry = nil
        sendReinvite(reinvite)
    }

    /// The peer's re-INVITE (§14.2).
    mutating func receiveReinvite(_ invite: SIPMessage) {
        if reinvitePending || sentAnswer != nil {
            // "A UAS that receives an INVITE on a dialog while an INVITE it
            // had sent on that dialog is in progress MUST return a 491"
            respond(to: invite, statusCode: 491)
            return
        }
        if incomingReinvite != nil {
            // "A UAS that receives a second INVITE before it sends the final
            // response to a first INVITE with a lower CSeq sequence number on
            // the same dialog MUST return a 500 ... and MUST include a
            // Retry-After header field with a randomly chosen value of
            // between 0 and 10 seconds"
            var response = response(to: invite, statusCode: 500)
            response.headers.add("Retry-After", String(Int.random(in: 0...10, using: &randomSource)))
            emit(.sendResponse(response))
            return
        }
        guard state == .confirmed else { return respond(to: invite, statusCode: 491) }
        incomingReinvite = invite
        report(.reinviteOffered(offer: MessageBody(of: invite)))
    }

    /// Accepts the peer's re-INVITE with our answer (§14.2), and takes its
    /// Contact as the new remote target: the refresh counts once we accept
    /// it (§12.2.2; RFC 6141 §3 leaves the target alone on a refused one).
    mutating func acceptReinvite(answer: MessageBody, remoteHold: Bool) {
        guard let invite = incomingReinvite, !state.isEnded else { return refuse("no re-INVITE to answer") }
        incomingReinvite = nil
        dialog?.refreshTarget(from: invite)
        sendAnswer(dialogResponse(to: invite, statusCode: 200, body: answer), to: invite, isReinvite: true)
        if remoteHold != isRemotelyHeld {
            isRemotelyHeld = remoteHold
            report(remoteHold ? .held(.remote) : .resumed(.remote))
        }
    }

    mutating func rejectReinvite(statusCode: Int) {
        guard let invite = incomingReinvite else { return refuse("no re-INVITE to answer") }
        guard (300...699).contains(statusCode) else { return refuse("\(statusCode) is not a final failure status") }
        incomingReinvite = nil
        respond(to: invite, statusCode: statusCode)
    }
}
