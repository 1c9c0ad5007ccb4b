import SIPCore

/// Where to send: transport, host and port after any RFC 3263 lookup, and for
/// TLS the name the certificate must carry.
public struct SIPDestination: Hashable, Sendable, CustomStringConvertible {
    public var transport: SIPTransportKind
    /// Address or host name to connect to (resolved by the system resolver).
    public var host: String
    public var port: Int
    /// For TLS: the host name to verify the certificate against and to send
    /// as SNI. RFC 5922 §4 matches the domain of the URI, not the IP the
    /// lookup produced. Nil verifies the IP address in `host` instead.
    public var serverName: String?
    /// The URI said `;transport=udp` (or the user chose UDP): never switch to
    /// TCP for size (RFC 3261 §18.1.1 only applies when UDP was not chosen).
    public var transportPinned: Bool
    /// Explicit opt-out of TLS certificate and host name verification.
    /// Connections made this way report `isInsecure` so the UI can flag them.
    public var insecure: Bool

    public init(transport: SIPTransportKind, host: String, port: Int? = nil, serverName: String? = nil,
                transportPinned: Bool = false, insecure: Bool = false) {
        let bare = host.trimmingBrackets
        self.transport = transport
        self.host = bare
        self.port = port ?? transport.defaultPort
        self.serverName = serverName ?? (SIPAddressText.isIPLiteral(bare) ? nil : bare)
        self.transportPinned = transportPinned
        self.insecure = insecure
    }

    /// The destination a SIP or SIPS URI names without DNS NAPTR/SRV
    /// (RFC 3263 §4.2 with a numeric or A-record host): `sips` or
    /// `;transport=tls` gives TLS, `;transport=tcp` TCP, otherwise UDP.
    /// An explicit `;transport=` pins the transport.
    public init(uri: SIPURI, insecure: Bool = false) {
        let parameter = uri.transportParameter
        let transport: SIPTransportKind
        if uri.isSecure || parameter == "tls" {
            transport = .tls
        } else {
            transport = parameter.flatMap(SIPTransportKind.init(rawValue:)) ?? .udp
        }
        self.init(transport: transport, host: uri.host, port: uri.port,
                  transportPinned: parameter != nil, insecure: insecure)
    }

    /// The same destination over another transport (the size switch of
    /// RFC 3261 §18.1.1 keeps host and port).
    public func over(_ transport: SIPTransportKind) -> SIPDestination {
        var copy = self
        copy.transport = transport
        return copy
    }

    /// TLS without verification.
    public var isInsecure: Bool { transport == .tls && insecure }

    public var description: String {
        let address = SIPSocketAddress(host: host, port: port).description
        return "\(transport.viaToken) \(address)" + (isInsecure ? " (insecure)" : "")
    }
}
