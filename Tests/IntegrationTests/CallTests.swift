import Foundation
import Media
import PhoneCore
import SwitchboardTestKit
import Testing

/// Calls between Switchboard phones through the real Kamailio: audio both
/// ways checked by frequency, hold and resume, DTMF, transfer.
@Suite("Calls through Kamailio")
struct CallTests {
    @Test("alice calls bob: each hears the other's tone; hold, resume and DTMF work")
    func callHoldResumeDTMF() async throws {
        try await withKamailio { server in
            let scratch = try AudioScratch()
            defer { scratch.remove() }
            let (bob, _) = try await registeredPhone("bob", server, policy: CallPolicy(
                audio: CallAudio(source: "tone:440", sink: "file:" + scratch.file("bob.wav")), autoAnswer: .zero))
            let (alice, _) = try await registeredPhone("alice", server)
            defer { Task { await bob.shutdown(); await alice.shutdown() } }

            let placed = try await alice.placeCall(to: "sip:bob@example.test",
                                                   audio: CallAudio(source: "tone:1000", sink: "file:" + scratch.file("alice.wav")))
            let up = await alice.waitForCall(placed.id, timeout: .seconds(15)) { $0.state == .connected || $0.isEnded }
            try #require(up?.state == .connected, "answered: \(String(describing: up))")
            #expect(up?.codec == "PCMU/8000")
            let bobCall = try #require(await bob.liveCalls.first)
            #expect(bobCall.direction == .incoming && bobCall.peer.contains("alice"))
            try await Task.sleep(for: .seconds(2))

            try await alice.hold(placed.id)
            let held = await alice.waitForCall(placed.id, timeout: .seconds(10)) { $0.held }
            #expect(held?.held == true)
            let bobHeld = await bob.waitForCall(bobCall.id, timeout: .seconds(10)) { $0.remoteHeld }
            #expect(bobHeld?.remoteHeld == true, "bob sees the hold")
            try await alice.resume(placed.id)
            let resumed = await bob.waitForCall(bobCall.id, timeout: .seconds(10)) { !$0.remoteHeld }
            #expect(resumed?.remoteHeld == false, "bob sees the resume")

            #expect(try await alice.sendDTMF("19#*", call: placed.id) == "rfc4733")
            let digits = await bob.waitForCall(bobCall.id, timeout: .seconds(10)) { $0.dtmfReceived == "19#*" }
            #expect(digits?.dtmfReceived == "19#*")
            #expect(try await alice.sendDTMF("0D", call: placed.id, info: true) == "info")
            let infoDigits = await bob.waitForCall(bobCall.id, timeout: .seconds(10)) { $0.dtmfReceived == "19#*0D" }
            #expect(infoDigits?.dtmfReceived == "19#*0D", "SIP INFO digits arrive too")
            try await Task.sleep(for: .seconds(1))

            try await alice.hangUp(placed.id)
            let ended = await alice.waitForCall(placed.id, timeout: .seconds(10)) { $0.isEnded }
            #expect(ended?.endReason == "local-bye")
            let bobEnded = await bob.waitForCall(bobCall.id, timeout: .seconds(10)) { $0.isEnded }
            #expect(bobEnded?.endReason == "remote-bye")

            let aliceHeard = try #require(await scratch.recording("alice.wav"))
            let bobHeard = try #require(await scratch.recording("bob.wav"))
            #expect(aliceHeard.count > 8000 * 2, "\(aliceHeard.count) samples")
            #expect(Goertzel.blockwiseRelativePower(of: 440, in: aliceHeard) > 0.5, "alice hears bob's 440 Hz")
            #expect(Goertzel.blockwiseRelativePower(of: 1000, in: bobHeard) > 0.5, "bob hears alice's 1 kHz")
            #expect(Goertzel.blockwiseRelativePower(of: 1000, in: aliceHeard) < 0.05)
        }
    }
}

