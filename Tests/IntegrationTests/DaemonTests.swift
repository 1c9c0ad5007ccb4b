import Control
import Foundation
import Glibc
import PhoneCore
import Synchronization
import SwitchboardTestKit
import Testing

/// `switchboard daemon` against the real Kamailio: registered, reachable by
/// one-shot commands, cleanly unregistered, surviving a server restart, and
/// unmoved by bad input on its socket.
@Suite("Daemon and control socket")
struct DaemonTests {
    let binary = BuiltProducts.executable("switchboard").path

    func account(_ user: String, _ server: KamailioServer, transport: String = "udp") throws -> (args: [String], password: String) {
        let password = try passwordFile(server.account(user)?.password ?? "")
        return (["--aor", "sip:\(user)@example.test", "--password-file", password,
                 "--proxy", "sip:127.0.0.1:\(server.udpPort)", "--transport", transport], password)
    }

    func oneShot(_ arguments: [String], daemon: DaemonProcess) throws -> ProcessOutput {
        try ExternalProcess.run(binary, arguments, timeout: .seconds(60),
                                environment: daemon.environment)
    }

    @Test("daemon registers, state --json from another process shows it, SIGTERM unregisters")
    func daemonLifecycle() async throws {
        try await withKamailio { server in
            let (args, password) = try account("alice", server)
            defer { unlink(password) }
            let daemon = try DaemonProcess(arguments: args + ["--retry-base-ms", "300"])
            defer { daemon.terminate() }
            try await daemon.waitUntilServing()

            let state = try oneShot(["state", "--json", "--socket", daemon.socket, "--wait", "registered:10"], daemon: daemon)
            try #require(state.status == 0, "\(state.stderr)\n\(daemon.log)")
            let snapshot = try JSONDecoder().decode(PhoneSnapshot.self, from: Data(state.stdout.utf8))
            #expect(snapshot.accounts.first?.registration.status == .registered)
            let contact = try #require(snapshot.accounts.first?.registration.contact)

            // the binding is on the server (asked by somebody else)
            let observer = PhoneCore(options: fastOptions())
            let observerID = try await observer.addAccount(try testAccount("alice", password: "alicepw",
                                                                           proxy: "sip:127.0.0.1:\(server.udpPort)"))
            let before = try #require(try await observer.fetchBindings(observerID, timeout: .seconds(10)))
            #expect(before.contains { $0.contact.contains(contact) })

            #expect(daemon.terminate() == 0, "\(daemon.log)")
            #expect(!FileManager.default.fileExists(atPath: daemon.socket), "the socket file is removed")
            let after = try #require(try await observer.fetchBindings(observerID, timeout: .seconds(10)))
            #expect(!after.contains { $0.contact.contains(contact) }, "SIGTERM unregistered: \(after)")
            await observer.shutdown()
        }
    }

