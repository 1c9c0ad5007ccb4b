import SIPCore

/// Writes the SUBSCRIBE requests of one subscription (RFC 6665 §4.1.2).
struct SubscribeRequestBuilder: Sendable {
    let configuration: SubscriptionConfiguration

    /// The identifiers of one subscription attempt: a fresh Call-ID and
    /// From tag for every new subscription (RFC 6665 §4.1.2.2: "an
    /// unrelated initial SUBSCRIBE request with a freshly generated
    /// Call-ID and a new, unique From tag").
    struct Attempt: Equatable, Sendable {
        var callID: String
        var localTag: String
    }

    /// An initial SUBSCRIBE when `dialog` is nil, else one inside it
    /// (refresh, or unsubscribe with `expires` 0).
    func request(_ attempt: Attempt, dialog: SubscriptionDialog?, cseq: UInt32, branch: String,
                 expires: UInt32) -> SIPMessage {
        let config = configuration
        let target = dialog?.requestTarget
        var message = SIPMessage.request(.subscribe, target?.uri ?? config.resource)
        message.vias = [EventRequestVia.make(from: config.contact, branch: branch)]
        message.from = NameAddr(displayName: config.displayName, uri: config.subscriber,
                                parameters: [SIPParameter("tag", attempt.localTag)])
        message.to = NameAddr(uri: config.resource)
        message.to?.tag = dialog?.remoteTag
        message.callID = attempt.callID
        message.cseq = CSeq(cseq, .subscribe)
        // §4.1.2.1: SUBSCRIBE creates a dialog, so it carries a Contact
        message.contacts = [.address(NameAddr(uri: config.contact))]
        if let target {
            message.routes = target.routes
        } else if var proxy = config.outboundProxy {
            // RFC 3261 §8.1.2: a preloaded route outside a dialog
            proxy.parameters.setFlag("lr")
            message.routes = [NameAddr(uri: proxy)]
        }
        message.headers.add("Max-Forwards", "70")
        message.headers.add("Event", config.eventHeader)
        message.headers.add("Expires", String(expires))
        message.headers.add("Accept", config.package.acceptHeader(resourceList: config.resourceList))
        // RFC 4662 §4.1: a list subscriber says it can take list NOTIFYs
        if config.resourceList { message.headers.add("Supported", "eventlist") }
        if let agent = config.userAgent { message.headers.add("User-Agent", agent) }
        return message
    }
}
