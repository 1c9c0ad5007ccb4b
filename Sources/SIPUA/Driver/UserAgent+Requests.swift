import SIPCore
import SIPTransaction

extension UserAgent {
    /// Methods this user agent answers today; the calls and presence usages add theirs.
    static let allowedMethods: [SIPMethod] = SessionConfiguration.allowedMethods
        + presenceMethods.filter { !SessionConfiguration.allowedMethods.contains($0) }

    /// A request that started a server transaction. Until the dialog usages
    /// exist: OPTIONS gets 200 with our capabilities (RFC 3261 §11.2), known
    /// methods we do not serve get 405 with Allow, unknown ones 501.
    func handleIncomingRequest(_ request: SIPMessage, on key: TransactionKey) async {
        guard let method = request.method, method != .ack else { return }
        if await routeToCalls(request, on: key, flow: serverFlows[key]) { return }
        if await handlePresenceRequest(request, method: method, on: key) { return }
        var status: Int
        switch method {
        case .options: status = 200
        case .bye, .cancel: status = 481   // no dialog or transaction to end yet
        default: status = method.isKnown ? 405 : 501
        }
        var response = SIPReplyBuilder.reply(to: request, statusCode: status)
        response.headers.add("Allow", Self.allowedMethods.map(\.rawValue).joined(separator: ", "))
        if status == 200 {
            response.headers.add("Accept", "application/sdp")
            response.headers.add("Supported", "outbound, path")
        }
        response.headers.add("User-Agent", configuration.userAgent)
        do {
            await perform(try table.sendResponse(response, on: key))
        } catch {
            logger.debug("response not sent: \(error)")
        }
        emit(.requestAnswered(method: method, statusCode: status))
    }
}
