import SIPCore

/// The responses this session sends.
extension InviteSession {
    /// A response to a request of this call (§8.2.6). Our tag goes into To
    /// where the request had none: the initial INVITE and its CANCEL, whose
    /// responses "SHOULD be the same" tag (§9.2).
    func response(to request: SIPMessage, statusCode: Int) -> SIPMessage {
        var response = SIPReplyBuilder.reply(to: request, statusCode: statusCode, toTag: localTag)
        if let agent = configuration.userAgent { response.headers.add("Server", agent) }
        // §8.2.1: a 405 "MUST contain an Allow header field"
        if statusCode == 405 { response.headers.add("Allow", SessionConfiguration.allowHeaderValue) }
        return response
    }

    /// A response to an INVITE that sets up or confirms its dialog, or
    /// answers a target refresh: it carries our Contact (§12.1.1, §13.3.1.4
    /// "The 2xx response ... MUST contain a Contact"), and for the initial
    /// INVITE the Record-Route values, copied so the caller learns the same
    /// route set (§12.1.1: "MUST copy all Record-Route header field values
    /// from the request into the response").
    func dialogResponse(to invite: SIPMessage, statusCode: Int, body: MessageBody?) -> SIPMessage {
        var response = response(to: invite, statusCode: statusCode)
        response.contacts = [.address(NameAddr(uri: configuration.contact))]
        if invite.to?.tag == nil { response.recordRoutes = invite.recordRoutes }
        if (200..<300).contains(statusCode) {
            response.headers.add("Allow", SessionConfiguration.allowHeaderValue)
        }
        response.setBody(body)
        return response
    }

    mutating func respond(to request: SIPMessage, statusCode: Int) {
        emit(.sendResponse(response(to: request, statusCode: statusCode)))
    }
}
