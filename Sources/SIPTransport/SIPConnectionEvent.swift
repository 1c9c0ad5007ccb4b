/// What happened to a connection. The registration layer watches these to
/// register again as soon as a flow fails and comes back (RFC 5626 §4.4).
public enum SIPConnectionEvent: Sendable, CustomStringConvertible {
    /// Connected and, for TLS, the handshake and verification passed.
    case connected(SIPConnectionInfo)
    /// An attempt to connect failed; `error.kind` is `.tls` for handshake or
    /// certificate failures.
    case failed(SIPDestination, SIPTransportError)
    /// A connection that was up has closed.
    case closed(SIPConnectionInfo, SIPCloseReason)
    /// A keepalive ping was answered (RFC 5626 §4.4.1).
    case keepalivePong(SIPConnectionInfo, roundTrip: Duration)
    /// No pong came in time: the flow is failed and the connection is
    /// closed (a `.closed` event with `.keepaliveTimeout` follows).
    case keepaliveTimeout(SIPConnectionInfo)

    public var description: String {
        switch self {
        case .connected(let info): return "connected \(info)"
        case .failed(let destination, let error): return "failed \(destination): \(error)"
        case .closed(let info, let reason): return "closed \(info): \(reason)"
        case .keepalivePong(let info, let roundTrip): return "pong \(info) in \(roundTrip)"
        case .keepaliveTimeout(let info): return "keepalive timeout \(info)"
        }
    }
}

/// Why a connection closed.
public enum SIPCloseReason: Hashable, Sendable, CustomStringConvertible {
    /// The peer closed it (end of stream).
    case peerClosed
    /// We closed it on request or at shutdown.
    case localClose
    /// The byte stream could not be framed (RFC 3261 §18.3): the connection
    /// is useless afterwards and was closed.
    case framingFailure(String)
    /// No keepalive pong arrived in time (RFC 5626 §4.4.1).
    case keepaliveTimeout
    /// A socket or TLS error.
    case error(SIPTransportError)

    public var description: String {
        switch self {
        case .peerClosed: return "closed by peer"
        case .localClose: return "closed locally"
        case .framingFailure(let detail): return "framing failure: \(detail)"
        case .keepaliveTimeout: return "keepalive timeout"
        case .error(let error): return "error: \(error)"
        }
    }
}