extension CallTests {
    @Test("a transfer to nobody fails once: alice hears the failure, keeps her call with bob, and bob reports it once")
    func failedTransfer() async throws {
        try await withKamailio { server in
            let answering = CallPolicy(audio: CallAudio(source: "tone:440", sink: "null"), autoAnswer: .zero)
            let (bob, _) = try await registeredPhone("bob", server, policy: answering)
            let (alice, _) = try await registeredPhone("alice", server)
            defer { Task { await bob.shutdown(); await alice.shutdown() } }
            let bobEvents = bob.events
            let bobNotices = Task {
                var texts: [String] = []
                for await event in bobEvents { if case .notice(let text) = event { texts.append(text) } }
                return texts
            }

            let placed = try await alice.placeCall(to: "bob", audio: CallAudio(source: "null", sink: "null"))
            let up = await alice.waitForCall(placed.id, timeout: .seconds(15)) { $0.state == .connected || $0.isEnded }
            try #require(up?.state == .connected)

            // dave is not registered: bob's INVITE to him fails (404 or 480)
            try await alice.transfer(placed.id, to: "sip:dave@example.test")
            let failed = await alice.waitForCall(placed.id, timeout: .seconds(20)) { $0.transfer?.hasPrefix("failed") == true }
            #expect(failed?.transfer?.hasPrefix("failed 4") == true, "\(String(describing: failed))")
            #expect(failed?.state == .connected, "a failed transfer leaves the call up")
            try await Task.sleep(for: .seconds(1))
            #expect(await bob.liveCalls.count == 1, "bob keeps only the call with alice")
            await bob.shutdown()
            let notices = await bobNotices.value
            #expect(!notices.contains { $0.contains("no transfer to report on") }, "one final report only: \(notices)")
        }
    }

    @Test("blind transfer: alice transfers bob to carol; alice's call ends transferred, bob talks to carol")
    func blindTransfer() async throws {
        try await withKamailio { server in
            let answering = CallPolicy(audio: CallAudio(source: "tone:440", sink: "null"), autoAnswer: .zero)
            let (bob, _) = try await registeredPhone("bob", server, policy: answering)
            let (carol, _) = try await registeredPhone("carol", server, policy: answering)
            let (alice, _) = try await registeredPhone("alice", server)
            defer { Task { await bob.shutdown(); await carol.shutdown(); await alice.shutdown() } }

            let placed = try await alice.placeCall(to: "bob", audio: CallAudio(source: "null", sink: "null"))
            let up = await alice.waitForCall(placed.id, timeout: .seconds(15)) { $0.state == .connected || $0.isEnded }
            try #require(up?.state == .connected)

            try await alice.transfer(placed.id, to: "sip:carol@example.test")
            let ended = await alice.waitForCall(placed.id, timeout: .seconds(20)) { $0.isEnded }
            #expect(ended?.endReason == "transferred", "\(String(describing: ended))")
            #expect(ended?.transfer == "succeeded")

            // carol has bob on the line
            let deadline = ContinuousClock.now + .seconds(10)
            var carolCalls = await carol.liveCalls
            while carolCalls.first?.state != .connected, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                carolCalls = await carol.liveCalls
            }
            #expect(carolCalls.first?.state == .connected)
            #expect(carolCalls.first?.peer.contains("bob") == true, "\(carolCalls)")
            // bob's call with alice ended with her BYE; the one with carol stays
            var bobCalls = await bob.liveCalls
            while bobCalls.count != 1, ContinuousClock.now < deadline + .seconds(5) {
                try await Task.sleep(for: .milliseconds(100))
                bobCalls = await bob.liveCalls
            }
            #expect(bobCalls.count == 1 && bobCalls.first?.peer.contains("carol") == true, "\(bobCalls)")
        }
    }

    @Test("switchboard call → daemon --auto-answer --play --record: both recordings hold the other's tone; DTMF arrives")
    func callCommandAgainstDaemon() async throws {
        try await withKamailio { server in
            let scratch = try AudioScratch()
            defer { scratch.remove() }
            let bobTone = try scratch.tone(440, seconds: 2, name: "bob-tone.wav")
            let aliceTone = try scratch.tone(1000, seconds: 6, name: "alice-tone.wav")
            let binary = BuiltProducts.executable("switchboard").path
            let proxy = "sip:127.0.0.1:\(server.udpPort)"
            let bobPassword = try passwordFile("bobpw")
            let alicePassword = try passwordFile("alicepw")
            defer { unlink(bobPassword); unlink(alicePassword) }

            let daemon = try DaemonProcess(arguments: [
                "--aor", "sip:bob@example.test", "--password-file", bobPassword, "--proxy", proxy,
                "--auto-answer", "--play", bobTone, "--record", scratch.file("bob-heard.wav")])
            defer { daemon.terminate() }
            try await daemon.waitUntilRegistered()

            let runtime = scratch.file("alice-rt")
            try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let call = try ExternalProcess.run(binary, [
                "call", "sip:bob@example.test", "--duration", "3", "--play", aliceTone,
                "--record", scratch.file("alice-heard.wav"), "--dtmf", "42", "--json",
                "--aor", "sip:alice@example.test", "--password-file", alicePassword, "--proxy", proxy],
                timeout: .seconds(60), environment: DaemonProcess.environment(runtime: runtime))
            try #require(call.status == 0, "status \(call.status): \(call.stderr)\n\(daemon.log)")
            let result = try JSONDecoder.iso.decode(CallSnapshot.self, from: Data(call.stdout.utf8))
            #expect(result.endReason == "local-bye" && result.answeredAt != nil)
            #expect((result.durationSeconds ?? 0) >= 2.9)

            let aliceHeard = try #require(await scratch.recording("alice-heard.wav"))
            let bobHeard = try #require(await scratch.recording("bob-heard.wav"), "\(daemon.log)")
            #expect(Goertzel.blockwiseRelativePower(of: 440, in: aliceHeard) > 0.5, "alice hears bob's 440 Hz")
            #expect(Goertzel.blockwiseRelativePower(of: 1000, in: bobHeard) > 0.5, "bob hears alice's 1 kHz")
            #expect(daemon.log.contains("DTMF 4") && daemon.log.contains("DTMF 2"), "\(daemon.log)")

            // the history of both sides
            let history = try ExternalProcess.run(binary, ["history", "--json"], timeout: .seconds(20),
                                                  environment: DaemonProcess.environment(runtime: runtime))
            #expect(history.stdout.contains("\"answered\"") && history.stdout.contains("bob@example.test"),
                    "\(history.stdout) \(history.stderr)")
        }
    }
}

