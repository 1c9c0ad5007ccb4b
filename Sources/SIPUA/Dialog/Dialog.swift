import SIPCore

/// One dialog: the peer-to-peer relationship an INVITE sets up (RFC 3261
/// §12), as a value. It knows how to address the next request to the peer
/// and whether a request from the peer is in order; what the dialog is used
/// for (the call) lives in `InviteSession`.
///
/// Built by the UAC from a response carrying a To tag (`asCaller`, §12.1.2)
/// or by the UAS from the INVITE it answers (`asCallee`, §12.1.1).
public struct Dialog: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        /// Set up by a provisional response; a final one confirms or ends it.
        case early
        case confirmed
    }

    public internal(set) var state: State
    public let id: DialogID
    /// Our CSeq: the number of the last request we sent in the dialog. Empty
    /// at a UAS until it sends one (§12.1.1).
    public internal(set) var localSequence: UInt32?
    /// The peer's CSeq: the highest number it has sent; empty at a UAC until
    /// the peer's first request (§12.1.2).
    public internal(set) var remoteSequence: UInt32?
    /// Our address (From of our requests), without the tag.
    public let localURI: NameAddr
    /// The peer's address (To of our requests), without the tag.
    public let remoteURI: NameAddr
    /// Where requests go: the peer's Contact, replaced by target refreshes.
    public internal(set) var remoteTarget: SIPURI
    /// The proxies that asked to stay on the path (Record-Route), in the
    /// order our requests visit them.
    public internal(set) var routeSet: [NameAddr]
    /// §12.1.1/§12.1.2: the request went over TLS to a SIPS Request-URI; the
    /// rest of the dialog must then stay on TLS with SIPS URIs (§26.2.2).
    public let isSecure: Bool
    /// Our Contact: sent in target refresh requests and their 2xx, and where
    /// our Via sent-by comes from.
    public internal(set) var localContact: SIPURI
    /// We created the Call-ID: we sent the INVITE that made the dialog.
    /// §14.1 picks the glare retry window from this.
    public let ownsCallID: Bool

    /// The dialog a UAC creates from a response to its INVITE (§12.1.2): a
    /// 2xx makes it confirmed, a 1xx with a To tag early. Nil without a To
    /// tag (a 100 from a proxy, say), which creates no dialog.
    ///
    /// - Parameter overTLS: the INVITE was sent over TLS.
    public static func asCaller(request: SIPMessage, response: SIPMessage, localContact: SIPURI,
                                overTLS: Bool) -> Dialog? {
        guard let code = response.statusCode, code > 100, code < 300,
              let callID = request.callID, let from = request.from, let localTag = from.tag,
              let to = response.to, let remoteTag = to.tag, !remoteTag.isEmpty,
              let cseq = request.cseq, let requestURI = request.requestURI else { return nil }
        // "The route set MUST be set to the list of URIs in the Record-Route
        // header field from the response, taken in reverse order and
        // preserving all URI parameters"
        let routes = Array(response.recordRoutes.reversed())
        // "The remote target MUST be set to the URI from the Contact header
        // field of the response"; a response without one (not allowed for
        // dialog-creating responses, §12.1.1) leaves the Request-URI, the only
        // place known to reach the peer.
        let target = response.contacts.first?.nameAddr?.uri ?? requestURI
        return Dialog(state: code >= 200 ? .confirmed : .early,
                      id: DialogID(callID: callID, localTag: localTag, remoteTag: remoteTag),
                      // "The local sequence number MUST be set to the value of
                      // the sequence number in the CSeq header field of the
                      // request. The remote sequence number MUST be empty."
                      localSequence: cseq.number, remoteSequence: nil,
                      localURI: from.withoutTag, remoteURI: to.withoutTag,
                      remoteTarget: target, routeSet: routes,
                      isSecure: overTLS && requestURI.isSecure,
                      localContact: localContact, ownsCallID: true)
    }

    /// The dialog a UAS creates when it answers an INVITE with a 1xx or 2xx
    /// carrying `localTag` in its To (§12.1.1). Starts early; the 2xx
    /// confirms it. Nil when the request lacks what a dialog is made of.
    ///
    /// - Parameter overTLS: the INVITE arrived over TLS.
    public static func asCallee(request: SIPMessage, localTag: String, localContact: SIPURI,
                                overTLS: Bool) -> Dialog? {
        guard let callID = request.callID, let from = request.from, let to = request.to,
              let cseq = request.cseq, let requestURI = request.requestURI,
              let target = request.contacts.first?.nameAddr?.uri else { return nil }
        // "The route set MUST be set to the list of URIs in the Record-Route
        // header field from the request, taken in order and preserving all
        // URI parameters."
        return Dialog(state: .early,
                      id: DialogID(callID: callID, localTag: localTag, remoteTag: from.tag ?? ""),
                      // "The remote sequence number MUST be set to the value of
                      // the sequence number in the CSeq header field of the
                      // request. The local sequence number MUST be empty."
                      localSequence: nil, remoteSequence: cseq.number,
                      localURI: to.withoutTag, remoteURI: from.withoutTag,
                      remoteTarget: target, routeSet: request.recordRoutes,
                      isSecure: overTLS && requestURI.isSecure,
                      localContact: localContact, ownsCallID: false)
    }

    /// The UAC's early dialog becomes confirmed by a 2xx from the same peer
    /// (§13.2.2.4): "the route set for the dialog MUST be recomputed based on
    /// the 2xx response", and the 2xx's Contact is the remote target.
    public mutating func confirm(with response: SIPMessage) {
        guard state == .early else { return }
        state = .confirmed
        routeSet = Array(response.recordRoutes.reversed())
        if let target = response.contacts.first?.nameAddr?.uri { remoteTarget = target }
    }

    /// The UAS's dialog is confirmed when it sends the 2xx (§12.1.1).
    public mutating func confirm() { state = .confirmed }
}

extension NameAddr {
    /// The address without its tag: the local or remote URI of a dialog,
    /// whose tags live in the dialog id.
    var withoutTag: NameAddr {
        var copy = self
        copy.tag = nil
        return copy
    }
}
