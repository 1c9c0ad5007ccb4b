import SIPAuth
import SIPCore

/// A request of ours waiting for its final response, and what it was for.
struct PendingRequest: Equatable, Sendable {
    enum Purpose: Hashable, Sendable {
        case invite
        case reinvite(ReinviteRequest)
        case cancel
        case bye
        /// The BYE that ends the dialog of an unwanted 2xx (§13.2.2.4).
        case byeOfExtraDialog
        case refer
        case notify(final: Bool)
        case info
    }

    var message: SIPMessage
    var purpose: Purpose
    /// The credentials it carried, for the authenticator's give-up rule.
    var authorizations: [DigestAuthorization]
}

/// Sending requests and sorting their responses.
extension InviteSession {
    /// Sends a request in a new client transaction and remembers it. Realms
    /// that challenged this call before are answered at once with their
    /// cached nonce. CANCEL carries none: it "cannot be challenged" and
    /// a proxy matches it hop by hop (§22.1, §9.1).
    mutating func send(_ request: SIPMessage, _ purpose: PendingRequest.Purpose) {
        var message = request
        addUserAgent(&message)
        var authorizations: [DigestAuthorization] = []
        if message.method != .cancel, message.headers["Authorization"] == nil,
           message.headers["Proxy-Authorization"] == nil {
            let digest = Self.digestRequest(for: message)
            for space in challengedRealms {
                if let answer = authenticator.authorizationForNextRequest(digest, realm: space.realm, kind: space.kind) {
                    authorizations.append(answer)
                    message.headers.add(answer.headerName, answer.headerValue)
                }
            }
        }
        pending.append(PendingRequest(message: message, purpose: purpose, authorizations: authorizations))
        emit(.sendRequest(message))
    }

    func addUserAgent(_ message: inout SIPMessage) {
        if let agent = configuration.userAgent, message.headers["User-Agent"] == nil {
            message.headers.add("User-Agent", agent)
        }
    }

    /// What digest hashes for a request (RFC 7616 §3.4.6).
    static func digestRequest(for request: SIPMessage) -> DigestRequest {
        DigestRequest(method: request.method?.rawValue ?? "", requestURI: request.requestURI?.description ?? "",
                      body: request.body)
    }

    // MARK: Responses

    mutating func receive(response: SIPMessage) {
        guard let cseq = response.cseq, let code = response.statusCode, response.callID == callID,
              response.from?.tag == localTag else { return }
        guard let index = pendingIndex(answeredBy: response) else {
            // RFC 6026 §7.2: the INVITE client transaction passes up 2xx
            // retransmissions and the 2xx of other forks after the first
            if cseq.method == .invite, (200..<300).contains(code) { lateInviteSuccess(response) }
            return
        }
        if code < 200 {
            if pending[index].purpose == .invite { invitePending(response) }
            return
        }
        let request = pending.remove(at: index)
        if code == 401 || code == 407, resendWithCredentials(request, challenge: response) { return }
        if (200..<300).contains(code) {
            succeeded(request, response)
        } else {
            failed(request, statusCode: code)
        }
    }

    /// The client transaction of `sent` ended without a final response: a
    /// timeout is a 408 and a transport error a 503 (§8.1.3.1). The
    /// transaction is known by its branch and method (§17.1.3: a CANCEL
    /// shares its INVITE's branch).
    mutating func requestFailed(_ sent: SIPMessage, _ failure: RequestFailure) {
        guard let index = pending.firstIndex(where: {
            $0.message.topVia?.branch == sent.topVia?.branch && $0.message.method == sent.method
        }) else { return }
        failed(pending.remove(at: index), statusCode: failure.statusCode, timedOut: failure == .timeout)
    }

    /// The request a response answers: the same CSeq, and for a request
    /// sent in a dialog the same To tag. The CSeq alone is not enough: the
    /// BYE ending an unwanted fork's dialog counts in that dialog and may
    /// carry the number of one in the call's.
    private func pendingIndex(answeredBy response: SIPMessage) -> Int? {
        pending.firstIndex {
            $0.message.cseq == response.cseq && ($0.message.to?.tag == nil || $0.message.to?.tag == response.to?.tag)
        }
    }

    private mutating func succeeded(_ request: PendingRequest, _ response: SIPMessage) {
        switch request.purpose {
        case .invite: inviteSucceeded(response, invite: request.message)
        case .reinvite(let reinvite): reinviteSucceeded(reinvite, response: response, invite: request.message)
        case .refer: referAccepted()
        case .info: sendNextInfo()
        case .cancel, .bye, .byeOfExtraDialog, .notify: break
        }
    }

