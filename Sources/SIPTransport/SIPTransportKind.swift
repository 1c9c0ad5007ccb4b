/// The transports a user agent speaks (RFC 3261 §18). SCTP and WebSocket
/// are not offered.
public enum SIPTransportKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case udp
    case tcp
    case tls

    /// The token written in a Via header (`SIP/2.0/UDP`, RFC 3261 §20.42).
    public var viaToken: String { rawValue.uppercased() }

    /// TCP and TLS carry a byte stream that must be framed by Content-Length
    /// (RFC 3261 §18.3); UDP carries one message per datagram.
    public var isStream: Bool { self != .udp }

    /// Default port when a URI names none (RFC 3261 §19.1.2).
    public var defaultPort: Int { self == .tls ? 5061 : 5060 }

    /// The transport a Via token names, if we speak it.
    public init?(viaToken: String) {
        self.init(rawValue: viaToken.lowercased())
    }

    public var description: String { viaToken }
}
