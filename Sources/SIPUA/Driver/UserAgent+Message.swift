import SIPAuth
import SIPCore
import SIPTransaction

/// Instant messages (RFC 3428 MESSAGE), pager mode: each one a request of
/// its own, outside any dialog.
extension UserAgent {
    /// Sends `text` to `target` from the account, through its outbound
    /// proxy, answering at most one digest challenge (a second one means
    /// the credentials are wrong). Nonces are reused for the next MESSAGE.
    public func sendMessage(account: String, to target: SIPURI, text: String) async -> MessageOutcome {
        guard let identity = presence.identities[account], let route = presence.routes[account] else {
            return .notConfigured
        }
        var random = SystemRandomNumberGenerator()
        let builder = MessageRequestBuilder(identity: identity,
                                            callID: RandomToken.callID(host: identity.contact.host, using: &random),
                                            fromTag: RandomToken.tag(using: &random))
        let digest = DigestRequest(method: SIPMethod.message.rawValue, requestURI: target.description,
                                   body: Array(text.utf8))
        var carried = presence.messageAuthentication[account]?.authorizations(for: digest) ?? []
        var challenged = false
        for cseq in UInt32(1)...2 {
            var request = builder.request(to: target, text: text, cseq: cseq, branch: RandomToken.branch(using: &random))
            EventAuthentication.attach(carried, to: &request)
            switch await self.request(request, to: route) {
            case .timeout:
                return .timeout
            case .transportError(let error):
                return .transportError("\(error)")
            case .response(let response):
                let code = response.statusCode ?? 0
                if (200..<300).contains(code) { return .delivered(statusCode: code) }
                guard code == 401 || code == 407, !challenged,
                      var authentication = presence.messageAuthentication[account] else {
                    if code == 401 || code == 407 { return .authenticationFailed("the server challenged our answer") }
                    return .refused(statusCode: code, reasonPhrase: response.reasonPhrase ?? "")
                }
                challenged = true
                do {
                    carried = try authentication.answer(response, to: digest, carried: carried)
                } catch {
                    return .authenticationFailed("\(error)")
                }
                presence.messageAuthentication[account] = authentication
            }
        }
        return .authenticationFailed("the server kept challenging")
    }

    /// An incoming MESSAGE: text is accepted (200) and reported; other
    /// types get 415 with what we accept (RFC 3428 §7). Text that is not
    /// valid UTF-8 is shown with replacement characters, never dropped.
    func receiveMessage(_ request: SIPMessage, on key: TransactionKey) async {
        let type = request.contentType ?? MediaType("text", "plain")
        guard type.type.lowercased() == "text" else {
            var reply = SIPReplyBuilder.reply(to: request, statusCode: 415)
            reply.headers.add("Accept", "text/plain")
            await respond(reply, on: key)
            emit(.requestAnswered(method: .message, statusCode: 415))
            return
        }
        await respond(SIPReplyBuilder.reply(to: request, statusCode: 200), on: key)
        let message = IncomingMessage(from: request.from?.uri.description ?? "unknown",
                                      fromDisplayName: request.from?.displayName,
                                      to: request.to?.uri.description ?? "", text: String(decoding: request.body, as: UTF8.self),
                                      contentType: type.essence)
        emit(.presence(.messageReceived(message)))
    }
}