extension JSONDecoder {
    /// Dates as the commands write them (ISO 8601).
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension CallTests {
    @Test("the call commands act on a running daemon: call, calls, hold, resume, dtmf, hangup over the socket")
    func callControlOverTheSocket() async throws {
        try await withKamailio { server in
            let binary = BuiltProducts.executable("switchboard").path
            let proxy = "sip:127.0.0.1:\(server.udpPort)"
            let bobPassword = try passwordFile("bobpw")
            let alicePassword = try passwordFile("alicepw")
            defer { unlink(bobPassword); unlink(alicePassword) }
            let bob = try DaemonProcess(arguments: ["--aor", "sip:bob@example.test", "--password-file", bobPassword,
                                                    "--proxy", proxy, "--auto-answer=0.5", "--source", "tone:440",
                                                    "--sink", "null"], name: "bob")
            defer { bob.terminate() }
            let alice = try DaemonProcess(arguments: ["--aor", "sip:alice@example.test", "--password-file", alicePassword,
                                                      "--proxy", proxy, "--source", "null", "--sink", "null"], name: "alice")
            defer { alice.terminate() }
            try await bob.waitUntilRegistered()
            try await alice.waitUntilServing()
            @Sendable func run(_ daemon: (socket: String, runtime: String), _ words: [String]) async throws -> ProcessOutput {
                let environment = DaemonProcess.environment(runtime: daemon.runtime)
                // off the cooperative pool: the run blocks its thread until the process exits
                return try await Task.detached {
                    try ExternalProcess.run(binary, words + ["--socket", daemon.socket], timeout: .seconds(60),
                                            environment: environment)
                }.value
            }
            let aliceSocket = (socket: alice.socket, runtime: alice.runtimeDirectory)

            // `call` goes to alice's daemon and returns when the call ends
            let placing = Task { try await run(aliceSocket, ["call", "bob", "--json", "--ring-timeout", "20"]) }
            var calls: [CallSnapshot] = []
            let deadline = ContinuousClock.now + .seconds(20)
            while calls.first?.state != .connected, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(200))
                let listed = try await run(aliceSocket, ["calls", "--json"])
                calls = (try? JSONDecoder.iso.decode([CallSnapshot].self, from: Data(listed.stdout.utf8))) ?? []
            }
            try #require(calls.first?.state == .connected, "\(calls)\n\(alice.log)\n\(bob.log)")

            let hold = try await run(aliceSocket, ["hold"])
            #expect(hold.status == 0, "\(hold.stderr)")
            let notTwice = try await run(aliceSocket, ["hold"])
            #expect(notTwice.status == 5, "a held call cannot be held again: \(notTwice.stderr)")
            let resume = try await run(aliceSocket, ["resume"])
            #expect(resume.status == 0, "\(resume.stderr)")
            let dtmf = try await run(aliceSocket, ["dtmf", "7"])
            #expect(dtmf.status == 0 && dtmf.stdout.contains("sent 7"), "\(dtmf.stdout) \(dtmf.stderr)")
            try await Task.sleep(for: .seconds(1))
            let hangup = try await run(aliceSocket, ["hangup"])
            #expect(hangup.status == 0, "\(hangup.stderr)")

            let placed = try await placing.value
            #expect(placed.status == 0, "\(placed.stderr)")
            let final = try? JSONDecoder.iso.decode(CallSnapshot.self, from: Data(placed.stdout.utf8))
            #expect(final?.endReason == "local-bye")
            #expect(bob.log.contains("(held by peer)"), "bob saw the hold: \(bob.log)")
            #expect(bob.log.contains("DTMF 7"), "\(bob.log)")
            let none = try await run(aliceSocket, ["hangup"])
            #expect(none.status == 5, "nothing left to hang up: \(none.stderr)")
        }
    }
}

