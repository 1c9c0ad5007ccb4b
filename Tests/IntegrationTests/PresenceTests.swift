import Foundation
import Glibc
import Synchronization
import PhoneCore
import SwitchboardTestKit
import Testing

/// Presence end to end against the real Kamailio presence server: alice's
/// daemon publishes what `status set` tells it, bob's `watch` sees it, it
/// goes offline when alice leaves, and subscriptions survive a restart.
@Suite("Presence against Kamailio")
struct PresenceTests {
    let binary = BuiltProducts.executable("switchboard").path

    func flags(_ user: String, _ server: KamailioServer, password: String) -> [String] {
        ["--aor", "sip:\(user)@example.test", "--password-file", password,
         "--proxy", "sip:127.0.0.1:\(server.udpPort)", "--transport", "udp"]
    }

    /// Polls `core`'s view of `uri` until `until` holds, or `timeout`.
    func buddy(_ uri: String, on core: PhoneCore, account: String, timeout: Duration = .seconds(20),
               until: (BuddySnapshot) -> Bool) async throws -> BuddySnapshot? {
        let deadline = ContinuousClock.now + timeout
        var last: BuddySnapshot?
        while ContinuousClock.now < deadline {
            last = await core.buddies(account: account).first { $0.uri == uri }
            if let last, until(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        return last
    }

    @Test("status set goes to alice's daemon; bob's watch --once --json shows busy and the note; alice leaves → offline")
    func statusToWatch() async throws {
        try await withKamailio { server in
            let alicePassword = try passwordFile("alicepw")
            let bobPassword = try passwordFile("bobpw")
            defer { unlink(alicePassword); unlink(bobPassword) }
            let daemon = try DaemonProcess(arguments: flags("alice", server, password: alicePassword)
                                           + ["--retry-base-ms", "300"])
            defer { daemon.terminate() }
            try await daemon.waitUntilRegistered()
            let environment = daemon.environment

            let set = try ExternalProcess.run(binary, ["status", "set", "busy", "--note", "in a meeting",
                                                       "--location", "Room 4.12", "--socket", daemon.socket, "--json"],
                                              timeout: .seconds(60), environment: environment)
            try #require(set.status == 0, "\(set.stderr)\n\(daemon.log)")
            #expect(set.stdout.contains("\"published\""), "\(set.stdout)")

            let watch = try ExternalProcess.run(binary, ["watch", "sip:alice@example.test", "--once", "--json"]
                                                + flags("bob", server, password: bobPassword),
                                                timeout: .seconds(90), environment: environment)
            try #require(watch.status == 0, "\(watch.stdout)\n\(watch.stderr)")
            let lines = watch.stdout.split(separator: "\n")
            #expect(lines.count == 1, "one line for one URI: \(watch.stdout)")
            let seen = try JSONDecoder().decode(BuddySnapshot.self, from: Data(try #require(lines.last).utf8))
            #expect(seen.uri == "sip:alice@example.test")
            #expect(seen.status == "busy", "\(seen)")
            #expect(seen.note == "in a meeting")
            #expect(seen.location == "Room 4.12", "the place travels as a civic location")
            #expect(seen.complete && seen.presenceSubscription == "active")

            // bob keeps watching in-process; alice's daemon leaves
            let bob = PhoneCore(options: fastOptions())
            let bobID = try await bob.addAccount(try testAccount("bob", password: "bobpw",
                                                                  proxy: "sip:127.0.0.1:\(server.udpPort)"))
            try await bob.register(bobID)
            _ = try await bob.watch(["sip:alice@example.test"], account: bobID)
            let before = try await buddy("sip:alice@example.test", on: bob, account: bobID) { $0.status == "busy" }
            #expect(before?.status == "busy", "\(String(describing: before))")

            #expect(daemon.terminate() == 0, "\(daemon.log)")
            let after = try await buddy("sip:alice@example.test", on: bob, account: bobID) { $0.status == "offline" }
            #expect(after?.status == "offline", "alice's PUBLISH Expires 0 on exit: \(String(describing: after))")
            await bob.shutdown()
        }
    }

    @Test("Kamailio restarted: publication and subscriptions come back on their own")
    func restartBringsSubscriptionsBack() async throws {
        let server = try KamailioServer.start()
        var current = server
        defer { try? current.stop(); current.removeStateDirectory() }
        let proxy = "sip:127.0.0.1:\(server.udpPort)"
        let alice = PhoneCore(options: fastOptions())
        let aliceID = try await alice.addAccount(try testAccount("alice", password: "alicepw", proxy: proxy,
                                                                  transport: "tcp"))
        let bob = PhoneCore(options: fastOptions())
        let bobID = try await bob.addAccount(try testAccount("bob", password: "bobpw", proxy: proxy, transport: "tcp"))
        try await alice.register(aliceID)
        try await bob.register(bobID)
        for (core, id) in [(alice, aliceID), (bob, bobID)] {
            let state = await core.waitForRegistration(id, timeout: .seconds(20)) { $0.status == .registered }
            try #require(state.status == .registered)
        }
        try await alice.setStatus(OwnStatus(activity: "away", note: "lunch"), account: aliceID)
        _ = try await bob.watch(["sip:alice@example.test"], account: bobID)
        let first = try await buddy("sip:alice@example.test", on: bob, account: bobID) { $0.status == "away" }
        #expect(first?.note == "lunch", "\(String(describing: first))")

        // empty registrar and presence state; the TCP flows break, both
        // re-register, alice publishes again, bob refreshes (481) and resubscribes
        current = try server.restart()
        try await Task.sleep(for: .seconds(1))
        try await alice.setStatus(OwnStatus(activity: "busy", note: "after the restart"), account: aliceID)
        let again = try await buddy("sip:alice@example.test", on: bob, account: bobID, timeout: .seconds(40)) {
            $0.status == "busy" && $0.note == "after the restart"
        }
        #expect(again?.status == "busy" && again?.note == "after the restart",
                "bob's subscription came back: \(String(describing: again))\n\(current.logTail())")
        await alice.shutdown()
        await bob.shutdown()
    }

    @Test("alice calls carol: bob sees alice on-the-phone (PUBLISH and BLF) with one PUBLISH; after the BYE busy again")
    func presenceFollowsTheCall() async throws {
        try await withKamailio { server in
            let proxy = "sip:127.0.0.1:\(server.udpPort)"
            let publishes = PublishCounter()
            var aliceOptions = fastOptions()
            aliceOptions.traceHook = { record in
                if record.direction == .sent, record.octets.starts(with: Array("PUBLISH ".utf8)) { publishes.add() }
            }
            let alice = PhoneCore(options: aliceOptions)
            let aliceID = try await alice.addAccount(try testAccount("alice", password: "alicepw", proxy: proxy))
            let bob = PhoneCore(options: fastOptions())
            let bobID = try await bob.addAccount(try testAccount("bob", password: "bobpw", proxy: proxy))
            try await alice.register(aliceID)
            try await bob.register(bobID)
            #expect(await alice.waitForRegistration(aliceID, timeout: .seconds(20)) { $0.status == .registered }.status
                    == .registered)
            try await alice.setStatus(OwnStatus(activity: "busy", note: "writing"), account: aliceID)
            _ = await alice.waitForPublication(aliceID, timeout: .seconds(20))
            _ = try await bob.watch(["sip:alice@example.test"], account: bobID)
            let busy = try await buddy("sip:alice@example.test", on: bob, account: bobID) { $0.status == "busy" }
            #expect(busy?.note == "writing")

            let carol = PhoneCore(options: fastOptions())
            let carolID = try await carol.addAccount(try testAccount("carol", password: "carolpw", proxy: proxy))
            await carol.setCallPolicy(CallPolicy(audio: CallAudio(source: "tone:440", sink: "null"), autoAnswer: .zero))
            try await carol.register(carolID)
            #expect(await carol.waitForRegistration(carolID, timeout: .seconds(20)) { $0.status == .registered }.status
                    == .registered)

            let before = publishes.count
            let call = try await alice.placeCall(to: "carol", audio: CallAudio(source: "null", sink: "null"))
            let up = await alice.waitForCall(call.id, timeout: .seconds(15)) { $0.state == .connected || $0.isEnded }
            try #require(up?.state == .connected)
            // both sources: alice's PUBLISH (the RPID activity) and the BLF dialog state
            let onCall = try await buddy("sip:alice@example.test", on: bob, account: bobID) {
                $0.activities.contains("on-the-phone") && $0.line == "on-the-phone"
            }
            #expect(onCall?.status == "on-the-phone" && onCall?.note == "writing", "\(String(describing: onCall))")
            #expect(onCall?.line == "on-the-phone", "Kamailio's dialog NOTIFY (BLF) says so too")
            #expect(publishes.count - before == 1, "one PUBLISH for the change")
            let own = await alice.snapshot().accounts.first?.presence?.call
            #expect(own?.codec == "PCMU/8000" && own?.bitrate == 64_000, "\(String(describing: own))")

            try await alice.hangUp(call.id)
            let back = try await buddy("sip:alice@example.test", on: bob, account: bobID) {
                $0.status == "busy" && $0.line != "on-the-phone"
            }
            #expect(back?.status == "busy" && back?.note == "writing", "\(String(describing: back))")
            #expect(publishes.count - before == 2, "one PUBLISH back")
            await alice.shutdown()
            await bob.shutdown()
            await carol.shutdown()
        }
    }
}

/// Counts PUBLISH requests a stack sends (from its trace hook, any thread).
final class PublishCounter: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
