import Foundation
import Glibc
import SwitchboardTestKit
import Testing

/// Presence in the TUI, in tmux against the real Kamailio: a buddy's status
/// change shows within a second, and `:status set` at the prompt is what
/// another instance sees.
@Suite("TUI presence in tmux")
struct TUIPresenceTmuxTests {
    @Test("bob's status change shows in alice's list within a second; alice's :status set away --note lunch reaches bob")
    func statusBothWays() async throws {
        try await withKamailio { server in
            let binary = BuiltProducts.executable("switchboard").path
            let proxy = "sip:127.0.0.1:\(server.udpPort)"
            let bobPassword = try passwordFile("bobpw")
            let alicePassword = try passwordFile("alicepw")
            defer { unlink(bobPassword); unlink(alicePassword) }
            let bob = try DaemonProcess(arguments: ["--aor", "sip:bob@example.test", "--password-file", bobPassword,
                                                    "--proxy", proxy], name: "bob")
            defer { bob.terminate() }
            try await bob.waitUntilRegistered()
            let bobEnvironment = bob.environment

            let runtimeDirectory = try RuntimeDirectory()
            defer { runtimeDirectory.remove() }
            let runtime = runtimeDirectory.path
            let aliceEnvironment = runtimeDirectory.environment
            let added = try ExternalProcess.run(binary, ["buddy", "add", "sip:bob@example.test", "--name", "Bobby"],
                                                environment: aliceEnvironment)
            try #require(added.status == 0, "\(added.stderr)")
            let tmux = Tmux(socket: runtime + "/tmux.sock")
            defer { tmux.stop() }
            let command = runtimeDirectory.shellPrefix + " \(binary) tui --socket \(runtime)/alice.sock --aor sip:alice@example.test "
                + "--password-file \(alicePassword) --proxy \(proxy)"
            let started = try tmux.run(["new", "-d", "-s", "tui", "-x", "100", "-y", "30", command])
            try #require(started.succeeded, "\(started.stderr)")
            let listed = try await tmux.waitFor { $0.contains("● registered") && $0.contains("Bobby") && $0.contains("● Bobby") }
            try #require(listed.contains("● Bobby"), "bob is listed available:\n\(listed)")

            let set = try ExternalProcess.run(binary, ["status", "set", "busy", "--note", "writing docs", "--socket", bob.socket],
                                              timeout: .seconds(30), environment: bobEnvironment)
            try #require(set.status == 0, "\(set.stderr)")
            let changedAt = ContinuousClock.now
            // the list row, not the event log line: both must say it
            let shown = try await tmux.waitFor(.seconds(1)) { $0.contains("⊘ Bobby") && $0.contains("writing docs") }
            let latency = ContinuousClock.now - changedAt
            #expect(shown.contains("⊘ Bobby") && shown.contains("writing docs"),
                    "shown within a second of bob's PUBLISH being accepted (took \(latency)):\n\(shown)")

            try tmux.keys(":")
            try tmux.type("status set away --note lunch")
            try tmux.keys("Enter")
            // the PUBLISH may still be on its way: look again until it shows (bounded)
            let bobSocket = bob.socket
            /// bob's `watch --once` of alice, again until it shows `text` (or 15 s pass).
            func bobWatchesAlice(until text: String) async throws -> ProcessOutput {
                let deadline = ContinuousClock.now + .seconds(15)
                var watched: ProcessOutput
                repeat {
                    watched = try await Task.detached {
                        try ExternalProcess.run(binary, ["watch", "sip:alice@example.test", "--once", "--json",
                                                         "--socket", bobSocket],
                                                timeout: .seconds(30), environment: bobEnvironment)
                    }.value
                } while !watched.stdout.contains(text) && ContinuousClock.now < deadline
                return watched
            }
            var watched = try await bobWatchesAlice(until: "lunch")
            #expect(watched.status == 0, "\(watched.stderr)")
            #expect(watched.stdout.contains("\"away\"") && watched.stdout.contains("lunch"), "\(watched.stdout)")

            // the note key: a new note, the activity kept
            try tmux.keys("n")
            try tmux.type("back at two")
            try tmux.keys("Enter")
            watched = try await bobWatchesAlice(until: "back at two")
            #expect(watched.stdout.contains("\"away\"") && watched.stdout.contains("back at two"), "\(watched.stdout)")

            // a buddy added at the prompt is watched at once and listed
            try tmux.keys(":")
            try tmux.type("buddy add sip:carol@example.test --name Caz")
            try tmux.keys("Enter")
            let withCarol = try await tmux.waitFor(.seconds(10)) { $0.contains("Caz") }
            #expect(withCarol.contains("Caz") && withCarol.contains("Bobby"), "\(withCarol)")
            try tmux.keys("q")
        }
    }
}
