import Foundation
import Store
import Glibc
import PhoneCore
import SwitchboardTestKit
import Testing

/// The presence commands run headless against Kamailio: `status set` twice
/// modifies one publication through the SIP-ETag in the state directory,
/// `message` reaches a registered buddy, `watchers` lists who watches.
@Suite("Presence commands against Kamailio")
struct PresenceCommandTests {
    let binary = BuiltProducts.executable("switchboard").path

    func run(_ arguments: [String], user: String, server: KamailioServer, password: String,
             environment: [String: String]) throws -> ProcessOutput {
        try ExternalProcess.run(binary, arguments + ["--aor", "sip:\(user)@example.test", "--password-file", password,
                                                     "--proxy", "sip:127.0.0.1:\(server.udpPort)"],
                                timeout: .seconds(90), environment: environment)
    }

    @Test("headless status set keeps the SIP-ETag; the next run modifies the same publication")
    func headlessStatusResumesPublication() async throws {
        try await withKamailio { server in
            let password = try passwordFile("carolpw")
            let watcherPassword = try passwordFile("davepw")
            let runtime = NSTemporaryDirectory() + "sb-presence-\(UUID().uuidString)"
            defer { unlink(password); unlink(watcherPassword); try? FileManager.default.removeItem(atPath: runtime) }
            let environment = DaemonProcess.environment(runtime: runtime)
            let trace = runtime + "/trace.sip"
            try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)

            let first = try run(["status", "set", "away", "--note", "first", "--json", "--sip-trace", trace],
                                user: "carol", server: server, password: password, environment: environment)
            try #require(first.status == 0, "\(first.stderr)")
            let tagFile = runtime + "/state/switchboard/publication-sip_carol@example.test.etag"
            let tag = try String(contentsOfFile: tagFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!tag.isEmpty)

            let second = try run(["status", "set", "busy", "--note", "second", "--sip-trace", trace],
                                 user: "carol", server: server, password: password, environment: environment)
            try #require(second.status == 0, "\(second.stderr)")
            let sent = try String(contentsOfFile: trace, encoding: .utf8)
            #expect(sent.contains("SIP-If-Match: \(tag)"), "the second run modified the stored publication")
            let newTag = try String(contentsOfFile: tagFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(newTag != tag, "every successful PUBLISH brings a new tag (RFC 3903 §6)")

            // a headless run leaves the status in place for watchers
            let watch = try run(["watch", "sip:carol@example.test", "--once", "--json"],
                                user: "dave", server: server, password: watcherPassword, environment: environment)
            try #require(watch.status == 0, "\(watch.stderr)")
            let seen = try JSONDecoder().decode(BuddySnapshot.self, from: Data(watch.stdout.utf8))
            #expect(seen.status == "busy" && seen.note == "second", "\(seen)")

            let bad = try run(["status", "set", "partying"], user: "carol", server: server, password: password,
                              environment: environment)
            #expect(bad.status == 2, "an unknown activity is a usage error: \(bad.stderr)")
        }
    }

    @Test("message reaches a registered buddy; watchers lists who watches")
    func messageAndWatchers() async throws {
        try await withKamailio { server in
            let password = try passwordFile("alicepw")
            let runtime = NSTemporaryDirectory() + "sb-presence-\(UUID().uuidString)"
            defer { unlink(password); try? FileManager.default.removeItem(atPath: runtime) }
            let environment = DaemonProcess.environment(runtime: runtime)
            let bob = PhoneCore(options: fastOptions())
            let bobID = try await bob.addAccount(try testAccount("bob", password: "bobpw",
                                                                  proxy: "sip:127.0.0.1:\(server.udpPort)"))
            let events = bob.events
            try await bob.register(bobID)
            #expect(await bob.waitForRegistration(bobID, timeout: .seconds(20)) { $0.status == .registered }.status
                    == .registered)
            _ = try await bob.watch(["sip:alice@example.test"], account: bobID)
            _ = await bob.waitForBuddies(["sip:alice@example.test"], account: bobID, timeout: .seconds(20))

            let sent = try run(["message", "sip:bob@example.test", "hello bob, ünïcode", "--json"],
                               user: "alice", server: server, password: password, environment: environment)
            try #require(sent.status == 0, "\(sent.stderr)")
            var received: MessageRecord?
            for await event in events {
                if case .presence(.message(let message)) = event, message.direction == "in" {
                    received = message
                    break
                }
            }
            #expect(received?.text == "hello bob, ünïcode")
            #expect(received?.peer == "sip:alice@example.test")

            let nobody = try run(["message", "sip:nobody@example.test", "hi"], user: "alice", server: server,
                                 password: password, environment: environment)
            #expect(nobody.status == 13, "not registered anywhere: refused (\(nobody.stderr))")

            // both kept in alice's history: delivered and not delivered
            let kept = try ExternalProcess.run(binary, ["messages", "sip:bob@example.test", "--json"], environment: environment)
            #expect(kept.status == 0 && kept.stdout.contains("hello bob, ünïcode") && kept.stdout.contains("\"delivered\""),
                    "\(kept.stdout) \(kept.stderr)")
            let records = try JSONDecoder().decode([InstantMessage].self, from: Data(kept.stdout.utf8))
            #expect(records.map(\.state) == [.delivered(statusCode: 200)], "the stored record, status code included")
            let failed = try ExternalProcess.run(binary, ["messages", "sip:nobody@example.test"], environment: environment)
            #expect(failed.stdout.contains("(not delivered)"), "\(failed.stdout)")