    @Test("Kamailio restarted: the daemon re-registers and an events client sees it")
    func restartSeenByEventsClient() async throws {
        let server = try KamailioServer.start()
        var current = server
        defer { try? current.stop(); current.removeStateDirectory() }
        let (args, password) = try account("bob", server, transport: "tcp")
        defer { unlink(password) }
        let daemon = try DaemonProcess(arguments: args + ["--retry-base-ms", "300"])
        defer { daemon.terminate() }
        try await daemon.waitUntilRegistered()

        let client = try await ControlClient.connect(to: daemon.socket)
        try await client.subscribe(.names(["registration"]))
        let seen = Mutex<[String]>([])
        let reader = Task {
            for await event in client.events {
                seen.withLock { $0.append(event.data["registration"]?["status"]?.stringValue ?? "?") }
            }
        }
        defer { reader.cancel() }

        current = try server.restart()
        let deadline = ContinuousClock.now + .seconds(20)
        var statuses: [String] = []
        while ContinuousClock.now < deadline {
            statuses = seen.withLock { $0 }
            if statuses.contains(where: { $0 != "registered" }) && statuses.last == "registered" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(statuses.contains { $0 != "registered" }, "the loss is an event: \(statuses)")
        #expect(statuses.last == "registered", "re-registered on its own: \(statuses)\n\(daemon.log)")
        await client.close()
    }

    @Test("bad input on the socket gets errors or a closed connection; the daemon keeps serving")
    func badInput() async throws {
        try await withKamailio { server in
            let (args, password) = try account("carol", server)
            defer { unlink(password) }
            let daemon = try DaemonProcess(arguments: args)
            defer { daemon.terminate() }
            try await daemon.waitUntilRegistered()

            let raw = try RawUnixSocket(path: daemon.socket)
            raw.send(Array("this is not json\n".utf8))
            #expect(raw.readLine()?.contains("\"bad-json\"") == true)
            raw.send(Array("{\"id\":1,\"command\":\"no-such-command --json\"}\n".utf8))
            let unknown = try #require(raw.readLine())
            #expect(unknown.contains("\"ok\":false") && unknown.contains("\"code\":2"), "\(unknown)")
            raw.send(Array("{\"id\":2,\"command\":\"state --json\"}\n".utf8))
            #expect(raw.readLine()?.contains("\"ok\":true") == true, "the same connection still serves")

            let huge = try RawUnixSocket(path: daemon.socket)
            huge.send(Array("{\"id\":3,\"command\":\"".utf8) + [UInt8](repeating: 0x61, count: 2 << 20))
            #expect(huge.isClosedByPeer(), "a line over the limit closes the connection")

            do {
                let half = try RawUnixSocket(path: daemon.socket)
                half.send(Array("{\"id\":4,\"comm".utf8))
            }   // closed mid-line

            // 100 clients at once, each gets its own answer
            let socketPath = daemon.socket
            let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let client = try await ControlClient.connect(to: socketPath, timeout: .seconds(10))
                        defer { Task { await client.close() } }
                        let reply = try await client.send(index.isMultiple(of: 2) ? "state --json" : "bogus", timeout: .seconds(30))
                        switch reply {
                        case .ok(let data): return index.isMultiple(of: 2) && data["accounts"] != nil
                        case .failure(let error): return !index.isMultiple(of: 2) && error.code == .number(2)
                        }
                    }
                }
                var all: [Bool] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            #expect(answers.count == 100 && answers.allSatisfy { $0 })

            let after = try oneShot(["state", "--json", "--socket", daemon.socket], daemon: daemon)
            #expect(after.status == 0)
            #expect(after.stdout.contains("\"registered\""), "state kept: \(after.stdout)")
            #expect(daemon.isRunning)
        }
    }

    @Test("daemon --detach returns once the socket answers and leaves a PID file")
    func detach() async throws {
        try await withKamailio { server in
            let (args, password) = try account("dave", server)
            defer { unlink(password) }
            let runtimeDirectory = try RuntimeDirectory()
            defer { runtimeDirectory.remove() }
            let runtime = runtimeDirectory.path
            let socket = runtime + "/dave.sock"
            let started = try ExternalProcess.run(binary, ["daemon", "--detach", "--socket", socket] + args,
                                                  timeout: .seconds(30), environment: runtimeDirectory.environment)
            try #require(started.status == 0, "\(started.stderr)")
            let pidText = try String(contentsOfFile: runtime + "/dave.pid", encoding: .utf8)
            let pid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
            defer { kill(pid, SIGKILL) }
            #expect(kill(pid, 0) == 0, "the daemon runs in the background")
            #expect(getsid(pid) == pid, "in a session of its own")
            let state = try ExternalProcess.run(binary, ["state", "--socket", socket, "--wait", "registered:10"],
                                                environment: runtimeDirectory.environment)
            #expect(state.status == 0, "\(state.stderr)")
            kill(pid, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(10)
            while kill(pid, 0) == 0 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            #expect(kill(pid, 0) != 0, "SIGTERM stops it")
            #expect(!FileManager.default.fileExists(atPath: runtime + "/dave.pid"), "the PID file is removed")
        }
    }
}
