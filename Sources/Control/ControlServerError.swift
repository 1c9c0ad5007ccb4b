/// Why the control server could not start.
public enum ControlServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Something answered a connect on the path.
    case anotherInstanceRunning(path: String)
    /// The path does not fit in a `sockaddr_un` (107 bytes on Linux, 103 on macOS).
    case pathTooLong(path: String, limit: Int)
    /// A file that is not a socket is in the way; we never delete it.
    case notASocket(path: String)
    /// The socket's directory could be reached by someone else.
    case unsafeDirectory(path: String, reason: String)
    /// A system call failed.
    case systemError(operation: String, path: String, errno: Int32, message: String)
    /// Binding failed for another reason.
    case bindFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .anotherInstanceRunning(let path):
            "another instance is running on \(path)"
        case .pathTooLong(let path, let limit):
            "control socket path is longer than \(limit) bytes: \(path)"
        case .notASocket(let path):
            "\(path) exists and is not a socket; refusing to replace it"
        case .unsafeDirectory(let path, let reason):
            "refusing to use \(path) for the control socket: \(reason)"
        case .systemError(let operation, let path, _, let message):
            "\(operation) \(path): \(message)"
        case .bindFailed(let path, let reason):
            "cannot listen on \(path): \(reason)"
        }
    }
}
