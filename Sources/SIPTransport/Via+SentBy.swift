import SIPCore

// Extensions on SIPCore's Via and SIPMessage for the client side of the
// transport: what the UA writes in its own Via, and what it learns from the
// Via a response brings back.

extension Via {
    /// Writes the transport actually used and its local address as sent-by
    /// (RFC 3261 §18.1.1: the transport fills these in after choosing the
    /// transport) and asks for `rport` (RFC 3581 §3) so that the response
    /// comes back to the port the request left from, through a NAT too.
    public mutating func setSentBy(_ address: SIPSocketAddress, transport: SIPTransportKind,
                                   requestingRport: Bool = true) {
        self.transport = transport.viaToken
        host = address.host
        port = address.port
        if requestingRport {
            // a client writes rport without a value; the server fills it in
            parameters.removeAll { $0.name.lowercased() == "rport" }
            parameters.setFlag("rport")
        }
    }

    /// The address the next hop saw the request come from, read from
    /// `received` (RFC 3261 §18.2.1) and `rport` (RFC 3581 §4) in the top Via
    /// of a response. Nil when the server filled in neither.
    public var observedAddress: SIPObservedAddress? {
        let reportedPort: Int? = (rport ?? nil)
        guard received != nil || reportedPort != nil else { return nil }
        let transportKind = SIPTransportKind(viaToken: transport) ?? .udp
        let sentByPort = port ?? transportKind.defaultPort
        let observed = SIPSocketAddress(host: received ?? host, port: reportedPort ?? sentByPort)
        return SIPObservedAddress(address: observed, sentBy: SIPSocketAddress(host: host, port: sentByPort))
    }
}

/// The public address of the UA as a server saw it (RFC 3581 §4), with what
/// the UA had written, so it can tell whether it is behind a NAT.
public struct SIPObservedAddress: Hashable, Sendable, CustomStringConvertible {
    /// `received` (or the sent-by host) and `rport` (or the sent-by port).
    public var address: SIPSocketAddress
    /// The sent-by the UA wrote in its Via.
    public var sentBy: SIPSocketAddress

    public init(address: SIPSocketAddress, sentBy: SIPSocketAddress) {
        self.address = address
        self.sentBy = sentBy
    }

    /// The server saw another address or port than the one the UA wrote:
    /// there is a NAT on the path, and Contact should carry `address`.
    public var isTranslated: Bool { address != sentBy }

    public var description: String { isTranslated ? "\(address) (sent-by \(sentBy))" : address.description }
}

extension SIPMessage {
    /// Stamps the top Via of a request with the transport used and its local
    /// address, requesting rport. A request without any Via gets one with a
    /// fresh RFC 3261 branch (§8.1.1.7). Responses are left alone: their Via
    /// headers belong to the requester.
    public mutating func stampTopVia(sentBy address: SIPSocketAddress, transport: SIPTransportKind,
                                     requestingRport: Bool = true) {
        guard isRequest else { return }
        if vias.isEmpty {
            vias = [Via(transport: transport.viaToken, host: address.host, branch: SIPIdentifier.branch())]
        }
        vias[0].setSentBy(address, transport: transport, requestingRport: requestingRport)
    }
}
