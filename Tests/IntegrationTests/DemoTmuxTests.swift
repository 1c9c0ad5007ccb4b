import Foundation
import Glibc
import SwitchboardTestKit
import Testing

/// The README's first command opens the demo (`scripts/demo`): the TUI as
/// alice, registered, with bob and carol in her buddy list; a call to bob is
/// answered; `q` stops everything the demo started.
@Suite("Demo in tmux")
struct DemoTmuxTests {
    @Test("scripts/demo: alice's TUI with bob and carol; a call to bob is answered; q leaves nothing behind")
    func demo() async throws {
        let binary = BuiltProducts.executable("switchboard").path
        let scratch = NSTemporaryDirectory() + "sb-demo-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let tmux = Tmux(socket: scratch + "/tmux.sock")
        defer { tmux.stop() }
        let script = Repository.root.appendingPathComponent("scripts/demo").path
        let command = "env TMPDIR=\(scratch) SWITCHBOARD_BIN=\(binary) LANG=C.UTF-8 \(script) 2>\(scratch)/demo.err"
        let started = try tmux.run(["new", "-d", "-s", "tui", "-x", "110", "-y", "32", command])
        try #require(started.succeeded, "\(started.stderr)")

        let ready = try await tmux.waitFor(.seconds(120)) {
            $0.contains("● registered") && $0.contains("Bob") && $0.contains("Carol")
        }
        let log = (try? String(contentsOfFile: scratch + "/demo.err", encoding: .utf8)) ?? ""
        #expect(ready.contains("● registered"), "\(ready)\n\(log)")
        #expect(ready.contains("Bob") && ready.contains("Carol"), "the buddies are listed:\n\(ready)")

        try tmux.keys(":")
        try tmux.type("dial bob")
        try tmux.keys("Enter")
        let talking = try await tmux.waitFor(.seconds(20)) { $0.contains("active") }
        #expect(talking.contains("active") && talking.contains("PCMU"),
                "bob answers:\n\(talking)\n\(Self.demoLogs(in: scratch))")
        try tmux.keys("h")
        _ = try await tmux.waitFor(.seconds(10)) { $0.contains("no calls") }

        try tmux.keys("q")
        // the demo's directory (Kamailio's state, the daemons' sockets) goes with it
        let deadline = ContinuousClock.now + .seconds(30)
        var left: [String] = []
        repeat {
            try await Task.sleep(for: .milliseconds(200))
            left = ((try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? [])
                .filter { $0.hasPrefix("switchboard-demo.") }
        } while !left.isEmpty && ContinuousClock.now < deadline
        #expect(left.isEmpty, "the demo cleaned up: \(left)\n\(Self.demoLogs(in: scratch))")
        let stray = try ExternalProcess.run("/usr/bin/pgrep", ["-af", scratch]).stdout
            .split(separator: "\n").filter { !$0.contains("tmux") }
        #expect(stray.isEmpty, "no process of the demo is left: \(stray)")
    }

    /// The demo's own stderr and the buddies' logs, for a failure message.
    static func demoLogs(in scratch: String) -> String {
        var text = "demo.err:\n" + ((try? String(contentsOfFile: scratch + "/demo.err", encoding: .utf8)) ?? "(none)")
        let demos = ((try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? [])
            .filter { $0.hasPrefix("switchboard-demo.") }
        for demo in demos {
            for name in ["bob.log", "carol.log"] {
                let path = scratch + "/" + demo + "/" + name
                let body = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(none)"
                text += "\n\(name) (last 20 lines):\n" + body.split(separator: "\n").suffix(20).joined(separator: "\n")
            }
        }
        return text
    }
}
