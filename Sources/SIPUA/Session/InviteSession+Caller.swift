import SIPCore

/// The caller's side of call setup: the INVITE (RFC 3261 §13.2.1), its
/// responses (§13.2.2) and CANCEL (§9.1).
extension InviteSession {
    /// Our INVITE (§8.1.1, §13.2.1).
    static func invite(to remote: NameAddr, offer: MessageBody?, callID: String, localTag: String,
                       configuration: SessionConfiguration, branch: String) -> SIPMessage {
        // §8.1.1.1: "The initial Request-URI of the message SHOULD be set to
        // the value of the URI in the To field"
        var invite = SIPMessage.request(.invite, remote.uri)
        invite.vias = [RequestVia.via(for: configuration.contact, branch: branch)]
        var to = remote
        to.tag = nil
        invite.to = to
        var from = configuration.localAddress
        from.tag = localTag
        invite.from = from
        invite.callID = callID
        invite.cseq = CSeq(min(max(configuration.initialCSeq, 1), CSeq.maximum), .invite)
        // §8.1.1.8: an INVITE MUST carry a Contact, where the dialog's
        // requests will reach us
        invite.contacts = [.address(NameAddr(uri: configuration.contact))]
        if var proxy = configuration.outboundProxy {
            proxy.parameters.setFlag("lr")
            invite.routes = [NameAddr(uri: proxy)]
        }
        invite.headers.add("Max-Forwards", "70")
        // §13.2.1: "an Allow header field ... SHOULD be present in the INVITE"
        invite.headers.add("Allow", SessionConfiguration.allowHeaderValue)
        invite.setBody(offer)
        return invite
    }

    mutating func start() {
        guard role == .caller, state == .idle else { return }
        setState(.calling)
        send(initialInvite, .invite)
    }

    // MARK: Responses to the INVITE

    /// A provisional response (§13.2.2.1): with a To tag it sets up an early
    /// dialog with that peer; 180 is ringing, a body early media.
    mutating func invitePending(_ response: SIPMessage) {
        guard let code = response.statusCode, state == .calling || state == .proceeding else { return }
        setState(.proceeding)
        let tag = response.to?.tag ?? ""
        if !tag.isEmpty, earlyDialogs[tag] == nil,
           let early = Dialog.asCaller(request: initialInvite, response: response,
                                       localContact: configuration.contact, overTLS: configuration.usesTLS) {
            earlyDialogs[tag] = early
        }
        if code == 100, !reportedTrying {
            reportedTrying = true
            report(.trying)
        }
        if code == 180, !reportedRinging {
            reportedRinging = true
            report(.ringing)
        }
        if let body = MessageBody(of: response), !earlyMediaReported.contains(tag) {
            earlyMediaReported.insert(tag)
            report(.earlyMedia(body))
        }
        // §9.1: a hang-up before any provisional response waited for this one
        if cancelProgress == .wanted { sendCancel() }
    }

    /// A 2xx to the INVITE, first or retransmitted, from the peer that
    /// answered or from another fork (§13.2.2.4).
    mutating func inviteSucceeded(_ response: SIPMessage, invite: SIPMessage) {
        guard let tag = response.to?.tag, let sequence = invite.cseq?.number else { return }
        let key = ACKKey(inviteSequence: sequence, remoteTag: tag)
        // RFC 6026 §7.2: a retransmission; its ACK was lost, send it again
        if let ack = sentACKs[key] {
            emit(.sendACK(ack))
            return
        }
        // delayed offer: the ACK goes when the user's answer does
        if ackAwaitingAnswer == key { return }
        guard dialog == nil, state == .calling || state == .proceeding else {
            // §13.2.2.4: a 2xx from another fork, or one that came after we
            // gave up: "the UAC MUST ... send an ACK", and as we want no
            // second call, "terminate the dialog by sending a BYE"
            discardExtraDialog(response, invite: invite)
            return
        }
        var answered = earlyDialogs[tag]
            ?? Dialog.asCaller(request: invite, response: response, localContact: configuration.contact,
                               overTLS: configuration.usesTLS)
        answered?.confirm(with: response)
        guard let answered else { return }
        dialog = answered
        earlyDialogs = [:]
        cancelTimer(.cancelTimeout)
        let remote = MessageBody(of: response)
        if cancelProgress != .none {
            // the CANCEL crossed the 200: the call exists now; acknowledge
            // it and end it at once (§9.1, §15)
            sendACK(for: key, invite: invite, body: nil)
            sendBYE()
            end(.cancelled)
            return
        }
        setState(.confirmed)
        if offer == nil, let remote {
            // §13.2.2.4: "If the 2xx contains an offer ..., the ACK MUST
            // carry an answer in its body": the user supplies it
            ackAwaitingAnswer = key
            remoteOffer = remote
            report(.answerNeeded(offer: remote))
            return
        }
        sendACK(for: key, invite: invite, body: nil)
        report(.answered(remote: remote))
    }

