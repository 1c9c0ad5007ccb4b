/// The size rule of RFC 3261 §18.1.1: a request that may not fit a datagram
/// without fragmentation goes over a congestion-controlled transport (TCP)
/// instead, unless UDP was asked for explicitly.
public struct SIPDatagramSizePolicy: Hashable, Sendable {
    /// Requests larger than this go over TCP (1300 when the path MTU is unknown).
    public var maximumDatagramSize: Int
    /// The path MTU, when known.
    public var pathMTU: Int?
    /// A request within this many octets of the path MTU goes over TCP (200).
    public var mtuMargin: Int

    public init(maximumDatagramSize: Int = 1300, pathMTU: Int? = nil, mtuMargin: Int = 200) {
        self.maximumDatagramSize = maximumDatagramSize
        self.pathMTU = pathMTU
        self.mtuMargin = mtuMargin
    }

    /// Whether a message of `size` octets that would go over UDP must be sent
    /// over TCP. Only requests switch (responses follow the request's flow,
    /// §18.2.2), and never when the transport was pinned to UDP.
    public func mustSwitchToStream(size: Int, isRequest: Bool, transportPinned: Bool) -> Bool {
        guard isRequest, !transportPinned else { return false }
        if size > maximumDatagramSize { return true }
        if let pathMTU, size > pathMTU - mtuMargin { return true }
        return false
    }

    /// The transport to use for a message of `size` octets to `destination`.
    public func transport(forSize size: Int, isRequest: Bool, destination: SIPDestination) -> SIPTransportKind {
        guard destination.transport == .udp else { return destination.transport }
        return mustSwitchToStream(size: size, isRequest: isRequest, transportPinned: destination.transportPinned)
            ? .tcp : .udp
    }
}
