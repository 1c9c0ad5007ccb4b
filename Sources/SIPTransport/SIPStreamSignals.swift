/// Pipeline events between the stream handlers of one connection.

/// The stream handler saw a lone CRLF: a keepalive pong (RFC 5626 §4.4.1).
struct SIPStreamPongSignal: Sendable {}

/// A handler is about to close the connection and says why, so that the
/// connection monitor reports the right reason once it is closed.
struct SIPCloseCause: Sendable {
    var reason: SIPCloseReason
}

/// Starts or stops the ping/pong keepalive of a connection.
enum SIPStreamKeepaliveCommand: Sendable {
    case start(SIPConnectionInfo, schedule: SIPKeepaliveSchedule, pongTimeout: Duration)
    case stop
}

/// RFC 5626 §4.4.1: a ping is a double CRLF, a pong a single CRLF.
enum SIPKeepaliveOctets {
    static let ping: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
    static let pong: [UInt8] = [0x0D, 0x0A]
}
