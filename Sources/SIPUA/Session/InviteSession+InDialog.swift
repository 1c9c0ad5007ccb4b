import SIPCore

/// Requests from the peer: ACK and CANCEL of the INVITE, and requests in
/// the dialog (RFC 3261 §12.2.2).
extension InviteSession {
    mutating func receive(request: SIPMessage) {
        guard let method = request.method, request.callID == callID else { return }
        switch method {
        case .ack: return receiveACK(request)
        case .cancel: return receiveCancel(request)
        default: break
        }
        // "If the UAS wishes to reject the request because it does not wish
        // to recreate the dialog, it MUST respond to the request with a 481"
        guard var dialog, request.to?.tag == localTag, (request.from?.tag ?? "") == dialog.id.remoteTag,
              acceptsRequests(method) else { return respond(to: request, statusCode: 481) }
        // §12.2.2: out of order → 500
        guard dialog.receive(request) == .inOrder else { return respond(to: request, statusCode: 500) }
        self.dialog = dialog
        switch method {
        case .invite: receiveReinvite(request)
        case .bye: receiveBYE(request)
        case .refer: receiveRefer(request)
        case .notify: receiveNotify(request)
        case .info: receiveInfo(request)
        case .options:
            // §11.2: what we support, inside the dialog as outside
            var response = response(to: request, statusCode: 200)
            response.headers.add("Allow", SessionConfiguration.allowHeaderValue)
            response.headers.add("Accept", "application/sdp")
            emit(.sendResponse(response))
        default:
            // §8.2.1: a known method we do not serve gets 405 with Allow;
            // an unknown one 501 (§8.2.2.1 in spirit: we cannot process it)
            respond(to: request, statusCode: method.isKnown ? 405 : 501)
        }
    }

    /// Whether the dialog still takes requests of this kind. Once the call
    /// ended, only a BYE that crossed ours (answered 200, harmless) and the
    /// NOTIFYs of a transfer we asked for (its subscription is a usage of
    /// the dialog of its own, which the BYE does not end: RFC 5057) are
    /// still answered in it.
    private func acceptsRequests(_ method: SIPMethod) -> Bool {
        guard state.isEnded else { return true }
        return method == .bye || (method == .notify && outgoingTransfer != nil)
    }

    mutating func receiveInfo(_ info: SIPMessage) {
        respond(to: info, statusCode: 200)
        if let body = MessageBody(of: info), !state.isEnded { report(.infoReceived(body)) }
    }

    /// INFO in the dialog (RFC 6086 without an Info-Package, as DTMF relay
    /// is sent in practice): the caller gives the body.
    mutating func sendInfo(_ body: MessageBody) {
        guard state == .confirmed, var dialog else { return refuse("the call is not established") }
        if pending.contains(where: { $0.purpose == .info }) { return queuedInfos.append(body) }
        var info = dialog.request(.info, branch: newBranch())
        self.dialog = dialog
        info.setBody(body)
        send(info, .info)
    }

    /// The INFO in flight was answered: the next queued one goes.
    mutating func sendNextInfo() {
        guard !queuedInfos.isEmpty else { return }
        sendInfo(queuedInfos.removeFirst())
    }
}
