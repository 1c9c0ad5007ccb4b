import SIPCore

/// Writes the PUBLISH requests of one publication (RFC 3903 §4). What stays
/// the same from one PUBLISH to the next (Call-ID, From tag, Request-URI)
/// comes from here; CSeq, branch, SIP-If-Match, Expires and body vary.
struct PublishRequestBuilder: Sendable {
    let configuration: PublicationConfiguration
    let callID: String
    let fromTag: String

    /// The four kinds of PUBLISH (RFC 3903 §4.2 to §4.5).
    enum Kind: Equatable, Sendable {
        /// No SIP-If-Match, with the document.
        case initial
        /// SIP-If-Match, no body: only extends the lifetime (§4.3).
        case refresh
        /// SIP-If-Match and a new document (§4.4).
        case modify
        /// SIP-If-Match, Expires 0, no body (§4.5).
        case remove

        var carriesDocument: Bool { self == .initial || self == .modify }
    }

    func request(_ kind: Kind, cseq: UInt32, branch: String, entityTag: String?, expires: UInt32,
                 document: EventBody?) -> SIPMessage {
        let config = configuration
        // §4: "The Request-URI ... is the address-of-record of the resource
        // for which event state is published"; From and To name it too
        var message = SIPMessage.request(.publish, config.addressOfRecord)
        message.vias = [EventRequestVia.make(from: config.localAddress, branch: branch)]
        message.to = NameAddr(displayName: config.displayName, uri: config.addressOfRecord)
        message.from = NameAddr(displayName: config.displayName, uri: config.addressOfRecord,
                                parameters: [SIPParameter("tag", fromTag)])
        message.callID = callID
        message.cseq = CSeq(cseq, .publish)
        if var proxy = config.outboundProxy {
            proxy.parameters.setFlag("lr")
            message.routes = [NameAddr(uri: proxy)]
        }
        message.headers.add("Max-Forwards", "70")
        message.headers.add("Event", config.package.name)
        message.headers.add("Expires", String(kind == .remove ? 0 : expires))
        if kind != .initial, let entityTag { message.headers.add("SIP-If-Match", entityTag) }
        if let agent = config.userAgent { message.headers.add("User-Agent", agent) }
        if kind.carriesDocument, let document {
            message.contentType = document.contentType
            message.body = document.bytes
        }
        return message
    }
}
