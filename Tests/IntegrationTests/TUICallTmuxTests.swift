import Foundation
import Glibc
import SwitchboardTestKit
import Testing

/// The TUI in tmux placing and ending a call from the keyboard against a
/// headless instance through the real Kamailio; and a resize mid-session.
@Suite("TUI calls in tmux")
struct TUICallTmuxTests {
    @Test("a call dialled at the : prompt is answered by a daemon, shown active with its codec, and hung up with h")
    func dialAndHangUp() async throws {
        try await withKamailio { server in
            let binary = BuiltProducts.executable("switchboard").path
            let proxy = "sip:127.0.0.1:\(server.udpPort)"
            let bobPassword = try passwordFile("bobpw")
            let alicePassword = try passwordFile("alicepw")
            defer { unlink(bobPassword); unlink(alicePassword) }
            let bob = try DaemonProcess(arguments: ["--aor", "sip:bob@example.test", "--password-file", bobPassword,
                                                    "--proxy", proxy, "--auto-answer", "--source", "tone:440",
                                                    "--sink", "null"], name: "bob")
            defer { bob.terminate() }
            try await bob.waitUntilRegistered()
            let bobEnvironment = bob.environment

            let runtimeDirectory = try RuntimeDirectory()
            defer { runtimeDirectory.remove() }
            let runtime = runtimeDirectory.path
            let tmux = Tmux(socket: runtime + "/tmux.sock")
            defer { tmux.stop() }
            let command = runtimeDirectory.shellPrefix + " \(binary) tui "
                + "--socket \(runtime)/alice.sock --aor sip:alice@example.test --password-file \(alicePassword) "
                + "--proxy \(proxy)"
            let started = try tmux.run(["new", "-d", "-s", "tui", "-x", "100", "-y", "30", command])
            try #require(started.succeeded, "\(started.stderr)")
            let registered = try await tmux.waitFor { $0.contains("● registered") }
            try #require(registered.contains("● registered"), "\(registered)")

            try tmux.keys(":")
            try tmux.type("dial sip:bob@example.test")
            try tmux.keys("Enter")
            let active = try await tmux.waitFor { $0.contains("active") && $0.contains("bob@example.test") }
            #expect(active.contains("active"), "the call pane shows the call up:\n\(active)")
            let bobCalls = try ExternalProcess.run(binary, ["calls", "--json", "--socket", bob.socket],
                                                   environment: bobEnvironment)
            #expect(bobCalls.stdout.contains("\"connected\""), "bob's daemon has the call: \(bobCalls.stdout)")

            try tmux.keys("h")
            let over = try await tmux.waitFor { $0.contains("no calls") }
            #expect(over.contains("no calls"), "hung up:\n\(over)")
            // the BYE reaches bob: his daemon has no call left
            var bobLeft = -1
            let byeDeadline = ContinuousClock.now + .seconds(10)
            while bobLeft != 0, ContinuousClock.now < byeDeadline {
                let listed = try ExternalProcess.run(binary, ["calls", "--json", "--socket", bob.socket],
                                                     environment: bobEnvironment)
                bobLeft = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [Any])?.count ?? -1
                if bobLeft != 0 { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(bobLeft == 0, "bob's call ended with the BYE")

            // resize while running: the frame is redrawn at the new size
            try tmux.run(["resize-window", "-t", "tui", "-x", "72", "-y", "20"])
            let resized = try await tmux.waitFor(.seconds(5)) { screen in
                screen.split(separator: "\n").count <= 20 && screen.contains("registered")
            }
            let lines = resized.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(resized.contains("registered"), "\(resized)")
            #expect(lines.allSatisfy { $0.count <= 72 }, "\(resized)")
            try tmux.keys("q")
        }
    }
}
