import SIPCore

/// Requests within the dialog (RFC 3261 §12.2.1.1).
extension Dialog {
    /// The methods whose requests refresh the remote target and so carry
    /// our Contact (§12.2.1.1 "SHOULD include a Contact header field in any
    /// target refresh requests"), plus those RFC 3515 and RFC 6665 want a
    /// Contact in (REFER, SUBSCRIBE, NOTIFY).
    static let methodsWithContact: Set<SIPMethod> = [.invite, .update, .refer, .subscribe, .notify]

    /// A new request in the dialog; takes the next local CSeq number.
    ///
    /// "Requests within a dialog MUST contain strictly monotonically
    /// increasing and contiguous CSeq sequence numbers (increasing-by-one)";
    /// an empty local sequence number (a UAS that has not sent a request yet)
    /// starts at 1, which §8.1.1.5 allows ("any value ... less than 2**31").
    ///
    /// - Precondition: `method` is neither ACK nor CANCEL, which reuse the
    ///   CSeq number of the INVITE they belong to (`ack(forInvite:branch:)`).
    public mutating func request(_ method: SIPMethod, branch: String) -> SIPMessage {
        precondition(method != .ack && method != .cancel, "ACK and CANCEL take the INVITE's CSeq number")
        return message(method, cseq: CSeq(takeNextSequence(), method), branch: branch)
    }

    /// Counts one more request of ours and returns its CSeq number (for a
    /// request sent again with credentials, which needs a new one, §8.1.3.5).
    public mutating func takeNextSequence() -> UInt32 {
        // 2^31 requests in one dialog is beyond any call; stopping at the cap beats trapping
        let number = min((localSequence ?? 0) + 1, CSeq.maximum)
        localSequence = number
        return number
    }

    /// The ACK for a 2xx to the INVITE with CSeq `inviteSequence` (§13.2.2.4):
    /// built like any request in the dialog, "with the exception of the CSeq
    /// and the header fields related to authentication. The sequence number
    /// of the CSeq header field MUST be the same as the INVITE being
    /// acknowledged, but the CSeq method MUST be ACK." It has its own branch:
    /// it is a transaction of its own, unlike the ACK for a non-2xx.
    public func ack(forInvite inviteSequence: UInt32, branch: String) -> SIPMessage {
        message(.ack, cseq: CSeq(inviteSequence, .ack), branch: branch)
    }

    /// Where the request goes first: the first Route, or the Request-URI
    /// when the route set is empty (§8.1.2, §12.2.1.1).
    public var nextHop: SIPURI { routeSet.first?.uri ?? remoteTarget }

    /// The first proxy of the route set is a strict router (RFC 2543): its
    /// URI lacks `lr`, so it expects to find itself in the Request-URI.
    public var firstHopIsStrictRouter: Bool {
        guard let first = routeSet.first else { return false }
        return !first.uri.parameters.contains("lr")
    }

    private func message(_ method: SIPMethod, cseq: CSeq, branch: String) -> SIPMessage {
        let (requestURI, routes) = addressing()
        var request = SIPMessage.request(method, requestURI)
        request.vias = [RequestVia.via(for: localContact, branch: branch)]
        // "The URI in the To field of the request MUST be set to the remote
        // URI from the dialog state. The tag in the To header field of the
        // request MUST be set to the remote tag of the dialog ID. The From URI
        // ... local URI ... local tag ... If the value of the remote or local
        // tags is null, the tag parameter MUST be omitted"
        var to = remoteURI
        if !id.remoteTag.isEmpty { to.tag = id.remoteTag }
        var from = localURI
        if !id.localTag.isEmpty { from.tag = id.localTag }
        request.to = to
        request.from = from
        request.callID = id.callID
        request.cseq = cseq
        request.routes = routes
        if Self.methodsWithContact.contains(method) { request.contacts = [.address(NameAddr(uri: localContact))] }
        request.headers.add("Max-Forwards", "70")
        return request
    }

    /// Request-URI and Route header values from the remote target and the
    /// route set (§12.2.1.1).
    func addressing() -> (requestURI: SIPURI, routes: [NameAddr]) {
        guard let first = routeSet.first else {
            // "If the route set is empty, the UAC MUST place the remote target
            // URI into the Request-URI. The UAC MUST NOT add a Route header field"
            return (remoteTarget, [])
        }
        if !firstHopIsStrictRouter {
            // "If the route set is not empty, and the first URI in the route
            // set contains the lr parameter ... the UAC MUST place the remote
            // target URI into the Request-URI and MUST include a Route header
            // field containing the route set values in order, including all
            // parameters."
            return (remoteTarget, routeSet)
        }
        // "If the route set is not empty, and its first URI does not contain
        // the lr parameter, the UAC MUST place the first URI from the route
        // set into the Request-URI, stripping any parameters that are not
        // allowed in a Request-URI. The UAC MUST add a Route header field
        // containing the remainder of the route set values in order,
        // including all parameters. The UAC MUST then place the remote target
        // URI into the Route header field as the last value."
        var requestURI = first.uri
        // §19.1.1 Table 1: `method` and the headers component are the parts
        // not allowed in a Request-URI
        requestURI.parameters.removeAll { $0.name.lowercased() == "method" }
        requestURI.headers = []
        return (requestURI, Array(routeSet.dropFirst()) + [NameAddr(uri: remoteTarget)])
    }
}

/// The Via of a request this user agent sends, from its Contact: same host,
/// port and transport. The transport layer may rewrite sent-by once it knows
/// which socket the request leaves from.
enum RequestVia {
    static func via(for contact: SIPURI, branch: String) -> Via {
        let transport = contact.transportParameter?.uppercased() ?? (contact.isSecure ? "TLS" : "UDP")
        var via = Via(transport: transport, host: contact.host, port: contact.port, branch: branch)
        // RFC 3581 §3: over UDP, ask for the port the response must go to
        if transport == "UDP" { via.parameters.setFlag("rport") }
        return via
    }
}
