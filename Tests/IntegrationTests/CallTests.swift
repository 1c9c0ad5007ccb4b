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

            try await alice.sendDTMF("19#*", call: placed.id)
            let digits = await bob.waitForCall(bobCall.id, timeout: .seconds(10)) { $0.dtmfReceived == "19#*" }
            #expect(digits?.dtmfReceived == "19#*")
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
