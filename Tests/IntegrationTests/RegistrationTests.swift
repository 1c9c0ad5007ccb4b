import Foundation
import Glibc
import Synchronization
import PhoneCore
import SwitchboardTestKit
import Testing

/// `switchboard register` and PhoneCore against the real Kamailio.
@Suite("Registration against Kamailio")
struct RegistrationTests {
    let binary = BuiltProducts.executable("switchboard").path

    func register(_ arguments: [String], timeout: Duration = .seconds(60)) throws -> ProcessOutput {
        try ExternalProcess.run(binary, ["register"] + arguments, timeout: timeout,
                                environment: ["HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"])
    }

    func json(_ text: String) throws -> [String: Any] {
        let line = try #require(text.split(separator: "\n").last.map(String.init))
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test("register --once over UDP and TCP", arguments: ["udp", "tcp"])
    func registerOnce(transport: String) async throws {
        try await withKamailio { server in
            let password = try passwordFile("alicepw")
            defer { try? FileManager.default.removeItem(atPath: password) }
            let run = try register(["--once", "--json", "--aor", "sip:alice@example.test", "--password-file", password,
                                    "--proxy", "sip:127.0.0.1:\(server.udpPort)", "--transport", transport])
            try #require(run.status == 0, "\(run.stderr)")
            let report = try json(run.stdout)
            #expect(report["status"] as? String == "registered")
            #expect(report["transport"] as? String == transport)
            #expect(report["expires"] as? Int == 600)
            #expect(report["unregistered"] as? Bool == true)
            let bindings = try #require(report["bindings"] as? [[String: Any]])
            #expect(bindings.contains { $0["ours"] as? Bool == true })
        }
    }

    @Test("register --once over TLS verifies the server certificate")
    func registerOverTLS() async throws {
        try await withKamailio { server in
            let tlsPort = try #require(server.tlsPort, "kamailio has no TLS module")
            let caFile = try #require(server.caFile)
            let password = try passwordFile("bobpw")
            defer { try? FileManager.default.removeItem(atPath: password) }
            let base = ["--once", "--aor", "sip:bob@example.test", "--password-file", password,
                        "--proxy", "sip:localhost:\(tlsPort)", "--transport", "tls"]
            let verified = try register(base + ["--tls-ca-file", caFile.path])
            #expect(verified.status == 0, "\(verified.stderr)")
            #expect(verified.stdout.contains("registered sip:bob@example.test via tls"))
            let untrusted = try register(base)
            #expect(untrusted.status == 12, "no CA: \(untrusted.stderr)")
            let insecure = try register(base + ["--tls-insecure"])
            #expect(insecure.status == 0, "\(insecure.stderr)")
        }
    }

    @Test("a wrong password exits 10")
    func wrongPassword() async throws {
        try await withKamailio { server in
            let password = try passwordFile("not-alices-password")
            defer { try? FileManager.default.removeItem(atPath: password) }
            let run = try register(["--once", "--aor", "sip:alice@example.test", "--password-file", password,
                                    "--proxy", "sip:127.0.0.1:\(server.udpPort)"])
            #expect(run.status == 10, "\(run.stdout) \(run.stderr)")
            #expect(run.stderr.contains("rejected the credentials"))
        }
    }

    @Test("a server that never answers: Timer F, exit 11")
    func silentServer() throws {
        let silent = try LoopbackSocket.freePort()
        let run = try register(["--once", "--aor", "sip:alice@example.test", "--proxy", "sip:127.0.0.1:\(silent)",
                                "--timer-t1-ms", "20"], timeout: .seconds(30))
        #expect(run.status == 11, "\(run.stderr)")
        #expect(run.stderr.contains("no answer"))
    }

    @Test("unregistering removes the binding (checked with a REGISTER query)")
    func unregisterRemovesBinding() async throws {
        try await withKamailio { server in
            let proxy = "sip:127.0.0.1:\(server.udpPort)"
            let device = PhoneCore(options: fastOptions())
            let id = try await device.addAccount(try testAccount("carol", password: "carolpw", proxy: proxy))
            try await device.register(id)
            let registered = await device.waitForRegistration(id, timeout: .seconds(10)) { $0.status == .registered }
            try #require(registered.status == .registered, "\(registered)")
            let contact = try #require(registered.contact)

            let observer = PhoneCore(options: fastOptions())
            let observerID = try await observer.addAccount(try testAccount("carol", password: "carolpw", proxy: proxy))
            let before = try #require(try await observer.fetchBindings(observerID, timeout: .seconds(10)))
            #expect(before.contains { $0.contact.contains(contact) }, "\(before)")

            await device.shutdown()
            #expect(await device.registration(id)?.status == .unregistered)
            let after = try #require(try await observer.fetchBindings(observerID, timeout: .seconds(10)))
            #expect(!after.contains { $0.contact.contains(contact) }, "\(after)")
            await observer.shutdown()
        }
    }

    @Test("Kamailio restarted under a TCP registration: re-registered without user action")
    func reRegistersAfterServerRestart() async throws {
        let server = try KamailioServer.start()
        var current = server
        defer { try? current.stop(); current.removeStateDirectory() }
        let core = PhoneCore(options: fastOptions())
        let id = try await core.addAccount(try testAccount("dave", password: "davepw",
                                                           proxy: "sip:127.0.0.1:\(server.udpPort)", transport: "tcp"))
        // every state the registration goes through, from the start
        let history = Mutex<[RegistrationSnapshot.Status]>([])
        let events = core.events
        let collector = Task {
            for await event in events {
                if case .registration(_, let snapshot) = event { history.withLock { $0.append(snapshot.status) } }
            }
        }
        defer { collector.cancel() }
        try await core.register(id)
        let first = await core.waitForRegistration(id, timeout: .seconds(10)) { $0.status == .registered }
        try #require(first.status == .registered, "\(first)")
        let registeredOnce = history.withLock { $0.count }

        current = try server.restart()
        // the lost flow is noticed and the registration comes back on its own
        let deadline = ContinuousClock.now + .seconds(20)
        var recovered = false
        while ContinuousClock.now < deadline && !recovered {
            let after = history.withLock { Array($0.dropFirst(registeredOnce)) }
            recovered = after.contains { $0 != .registered } && after.last == .registered
            if !recovered { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(recovered, "states after the restart: \(history.withLock { Array($0.dropFirst(registeredOnce)) })")
        await core.shutdown()
    }

    @Test("an unanswered registration backs off and uses no CPU while waiting")
    func backoffIsIdle() async throws {
        let silent = try LoopbackSocket.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["register", "--aor", "sip:alice@example.test", "--proxy", "sip:127.0.0.1:\(silent)",
                             "--timer-t1-ms", "20", "--retry-base-ms", "2000"]
        process.environment = ["HOME": NSTemporaryDirectory()]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() }; process.waitUntilExit() }
        // Timer F at 64 × 20 ms = 1.28 s, then a backoff wait of 1-2 s: measure 3 s of it
        try await Task.sleep(for: .seconds(1.5))
        let start = try #require(cpuSeconds(of: process.processIdentifier))
        try await Task.sleep(for: .seconds(3))
        let end = try #require(cpuSeconds(of: process.processIdentifier))
        #expect(process.isRunning, "register keeps trying while the server is unreachable")
        #expect(end - start < 0.15, "CPU used while backing off: \(end - start) s in 3 s")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

@Suite("Several accounts")
struct SeveralAccountsTests {
    @Test("two accounts register at once on one PhoneCore, over UDP and TCP")
    func twoAccounts() async throws {
        try await withKamailio { server in
            let proxy = "sip:127.0.0.1:\(server.udpPort)"
            let core = PhoneCore(options: fastOptions())
            let alice = try await core.addAccount(try testAccount("alice", password: "alicepw", proxy: proxy))
            let bob = try await core.addAccount(try testAccount("bob", password: "bobpw", proxy: proxy, transport: "tcp"))
            try await core.register(alice)
            try await core.register(bob)
            for id in [alice, bob] {
                let state = await core.waitForRegistration(id, timeout: .seconds(10)) { $0.status == .registered }
                #expect(state.status == .registered, "\(id): \(state)")
            }
            let snapshot = await core.snapshot()
            #expect(snapshot.accounts.map(\.registration.status) == [.registered, .registered])
            #expect(snapshot.accounts.map(\.transport) == ["udp", "tcp"])
            await core.shutdown()
            #expect(await core.snapshot().accounts.allSatisfy { $0.registration.status == .unregistered })
        }
    }
}
