import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    /// Kills the server and waits (up to `timeout`) until the processes it
    /// ran are gone: a TUI still shutting down would otherwise write into a
    /// runtime directory the test has already removed.
    public func stop(timeout: Duration = .seconds(10)) {
        let panes = (try? run(["list-panes", "-a", "-F", "#{pane_pid}"]).stdout) ?? ""
        let shells = panes.split(separator: "\n").compactMap { pid_t($0) }
        let children = shells.flatMap(Self.children(of:))
        _ = try? run(["kill-server"])
        let deadline = ContinuousClock.now + timeout
        while (shells + children).contains(where: { kill($0, 0) == 0 }), ContinuousClock.now < deadline {
            usleep(20_000)
        }
    }

    /// The direct children of `pid` (from /proc), e.g. the TUI under the pane's shell.
    static func children(of pid: pid_t) -> [pid_t] {
        let path = "/proc/\(pid)/task/\(pid)/children"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    deinit { stop() }
}
