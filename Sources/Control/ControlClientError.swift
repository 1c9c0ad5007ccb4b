/// Why a client could not reach the instance or get an answer.
public enum ControlClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing listens on the path (no socket file, or a stale one).
    case notRunning(path: String)
    /// The socket or its directory belongs to someone else.
    case permissionDenied(path: String)
    /// The path does not fit in a `sockaddr_un`.
    case pathTooLong(path: String, limit: Int)
    /// No connection or no reply within the time allowed.
    case timedOut(after: Duration)
    /// The connection closed before the reply came.
    case connectionClosed
    /// The server sent something that is not the protocol.
    case protocolViolation(String)
    /// Connecting failed for another reason.
    case connectFailed(path: String, reason: String)
    /// The task waiting for the reply was cancelled.
    case cancelled

    public var description: String {
        switch self {
        case .notRunning(let path): "switchboard is not running (no control socket at \(path))"
        case .permissionDenied(let path): "permission denied: \(path) belongs to another user"
        case .pathTooLong(let path, let limit): "control socket path is longer than \(limit) bytes: \(path)"
        case .timedOut(let duration): "no answer from the control socket within \(duration)"
        case .connectionClosed: "the control connection closed"
        case .protocolViolation(let detail): "the control socket sent something unexpected: \(detail)"
        case .connectFailed(let path, let reason): "cannot connect to \(path): \(reason)"
        case .cancelled: "cancelled while waiting for the control socket"
        }
    }
}