            let watchers = try run(["watchers", "--json"], user: "alice", server: server, password: password,
                                   environment: environment)
            try #require(watchers.status == 0, "\(watchers.stderr)")
            let list = try JSONDecoder().decode([WatcherSnapshot].self, from: Data(watchers.stdout.utf8))
            #expect(list.contains { $0.uri.contains("bob@example.test") && $0.status == "active" }, "\(list)")
            await bob.shutdown()
        }
    }

    @Test("watch without --once against a running instance prints the buddy's updates as they come")
    func watchThroughTheDaemon() async throws {
        try await withKamailio { server in
            let password = try passwordFile("alicepw")
            defer { unlink(password) }
            let daemon = try DaemonProcess(arguments: ["--aor", "sip:alice@example.test", "--password-file", password,
                                                       "--proxy", "sip:127.0.0.1:\(server.udpPort)"])
            defer { daemon.terminate() }
            try await daemon.waitUntilRegistered()
            let environment = daemon.environment

            let output = NSTemporaryDirectory() + "sb-watch-\(UUID().uuidString).out"
            try #require(FileManager.default.createFile(atPath: output, contents: nil))
            defer { unlink(output) }
            let watch = Process()
            watch.executableURL = URL(fileURLWithPath: binary)
            watch.arguments = ["watch", "sip:bob@example.test", "--json", "--socket", daemon.socket]
            watch.environment = environment
            watch.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            try watch.run()
            defer { if watch.isRunning { watch.terminate() } }

            let bob = PhoneCore(options: fastOptions())
            let bobID = try await bob.addAccount(try testAccount("bob", password: "bobpw",
                                                                  proxy: "sip:127.0.0.1:\(server.udpPort)"))
            try await bob.register(bobID)
            _ = await bob.waitForRegistration(bobID, timeout: .seconds(20)) { $0.status == .registered }
            try await bob.setStatus(OwnStatus(activity: "vacation", note: "beach"), account: bobID)

            let deadline = ContinuousClock.now + .seconds(20)
            var lines: [BuddySnapshot] = []
            while ContinuousClock.now < deadline {
                let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                lines = text.split(separator: "\n").compactMap {
                    try? JSONDecoder().decode(BuddySnapshot.self, from: Data($0.utf8))
                }
                if lines.contains(where: { $0.note == "beach" }) { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(lines.first?.uri == "sip:bob@example.test", "the instance's answer comes first: \(lines)")
            #expect(lines.contains { $0.status == "away" && $0.note == "beach" }, "vacation reads as away: \(lines)")
            watch.terminate()
            watch.waitUntilExit()
            #expect(watch.terminationStatus == 0)
            let state = try ExternalProcess.run(binary, ["state", "--json", "--socket", daemon.socket],
                                                environment: environment)
            let snapshot = try JSONDecoder().decode(PhoneSnapshot.self, from: Data(state.stdout.utf8))
            #expect(snapshot.buddies?.map(\.uri) == ["sip:bob@example.test"], "the daemon keeps watching")
            await bob.shutdown()
        }
    }
}

extension PresenceCommandTests {
    @Test("buddy add from a shell goes to the running daemon, which watches the new buddy at once")
    func buddyChangeReachesTheInstance() async throws {
        try await withKamailio { server in
            let password = try passwordFile("alicepw")
            defer { unlink(password) }
            let daemon = try DaemonProcess(arguments: ["--aor", "sip:alice@example.test", "--password-file", password,
                                                       "--proxy", "sip:127.0.0.1:\(server.udpPort)"])
            defer { daemon.terminate() }
            try await daemon.waitUntilRegistered()
            let added = try ExternalProcess.run(binary, ["buddy", "add", "sip:zed@example.test", "--name", "Zed",
                                                         "--socket", daemon.socket], environment: daemon.environment)
            try #require(added.status == 0, "\(added.stderr)")
            #expect(added.stdout.contains("added Zed <sip:zed@example.test>"), "\(added.stdout)")
            let state = try ExternalProcess.run(binary, ["state", "--json", "--socket", daemon.socket],
                                                environment: daemon.environment)
            let snapshot = try JSONDecoder().decode(PhoneSnapshot.self, from: Data(state.stdout.utf8))
            #expect(snapshot.buddies?.contains { $0.uri == "sip:zed@example.test" } == true,
                    "the daemon watches zed without a restart: \(state.stdout)")
        }
    }
}
