import SIPCore

/// Writes a MESSAGE request (RFC 3428 §4): a pager-mode instant message
/// outside any dialog, with a `text/plain; charset=UTF-8` body.
public struct MessageRequestBuilder: Sendable {
    public let identity: PresenceIdentity
    public let callID: String
    public let fromTag: String

    public init(identity: PresenceIdentity, callID: String, fromTag: String) {
        self.identity = identity
        self.callID = callID
        self.fromTag = fromTag
    }

    /// RFC 3428 §7 makes 1300 octets the limit for MESSAGE over paths
    /// that may be UDP; longer text belongs in a session (MSRP).
    public static let maximumTextOctets = 1300

    public func request(to target: SIPURI, text: String, cseq: UInt32, branch: String) -> SIPMessage {
        var message = SIPMessage.request(.message, target)
        message.vias = [EventRequestVia.make(from: identity.contact, branch: branch)]
        message.from = NameAddr(displayName: identity.displayName, uri: identity.addressOfRecord,
                                parameters: [SIPParameter("tag", fromTag)])
        message.to = NameAddr(uri: target)
        message.callID = callID
        message.cseq = CSeq(cseq, .message)
        if var proxy = identity.outboundProxy {
            proxy.parameters.setFlag("lr")
            message.routes = [NameAddr(uri: proxy)]
        }
        message.headers.add("Max-Forwards", "70")
        if let agent = identity.userAgent { message.headers.add("User-Agent", agent) }
        message.contentType = MediaType("text", "plain", parameters: [SIPParameter("charset", "UTF-8")])
        message.body = Array(text.utf8)
        return message
    }
}

/// A MESSAGE we received and accepted.
public struct IncomingMessage: Sendable, Equatable {
    public var from: String
    public var fromDisplayName: String?
    public var to: String
    public var text: String
    public var contentType: String
}

/// How sending a MESSAGE ended.
public enum MessageOutcome: Sendable, Equatable {
    /// A 2xx: the recipient (or its server) took it.
    case delivered(statusCode: Int)
    case refused(statusCode: Int, reasonPhrase: String)
    case authenticationFailed(String)
    case timeout
    case transportError(String)
    case notConfigured
}
