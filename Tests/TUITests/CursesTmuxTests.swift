import Foundation
import PhoneCore
import Testing
@testable import TUI

/// The real curses driver and `TUIApplication.run`, in a real terminal:
/// tmux. This test binary starts itself again inside a detached tmux
/// session to run `screenInsideTmux` (enabled only there, by an environment
/// variable), then types into it with `send-keys` and reads the screen with
/// `capture-pane`. Every wait is bounded; the tmux server is our own
/// (`-L` socket) and is killed afterwards.
@Suite(.serialized) struct CursesTmuxTests {
    static let childVariable = "SWITCHBOARD_TUI_TMUX_CHILD"
    static let pidFileVariable = "SWITCHBOARD_TUI_TMUX_PIDFILE"
    static let environment = ProcessInfo.processInfo.environment
    static let isChild = environment[childVariable] == "1"
    static let tmuxPath: String? = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .map { $0 + "/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs only inside tmux: the full-screen interface on a PhoneCore with
    /// no account (nothing to register, so no server is needed).
    @Test(.enabled(if: isChild)) func screenInsideTmux() async throws {
        if let pidFile = Self.environment[Self.pidFileVariable] {
            try "\(getpid())".write(toFile: pidFile, atomically: true, encoding: .utf8)
        }
        try await TUIApplication.run(core: PhoneCore(), account: "alice", theme: .named("default", environment: [:]),
                                     keys: .defaults, register: false)
        print("TUI-EXITED-CLEANLY")
    }

    @Test(.enabled(if: !isChild && tmuxPath != nil)) func keysPromptResizeAndQuit() throws {
        let session = try TmuxSession(tmux: Self.tmuxPath!, size: TerminalSize(rows: 24, columns: 80))
        defer { session.close() }
        try session.waitFor("no buddies yet")
        let start = session.capture()
        #expect(start.contains("alice: starting…"))
        #expect(start.contains("no calls"))
        #expect(start.contains("? help  : command"))
        // Colours come from the default theme: the focused pane's title is
        // cyan (accent) in reverse video, the other titles white (dim).
        let escapes = session.captureWithEscapes()
        #expect(escapes.contains("36m") || escapes.contains(";36"), "no cyan in:\n\(escapes)")
        #expect(escapes.contains("7m") || escapes.contains(";7"), "no reverse video in:\n\(escapes)")

        session.send(["?"])
        try session.waitFor("Keys (?/F1 closes)")
        session.send(["Escape"])
        try session.waitFor("no buddies yet", absent: "Keys (?/F1 closes)")

        // A command of the grammar, run on this instance; its output lands in the event pane.
        session.send(literal: ":config paths")
        session.send(["Enter"])
        try session.waitFor("runtime: ")
        let paths = session.capture()
        #expect(paths.contains("› config paths"))
        #expect(paths.contains("config:  " + session.home.prefix(20)))   // the pane cuts the rest
        // A line the grammar rejects shows its error and exit status.
        session.send(literal: ":nosuchcommand")
        session.send(["Enter"])
        try session.waitFor("nosuchcommand: exit status 2")

        // Wide characters typed into the prompt arrive whole.
        session.send(literal: ":王小明 ok")
        try session.waitFor(":王小明 ok")
        session.send(["Escape"])

        // Resize: one pane at a time when small, the split again when large.
        session.resize(TerminalSize(rows: 10, columns: 40))
        try session.waitFor("Buddies 0 Calls Events")
        session.resize(TerminalSize(rows: 24, columns: 80))
        try session.waitFor("─ Calls 0 ─")

        session.send(["q"])
        try session.waitFor("EXIT=0")
        let end = session.capture()
        #expect(end.contains("TUI-EXITED-CLEANLY"))
        // The terminal is back to normal: the full screen is gone.
        #expect(!end.contains("no buddies yet"))
    }

    @Test(.enabled(if: !isChild && tmuxPath != nil)) func ctrlCQuitsCleanly() throws {
        let session = try TmuxSession(tmux: Self.tmuxPath!, size: TerminalSize(rows: 10, columns: 40))
        defer { session.close() }
        try session.waitFor("no buddies yet")
        session.send(["C-c"])   // SIGINT from the terminal (cbreak mode keeps it a signal)
        try session.waitFor("EXIT=0")
        #expect(session.capture().contains("TUI-EXITED-CLEANLY"))
    }

    @Test(.enabled(if: !isChild && tmuxPath != nil)) func sigtermRestoresTheTerminal() throws {
        let session = try TmuxSession(tmux: Self.tmuxPath!, size: TerminalSize(rows: 24, columns: 80), noColor: true)
        defer { session.close() }
        try session.waitFor("no buddies yet")
        // NO_COLOR: the mono theme, attributes only, and a note saying so.
        #expect(session.capture().contains("NO_COLOR is set: using the mono theme"))
        let escapes = session.captureWithEscapes()
        #expect(!escapes.contains("36m") && !escapes.contains(";36"))
        let pid = try session.childPID()
        kill(pid, SIGTERM)
        try session.waitFor("EXIT=0")
        let end = session.capture()
        #expect(end.contains("TUI-EXITED-CLEANLY"))
        #expect(!end.contains("no buddies yet"))
    }
}

/// One detached tmux session on a private server, running this test binary's
/// `screenInsideTmux` in a shell that reports the exit status and then waits.
final class TmuxSession {
    let tmux: String
    let socket = "switchboard-tui-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    let home: String
    private let pidFile: String
    private var serverPID: pid_t?
    private var socketPath: String?

