import SIPCore

/// Transferor: the REFER we sent and what its NOTIFYs said.
struct OutgoingTransfer: Hashable, Sendable {
    var target: SIPURI
    /// The peer answered the REFER with 202.
    var accepted = false
}

/// Transferee: the REFER we accepted, whose subscription we report on.
struct IncomingTransfer: Hashable, Sendable {
    var target: SIPURI
    /// The REFER's CSeq number: the `id` of our NOTIFYs' Event (RFC 3515 §2.4.6).
    var referSequence: UInt32
}

/// Blind transfer in the call's dialog (RFC 3515): REFER with Refer-To,
/// 202, then NOTIFYs whose message/sipfrag bodies tell how the transferee's
/// call to the target is going.
extension InviteSession {
    // MARK: Transferor

    mutating func transfer(to target: SIPURI) {
        guard state == .confirmed, var dialog else { return refuse("the call is not established") }
        guard outgoingTransfer == nil else { return refuse("a transfer is in progress") }
        var refer = dialog.request(.refer, branch: newBranch())
        self.dialog = dialog
        // §2.4.1: "A REFER request MUST contain exactly one Refer-To header field value"
        refer.headers.add("Refer-To", NameAddr(uri: target).description)
        // RFC 3892: who asked, for the transfer target's benefit
        refer.headers.add("Referred-By", NameAddr(uri: configuration.localAddress.uri).description)
        outgoingTransfer = OutgoingTransfer(target: target)
        send(refer, .refer)
    }

    mutating func referAccepted() {
        guard outgoingTransfer != nil else { return }
        outgoingTransfer?.accepted = true
        report(.transferAccepted)
    }

    mutating func referFailed(statusCode: Int) {
        guard outgoingTransfer != nil else { return }
        outgoingTransfer = nil
        report(.transferResult(.failed(statusCode: statusCode)))
    }

    /// A NOTIFY of the subscription our REFER created (§2.4.4-§2.4.5).
    mutating func receiveNotify(_ notify: SIPMessage) {
        // RFC 6665 §8.2.1: a NOTIFY for an event package we did not
        // subscribe to gets 489 Bad Event
        let event = notify.headers["Event"].map { $0.prefix { $0 != ";" }.trimmingLWS.lowercased() }
        guard event == "refer" else { return respond(to: notify, statusCode: 489) }
        // RFC 6665 §4.1.3: a NOTIFY matching no subscription gets 481
        guard outgoingTransfer != nil else { return respond(to: notify, statusCode: 481) }
        respond(to: notify, statusCode: 200)
        let terminated = notify.headers["Subscription-State"]?.trimmingLWS.lowercased().hasPrefix("terminated") ?? false
        guard let code = SipFrag.statusCode(in: notify.body) else {
            if terminated {
                outgoingTransfer = nil
                report(.transferResult(.failed(statusCode: nil)))
            }
            return
        }
        report(.transferProgress(statusCode: code))
        if code >= 200 || terminated {
            outgoingTransfer = nil
            guard (200..<300).contains(code) else {
                report(.transferResult(.failed(statusCode: code >= 200 ? code : nil)))
                return
            }
            report(.transferResult(.succeeded))
            // the transferee has its new call: ours is over, and ending it
            // is ours to do (the transferor sends the BYE in RFC 5589's transfer flows)
            if !state.isEnded {
                sendBYE()
                end(.transferred)
            }
        }
    }

    // MARK: Transferee

    /// The peer's REFER (§2.4.2): 202 Accepted, the first NOTIFY at once
    /// (100 Trying, §2.4.4), and the target for the user to call.
    mutating func receiveRefer(_ refer: SIPMessage) {
        let values = refer.headers.values("Refer-To")
        // §2.4.1: exactly one Refer-To, or 400
        guard values.count == 1, let target = try? NameAddr(parsing: values[0]),
              let sequence = refer.cseq?.number else { return respond(to: refer, statusCode: 400) }
        // one transfer at a time: a second REFER while we still report on
        // the first is a request that must wait
        guard incomingTransfer == nil else { return respond(to: refer, statusCode: 491) }
        guard state == .confirmed else { return respond(to: refer, statusCode: 603) }
        var accepted = response(to: refer, statusCode: 202)
        accepted.contacts = [.address(NameAddr(uri: configuration.contact))]
        emit(.sendResponse(accepted))
        incomingTransfer = IncomingTransfer(target: target.uri, referSequence: sequence)
        sendTransferNotify(statusCode: 100)
        report(.transferRequested(target: target.uri))
    }

    /// Transferee: the call to the target got this status; tell the
    /// transferor. A final status ends the subscription (§2.4.7).
    mutating func reportTransferProgress(statusCode: Int) {
        guard incomingTransfer != nil else { return refuse("no transfer to report on") }
        guard (100...699).contains(statusCode) else { return refuse("\(statusCode) is not a status") }
        sendTransferNotify(statusCode: statusCode)
        if statusCode >= 200 { incomingTransfer = nil }
    }

    private mutating func sendTransferNotify(statusCode: Int) {
        guard let transfer = incomingTransfer, var dialog else { return }
        var notify = dialog.request(.notify, branch: newBranch())
        self.dialog = dialog
        // §2.4.6: the id names the REFER this subscription came from
        notify.headers.add("Event", "refer;id=\(transfer.referSequence)")
        let isFinal = statusCode >= 200
        // RFC 6665 §4.1.3: a final report ends the subscription, "noresource"
        // as in RFC 3515 §4.1 F5
        notify.headers.add("Subscription-State", isFinal ? "terminated;reason=noresource"
                                                         : "active;expires=\(configuration.transferSubscriptionExpires)")
        notify.setBody(SipFrag.statusLine(statusCode))
        send(notify, .notify(final: isFinal))
    }
}