extension CallTests {
    @Test("early media: bob plays a tone while it rings (183); alice hears it before any answer, then cancels")
    func earlyMedia() async throws {
        try await withKamailio { server in
            let scratch = try AudioScratch()
            defer { scratch.remove() }
            let (bob, _) = try await registeredPhone("bob", server, policy: CallPolicy(
                audio: CallAudio(source: "tone:440", sink: "null"), autoAnswer: nil, earlyMedia: true))
            let (alice, _) = try await registeredPhone("alice", server)
            defer { Task { await bob.shutdown(); await alice.shutdown() } }

            let placed = try await alice.placeCall(to: "bob", audio: CallAudio(source: "null",
                                                                              sink: "file:" + scratch.file("early.wav")))
            let early = await alice.waitForCall(placed.id, timeout: .seconds(15)) { $0.state == .early || $0.isEnded }
            try #require(early?.state == .early, "183 with SDP: \(String(describing: early))")
            try await Task.sleep(for: .seconds(2))
            try await alice.hangUp(placed.id)
            let ended = await alice.waitForCall(placed.id, timeout: .seconds(10)) { $0.isEnded }
            #expect(ended?.answeredAt == nil && ended?.endReason == "cancelled", "\(String(describing: ended))")
            let heard = try #require(await scratch.recording("early.wav"))
            #expect(Goertzel.blockwiseRelativePower(of: 440, in: heard) > 0.3, "alice heard bob's tone before any answer")
        }
    }
}

extension CallTests {
    @Test("two calls at once: the second holds the first; resuming the first holds the second")
    func oneActiveCall() async throws {
        try await withKamailio { server in
            let answering = CallPolicy(audio: CallAudio(source: "tone:440", sink: "null"), autoAnswer: .zero)
            let (bob, _) = try await registeredPhone("bob", server, policy: answering)
            let (carol, _) = try await registeredPhone("carol", server, policy: answering)
            let (alice, _) = try await registeredPhone("alice", server)
            defer { Task { await bob.shutdown(); await carol.shutdown(); await alice.shutdown() } }
            let silent = CallAudio(source: "null", sink: "null")

            let first = try await alice.placeCall(to: "bob", audio: silent)
            #expect(await alice.waitForCall(first.id, timeout: .seconds(15)) { $0.state == .connected }?.state == .connected)
            let second = try await alice.placeCall(to: "carol", audio: silent)
            #expect(await alice.waitForCall(second.id, timeout: .seconds(15)) { $0.state == .connected }?.state == .connected)
            let firstHeld = await alice.waitForCall(first.id, timeout: .seconds(10)) { $0.held }
            #expect(firstHeld?.held == true, "placing the second call held the first")

            try await alice.resume(first.id)
            let secondHeld = await alice.waitForCall(second.id, timeout: .seconds(10)) { $0.held }
            let firstBack = await alice.waitForCall(first.id, timeout: .seconds(10)) { !$0.held }
            #expect(secondHeld?.held == true && firstBack?.held == false, "one active call at a time")
            #expect(await alice.liveCalls.filter { !$0.held }.count == 1)
        }
    }
}
