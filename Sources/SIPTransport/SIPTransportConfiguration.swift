/// Settings of a transport layer. Defaults follow the RFCs cited.
public struct SIPTransportConfiguration: Sendable {
    /// The RFC 3261 §18.1.1 switch from UDP to TCP for large requests.
    public var sizePolicy = SIPDatagramSizePolicy()
    /// Keepalive interval and jitter for UDP flows (default about 25 s).
    public var datagramKeepalive = SIPKeepaliveSchedule.datagramDefault
    /// Keepalive interval and jitter for TCP/TLS flows (default about 120 s).
    public var streamKeepalive = SIPKeepaliveSchedule.streamDefault
    /// How long to wait for a pong before the flow counts as failed
    /// (RFC 5626 §4.4.1: 10 s).
    public var pongTimeout: Duration = .seconds(10)
    public var connectTimeout: Duration = .seconds(10)
    public var tlsHandshakeTimeout: Duration = .seconds(10)
    public var tls = SIPTLSSettings()
    /// Ask for rport in every request's Via (RFC 3581 §3).
    public var requestRport = true
    /// Receives every message sent and received, credentials redacted.
    public var traceHook: SIPTraceHook?

    public init() {}
}

/// Trust settings for TLS connections. Verification of the certificate chain
/// and of the host name is always on unless a destination opts out with
/// `insecure`.
public struct SIPTLSSettings: Hashable, Sendable {
    /// A PEM file of CA certificates to trust besides (or instead of) the
    /// system's.
    public var caFile: String?
    /// Trust the system's CA store (Debian: /etc/ssl/certs).
    public var trustsSystemRoots: Bool

    public init(caFile: String? = nil, trustsSystemRoots: Bool = true) {
        self.caFile = caFile
        self.trustsSystemRoots = trustsSystemRoots
    }
}