    /// Caller, delayed offer: the user's answer for the waiting ACK.
    mutating func acknowledge(with answer: MessageBody) {
        guard let key = ackAwaitingAnswer else { return refuse("no 2xx waits for an answer") }
        ackAwaitingAnswer = nil
        sendACK(for: key, invite: initialInvite, body: answer)
        report(.answered(remote: remoteOffer))
    }

    /// A 3xx-6xx to the INVITE, or its transaction gave up (§13.2.2.3).
    mutating func inviteFailed(statusCode: Int, timedOut: Bool = false) {
        guard state == .calling || state == .proceeding else { return }
        earlyDialogs = [:]
        if cancelProgress != .none {
            // 487 answers our CANCEL; anything else final also ends what
            // the user already hung up
            end(.cancelled)
        } else {
            end(timedOut ? .timeout : .failed(statusCode: statusCode))
        }
    }

    /// A 2xx we do not want: ACK it and end its dialog with BYE (§13.2.2.4).
    private mutating func discardExtraDialog(_ response: SIPMessage, invite: SIPMessage) {
        guard var extra = Dialog.asCaller(request: invite, response: response, localContact: configuration.contact,
                                          overTLS: configuration.usesTLS),
              let sequence = invite.cseq?.number else { return }
        let key = ACKKey(inviteSequence: sequence, remoteTag: extra.id.remoteTag)
        let ack = withCredentials(of: invite, extra.ack(forInvite: sequence, branch: newBranch()))
        sentACKs[key] = ack
        emit(.sendACK(ack))
        send(extra.request(.bye, branch: newBranch()), .byeOfExtraDialog)
    }

    /// Builds, records and sends the ACK for a 2xx in the call's dialog.
    /// "The ACK MUST contain the same credentials as the INVITE" (§13.2.2.4).
    mutating func sendACK(for key: ACKKey, invite: SIPMessage, body: MessageBody?) {
        guard let dialog else { return }
        var ack = withCredentials(of: invite, dialog.ack(forInvite: key.inviteSequence, branch: newBranch()))
        ack.setBody(body)
        addUserAgent(&ack)
        sentACKs[key] = ack
        emit(.sendACK(ack))
    }

    private func withCredentials(of invite: SIPMessage, _ request: SIPMessage) -> SIPMessage {
        var copy = request
        for name in ["Authorization", "Proxy-Authorization"] {
            for value in invite.headers.values(name) { copy.headers.add(name, value) }
        }
        return copy
    }

    // MARK: CANCEL

    /// The CANCEL of our INVITE (§9.1): "The Request-URI, Call-ID, To, the
    /// numeric part of CSeq, and From header fields in the CANCEL request
    /// MUST be identical to those in the request being cancelled, including
    /// tags", one Via equal to the INVITE's top Via (so the same branch
    /// matches it to the INVITE's server transaction), and its Route.
    static func cancel(of invite: SIPMessage) -> SIPMessage {
        var cancel = SIPMessage.request(.cancel, invite.requestURI ?? SIPURI(host: "invalid"))
        cancel.vias = invite.topVia.map { [$0] } ?? []
        cancel.from = invite.from
        cancel.to = invite.to
        cancel.callID = invite.callID
        cancel.cseq = invite.cseq.map { CSeq($0.number, .cancel) }
        cancel.routes = invite.routes
        cancel.headers.add("Max-Forwards", "70")
        return cancel
    }

    /// Sends the CANCEL, once; if the INVITE gets no final response in
    /// 64*T1, §9.1 says to "consider the original transaction cancelled".
    mutating func sendCancel() {
        guard cancelProgress != .sent else { return }
        cancelProgress = .sent
        send(Self.cancel(of: initialInvite), .cancel)
        startTimer(.cancelTimeout, after: configuration.transactionTimeout)
    }

    mutating func cancelTimedOut() {
        inviteFailed(statusCode: 408)
    }
}
