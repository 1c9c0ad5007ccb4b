/// Identifies one TCP or TLS connection for the life of a transport layer.
public struct SIPConnectionID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public var description: String { "conn#\(rawValue)" }
}

/// The path a message took: transport, both ends, and for streams the
/// connection. A response to a request goes back along the same flow
/// (RFC 3261 §18.2.2: over the connection the request came on, or for UDP
/// to its source).
public struct SIPFlow: Hashable, Sendable, CustomStringConvertible {
    public var transport: SIPTransportKind
    public var local: SIPSocketAddress
    public var remote: SIPSocketAddress
    /// Nil for UDP, which has no connection.
    public var connection: SIPConnectionID?
    /// TLS without certificate verification (an explicit opt-out).
    public var isInsecure: Bool

    public init(transport: SIPTransportKind, local: SIPSocketAddress, remote: SIPSocketAddress,
                connection: SIPConnectionID? = nil, isInsecure: Bool = false) {
        self.transport = transport
        self.local = local
        self.remote = remote
        self.connection = connection
        self.isInsecure = isInsecure
    }

    public var description: String {
        let id = connection.map { " \($0)" } ?? ""
        return "\(transport.viaToken) \(local) -> \(remote)\(id)" + (isInsecure ? " (insecure)" : "")
    }
}

/// A connection the layer opened: its flow and the destination it serves.
public struct SIPConnectionInfo: Hashable, Sendable, CustomStringConvertible {
    public var id: SIPConnectionID
    public var destination: SIPDestination
    public var flow: SIPFlow

    public init(id: SIPConnectionID, destination: SIPDestination, flow: SIPFlow) {
        self.id = id
        self.destination = destination
        self.flow = flow
    }

    public var isInsecure: Bool { flow.isInsecure }

    public var description: String { "\(id) \(flow)" }
}
