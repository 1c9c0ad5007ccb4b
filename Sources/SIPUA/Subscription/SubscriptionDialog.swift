import SIPCore

/// The dialog a subscription lives in (RFC 6665 §4.4.1): the peer's tag,
/// where in-dialog requests go, and the order check on its NOTIFYs. Our
/// side (Call-ID, local tag, CSeq) belongs to the subscription attempt,
/// which exists before the dialog does.
struct SubscriptionDialog: Equatable, Sendable {
    var remoteTag: String
    /// The peer's Contact: the Request-URI of refreshes (RFC 3261 §12.2.1.1).
    var remoteTarget: SIPURI
    /// Route headers for in-dialog requests, first hop first.
    var routeSet: [NameAddr]
    /// The CSeq of the last NOTIFY accepted (RFC 3261 §12.2.2).
    var remoteCSeq: UInt32?

    /// From a 2xx to our SUBSCRIBE, as a UAC (RFC 3261 §12.1.2): route set
    /// from Record-Route reversed, remote target from Contact. Nil without
    /// a To tag, which a dialog cannot be identified without.
    init?(response: SIPMessage, requestURI: SIPURI) {
        guard let tag = response.to?.tag, !tag.isEmpty else { return nil }
        remoteTag = tag
        remoteTarget = response.contacts.first?.nameAddr?.uri ?? requestURI
        routeSet = response.recordRoutes.reversed()
        remoteCSeq = nil
    }

    /// From a NOTIFY that came before the 2xx (RFC 6665 §4.1.2.4). The
    /// NOTIFY is a request to us, so the dialog is built as a UAS builds
    /// it (RFC 3261 §12.1.1): Record-Route in the order received.
    init?(notify: SIPMessage) {
        guard let tag = notify.from?.tag, !tag.isEmpty,
              let target = notify.contacts.first?.nameAddr?.uri ?? notify.from?.uri else { return nil }
        remoteTag = tag
        remoteTarget = target
        routeSet = notify.recordRoutes
        remoteCSeq = notify.cseq?.number
    }

    /// Request-URI and Route headers of an in-dialog request (RFC 3261
    /// §12.2.1.1): loose routing keeps the remote target as Request-URI;
    /// a strict router first hop becomes the Request-URI instead.
    var requestTarget: (uri: SIPURI, routes: [NameAddr]) {
        guard let first = routeSet.first else { return (remoteTarget, []) }
        if first.uri.parameters.contains("lr") { return (remoteTarget, routeSet) }
        var uri = first.uri
        // "stripped of any parameters that are not allowed in a Request-URI"
        uri.headers = []
        return (uri, Array(routeSet.dropFirst()) + [NameAddr(uri: remoteTarget)])
    }
}