    private mutating func failed(_ request: PendingRequest, statusCode: Int, timedOut: Bool = false) {
        switch request.purpose {
        case .invite:
            inviteFailed(statusCode: statusCode, timedOut: timedOut)
        case .cancel, .bye, .byeOfExtraDialog:
            // a CANCEL that found nothing (481) waits for the INVITE's own
            // final response; a BYE ended the call when it was sent (§15.1.1)
            break
        case .notify:
            // RFC 6665 §4.1.2.2 via RFC 3515: a 481 (or any failure) ends
            // the subscription; there is nobody left to tell
            incomingTransfer = nil
        case .reinvite(let reinvite):
            if isDialogGone(statusCode) { return dialogGone(statusCode: statusCode, timedOut: timedOut) }
            reinviteFailed(reinvite, statusCode: statusCode)
        case .refer:
            referFailed(statusCode: statusCode)
            if isDialogGone(statusCode) { dialogGone(statusCode: statusCode, timedOut: timedOut) }
        case .info:
            if isDialogGone(statusCode) {
                queuedInfos.removeAll()
                return dialogGone(statusCode: statusCode, timedOut: timedOut)
            }
            report(.infoFailed(statusCode: statusCode))
            sendNextInfo()
        }
    }

    /// §12.2.1.2: "If the response for a request within a dialog is a 481
    /// (Call/Transaction Does Not Exist) or a 408 (Request Timeout), the UAC
    /// SHOULD terminate the dialog. A UAC SHOULD also terminate a dialog if
    /// no response at all is received for the request".
    private func isDialogGone(_ statusCode: Int) -> Bool { statusCode == 481 || statusCode == 408 }

    private mutating func dialogGone(statusCode: Int, timedOut: Bool) {
        guard !state.isEnded else { return }
        // a 481 says the peer has no dialog: a BYE would only draw another
        if statusCode != 481 { sendBYE() }
        end(timedOut || statusCode == 408 ? .timeout : .failed(statusCode: statusCode))
    }

    /// Answers a 401/407 and sends the request again with a new CSeq (§22.2,
    /// §8.1.3.5). False when it cannot or must not be answered: a second
    /// challenge after our answer means the credentials are wrong.
    private mutating func resendWithCredentials(_ request: PendingRequest, challenge: SIPMessage) -> Bool {
        // a CANCEL cannot be challenged (§22.1); a call the user hung up is not worth it
        if request.purpose == .cancel { return false }
        if request.purpose == .invite, cancelProgress != .none { return false }
        let answers: [DigestAuthorization]
        do {
            answers = try authenticator.answer(
                wwwAuthenticate: challenge.headers.values("WWW-Authenticate"),
                proxyAuthenticate: challenge.headers.values("Proxy-Authenticate"),
                request: Self.digestRequest(for: request.message), challengedRequestCarried: request.authorizations)
        } catch {
            return false
        }
        for answer in answers {
            let space = ChallengedRealm(kind: answer.kind, realm: answer.realm)
            if !challengedRealms.contains(space) { challengedRealms.append(space) }
        }
        var message = request.message
        // "the UAC ... MUST increment the CSeq" (§8.1.3.5); in the call's
        // dialog the number comes from its sequence, which must stay
        // contiguous (§12.2.1.1); the INVITE and the BYE of an unwanted
        // fork count on from their own number
        let number: UInt32
        if request.purpose != .invite, request.purpose != .byeOfExtraDialog, var dialog {
            number = dialog.takeNextSequence()
            self.dialog = dialog
        } else {
            number = min((message.cseq?.number ?? 0) + 1, CSeq.maximum)
        }
        message.cseq?.number = number
        message.vias = [RequestVia.via(for: configuration.contact, branch: newBranch())]
        message.headers.remove("Authorization")
        message.headers.remove("Proxy-Authorization")
        for answer in answers { message.headers.add(answer.headerName, answer.headerValue) }
        if request.purpose == .invite { initialInvite = message }
        pending.append(PendingRequest(message: message, purpose: request.purpose, authorizations: answers))
        emit(.sendRequest(message))
        return true
    }

    /// A 2xx to an INVITE that is no longer pending: a retransmission, or
    /// another fork's answer to the initial INVITE.
    private mutating func lateInviteSuccess(_ response: SIPMessage) {
        guard let tag = response.to?.tag, let sequence = response.cseq?.number else { return }
        if let ack = sentACKs[ACKKey(inviteSequence: sequence, remoteTag: tag)] {
            emit(.sendACK(ack))
        } else if ackAwaitingAnswer?.inviteSequence == sequence {
            return
        } else if role == .caller, sequence == initialInvite.cseq?.number {
            inviteSucceeded(response, invite: initialInvite)
        }
    }
}
