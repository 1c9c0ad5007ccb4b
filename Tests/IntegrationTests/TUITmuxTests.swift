import Foundation
import Glibc
import SwitchboardTestKit
import Testing

/// `switchboard tui` in tmux against the real Kamailio: it registers, its
/// control socket answers another process, and `q` quits and cleans up.
@Suite("TUI in tmux")
struct TUITmuxTests {
    @Test("the TUI registers, serves its socket, and quits on q")
    func tuiLifecycle() async throws {
        try await withKamailio { server in
            let password = try passwordFile("carolpw")
            defer { unlink(password) }
            let runtimeDirectory = try RuntimeDirectory()
            defer { runtimeDirectory.remove() }
            let runtime = runtimeDirectory.path
            let binary = BuiltProducts.executable("switchboard").path
            let socket = runtime + "/carol.sock"
            let tmux = Tmux(socket: runtime + "/tmux.sock")
            defer { tmux.stop() }
            let command = runtimeDirectory.shellPrefix + " \(binary) tui "
                + "--socket \(socket) --aor sip:carol@example.test --password-file \(password) "
                + "--proxy sip:127.0.0.1:\(server.udpPort)"
            let started = try tmux.run(["new", "-d", "-s", "tui", "-x", "100", "-y", "30", command])
            try #require(started.succeeded, "\(started.stderr)")

            let shown = try await tmux.waitFor { $0.contains("● registered") }
            #expect(shown.contains("carol@example.test"), "\(shown)")
            #expect(shown.contains("● registered"), "\(shown)")

            let state = try ExternalProcess.run(binary, ["state", "--json", "--socket", socket],
                                                environment: runtimeDirectory.environment)
            #expect(state.status == 0, "\(state.stderr)")
            #expect(state.stdout.contains("\"registered\""))

            try tmux.keys("q")
            let gone = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < gone && FileManager.default.fileExists(atPath: socket) {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(!FileManager.default.fileExists(atPath: socket), "q quits and removes the socket")
        }
    }
}