    /// - Parameter noColor: run with NO_COLOR=1 (else NO_COLOR is removed).
    init(tmux: String, size: TerminalSize, noColor: Bool = false) throws {
        self.tmux = tmux
        home = FileManager.default.temporaryDirectory.appendingPathComponent("tui-tmux-\(UUID().uuidString)").path
        pidFile = home + "/child.pid"
        try FileManager.default.createDirectory(atPath: home + "/run", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let variables = ["LANG=C.UTF-8", "HOME=\(home)", "XDG_CONFIG_HOME=\(home)/config", "XDG_RUNTIME_DIR=\(home)/run",
                         "\(CursesTmuxTests.childVariable)=1", "\(CursesTmuxTests.pidFileVariable)=\(pidFile)"]
        let colour = noColor ? ["NO_COLOR=1"] : ["-u", "NO_COLOR"]
        let child = (["env"] + colour + variables + [binary, "--testing-library", "swift-testing",
                                            "--filter", "TUITests.CursesTmuxTests/screenInsideTmux"])
            .map(TmuxSession.quoted).joined(separator: " ")
        // The shell keeps the pane open after the program ends, so the test
        // can read the exit status and what the restored terminal shows.
        run(["new-session", "-d", "-s", "tui", "-x", "\(size.columns)", "-y", "\(size.rows)",
             child + "; echo EXIT=$?; sleep 60"])
        let server = run(["display-message", "-p", "-t", "tui", "#{pid} #{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1)
        serverPID = server.first.flatMap { pid_t($0) }
        socketPath = server.count == 2 ? String(server[1]) : nil
    }

    /// Runs tmux on our server and returns what it printed. Spawned with
    /// posix_spawn and waited for with waitpid, output through a file: the
    /// server tmux forks must not hold a pipe of ours open (a read to EOF
    /// would never end), and Foundation's Process waits on a run loop.
    @discardableResult
    func run(_ arguments: [String]) -> String {
        let output = home + "/tmux-output-\(UUID().uuidString)"
        defer { unlink(output) }
        let words = [tmux, "-L", socket, "-f", "/dev/null"] + arguments
        let command = words.map(TmuxSession.quoted).joined(separator: " ") + " >" + TmuxSession.quoted(output) + " 2>/dev/null"
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (word: String) in strdup(word) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    func capture() -> String { run(["capture-pane", "-p", "-t", "tui"]) }
    /// The screen with its SGR escapes (colours and attributes).
    func captureWithEscapes() -> String { run(["capture-pane", "-p", "-e", "-t", "tui"]) }
    func send(_ keys: [String]) { run(["send-keys", "-t", "tui"] + keys) }
    func send(literal text: String) { run(["send-keys", "-t", "tui", "-l", text]) }
    func resize(_ size: TerminalSize) {
        run(["resize-window", "-t", "tui", "-x", "\(size.columns)", "-y", "\(size.rows)"])
    }

    /// Waits (at most 60 s: the machine may be busy building) until the
    /// screen shows `text` and not `absent`.
    func waitFor(_ text: String, absent: String? = nil) throws {
        let deadline = Date().addingTimeInterval(60)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if screen.contains(text) && !(absent.map(screen.contains) ?? false) { return }
            usleep(100_000)
        }
        throw TmuxTimeout(waitingFor: text, screen: screen)
    }

    func childPID() throws -> pid_t {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text) { return pid }
            usleep(100_000)
        }
        throw TmuxTimeout(waitingFor: "the child's pid file", screen: capture())
    }

    /// Stops our tmux server, and makes sure the program in it is gone too
    /// (waiting up to 3 s each before SIGKILL), and its socket file.
    func close() {
        run(["kill-server"])
        for pid in [childPIDIfKnown(), serverPID].compactMap({ $0 }) {
            var waited = 0
            while TmuxSession.isRunning(pid) && waited < 30 {
                usleep(100_000)
                waited += 1
            }
            if TmuxSession.isRunning(pid) { kill(pid, SIGKILL) }
        }
        if let socketPath { unlink(socketPath) }
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Alive and not a zombie (an exited process whose parent has not
    /// collected it yet is gone for our purposes).
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    private func childPIDIfKnown() -> pid_t? {
        (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0) }
    }
}

struct TmuxTimeout: Error, CustomStringConvertible {
    var waitingFor: String
    var screen: String
    var description: String { "timed out waiting for \"\(waitingFor)\"; the screen was:\n\(screen)" }
}
