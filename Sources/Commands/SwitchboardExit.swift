import ArgumentParser

/// The one table of exit codes, shared by every command and documented in
/// `switchboard --help` and the README. Codes only grow; a code never changes
/// meaning once released.
public enum SwitchboardExit: Int32, CaseIterable, Sendable {
    case success = 0
    /// The command ran and judged its input bad (`inspect`: an invalid message).
    case invalidInput = 1
    /// Wrong usage, or a file could not be read or written.
    case usageOrIO = 2
    /// The configuration file or account settings are wrong.
    case configError = 3
    /// Another instance already serves this account's control socket.
    case alreadyRunning = 4
    /// Not possible in the current state ("not registered", "no call to hang up").
    case wrongState = 5
    /// The server rejected our credentials (401/407 after we answered).
    case authFailed = 10
    /// No answer, or no connection to the server (timeout, refused, unreachable).
    case unreachable = 11
    /// The TLS handshake or certificate check failed.
    case tlsFailed = 12
    /// The server answered with an error other than an authentication failure.
    case refused = 13
    /// `call`: the callee is busy (486 Busy Here, 600 Busy Everywhere).
    case busy = 20
    /// `call`: the callee declined (603 Decline).
    case declined = 21
    /// `call`: nobody answered (ring timeout, 480, 408 or 487 from the far end).
    case noAnswer = 22

    public var meaning: String {
        switch self {
        case .success: return "success"
        case .invalidInput: return "the input was judged invalid (inspect)"
        case .usageOrIO: return "usage error, or a file could not be read"
        case .configError: return "configuration error (file, permissions, account settings)"
        case .wrongState: return "not possible in the current state (e.g. not registered)"
        case .alreadyRunning: return "another instance already serves this account"
        case .authFailed: return "authentication failed (wrong user or password)"
        case .unreachable: return "server unreachable or not answering (timeout)"
        case .tlsFailed: return "TLS failure (handshake, certificate, host name)"
        case .refused: return "the server refused the request (other error response)"
        case .busy: return "call: the callee is busy (486, 600)"
        case .declined: return "call: the callee declined (603)"
        case .noAnswer: return "call: no answer (ring timeout, 480, 408, 487)"
        }
    }

    public var exitCode: ExitCode { ExitCode(rawValue) }

    /// The table as text for `--help` and the README.
    public static var table: String {
        allCases.map { status in
            let code = String(status.rawValue)
            return String(repeating: " ", count: 5 - code.count) + code + "  " + status.meaning
        }.joined(separator: "\n")
    }
}
