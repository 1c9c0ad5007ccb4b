import Foundation
import PhoneCore

/// Everything that changes the screen's state. The model is a function of
/// these, so every behaviour is tested by feeding events, no terminal needed.
public enum TUIEvent: Sendable {
    case key(Key)
    case resize(TerminalSize)
    /// PhoneCore's state, mapped for the screen.
    case snapshot(PhoneView, at: Date)
    case phoneEvent(PhoneEvent, at: Date)
    /// Text a command run from the prompt or a key wrote (one or more lines).
    case commandOutput(String, isError: Bool, at: Date)
    /// A command line finished with this exit status (`SwitchboardExit`).
    case commandFinished(line: String, status: Int32, at: Date)
    /// The minute (or, during a call, the second) changed.
    case clock(Date)
    /// SIGINT, SIGTERM or SIGHUP, or the terminal went away: quit now.
    case terminate(reason: String, at: Date)
    /// Something else in the process printed to stdout/stderr.
    case capturedOutput(String, at: Date)
}

/// What the model asks its runner to do.
public enum TUIAction: Sendable, Equatable {
    /// Run a command line of the one grammar on the running PhoneCore.
    case run(String)
    /// Unregister and leave.
    case quit
    case bell
}

/// Which interface the status bar says Switchboard is in.
public enum TUIMode: String, Sendable {
    case sip, mail
}

/// A short message shown in place of the status bar until the next key.
public struct Flash: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
}
