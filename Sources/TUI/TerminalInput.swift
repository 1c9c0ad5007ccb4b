/// What a driver reads from the terminal side.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case resize(TerminalSize)
    /// SIGINT, SIGTERM or SIGHUP arrived: time to quit cleanly.
    case terminate(signal: Int32)
    /// The terminal went away (stdin closed or hung up).
    case hangup
    /// A line that something in the process wrote to stdout or stderr while
    /// the screen was ours (captured so it cannot scribble over the screen).
    case capturedOutput(String)
}
