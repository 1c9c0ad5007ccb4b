import Foundation

/// A tmux server of its own for driving the TUI in a test (send-keys,
/// capture-pane), killed when dropped, even when the test fails. The
/// session is named "tui".
public final class Tmux {
    public let socket: String
    public init(socket: String) { self.socket = socket }

    @discardableResult
    public func run(_ arguments: [String]) throws -> ProcessOutput {
        try ExternalProcess.run("/usr/bin/tmux", ["-S", socket] + arguments)
    }

    public func screen() throws -> String { try run(["capture-pane", "-p", "-t", "tui"]).stdout }

    public func keys(_ keys: String...) throws { try run(["send-keys", "-t", "tui"] + keys) }

    public func type(_ text: String) throws { try run(["send-keys", "-t", "tui", "-l", text]) }

    /// Waits until the screen satisfies `condition`; the last screen.
    public func waitFor(_ timeout: Duration = .seconds(20), _ condition: (String) -> Bool) async throws -> String {
        var shown = ""
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            shown = try screen()
            if condition(shown) { return shown }
            try await Task.sleep(for: .milliseconds(100))
        }
        return shown
    }

    deinit { _ = try? run(["kill-server"]) }
}
