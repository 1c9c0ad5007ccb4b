import NIOCore

/// An IP address and port as text, the form SIP writes them in Via
/// `received`/`rport` and sent-by (RFC 3261 §18.2.1, RFC 3581).
public struct SIPSocketAddress: Hashable, Sendable, CustomStringConvertible {
    /// IPv4 dotted quad or IPv6 address without brackets.
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The address of a NIO socket address; nil for Unix domain sockets.
    public init?(_ address: SocketAddress?) {
        guard let address, let ip = address.ipAddress, let port = address.port else { return nil }
        self.init(host: ip, port: port)
    }

    /// `host:port`, IPv6 in brackets as in a SIP sent-by.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// A wildcard bind address (0.0.0.0 or ::) is no address a peer can reach.
    public var isUnspecified: Bool {
        host == "0.0.0.0" || host == "::" || host == "0:0:0:0:0:0:0:0"
    }
}

enum SIPAddressText {
    /// True for IPv4 and IPv6 literals: TLS verifies those against the
    /// certificate's IP entries and must not send them as SNI (RFC 6066 §3).
    static func isIPLiteral(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host.trimmingBrackets, port: 0)) != nil
    }
}

extension String {
    /// `[::1]` → `::1`, as URIs write IPv6 hosts.
    var trimmingBrackets: String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
