/// Why the TUI could not start or had to stop.
public enum TUIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, or run from a script).
    case notATerminal
    /// curses could not take the terminal (unknown TERM, for instance).
    case cannotStartCurses(String)
    /// A system call needed for the UI thread or its pipes failed.
    case system(String)

    public var description: String {
        switch self {
        case .notATerminal: return "the full-screen interface needs a terminal on stdin and stdout"
        case .cannotStartCurses(let why): return "cannot start the screen: \(why)"
        case .system(let what): return what
        }
    }
}
