import SIPCore
@testable import SIPUA
import Testing

/// Two sessions talking to each other through serialize → parse, with no
/// hand-written peer: whatever one sends, the other must understand.
@Suite struct SessionLoopbackTests {
    /// Alice's phone and Bob's, and how far each one's output was delivered.
    struct Line {
        var alice = SessionHarness(seed: 11)
        var bob: SessionHarness?
        var aliceDelivered = 0
        var bobDelivered = 0

        /// Delivers everything sent so far, both ways, until both are quiet.
        mutating func pump() throws {
            while true {
                let fromAlice = Array(alice.wire[aliceDelivered...])
                aliceDelivered = alice.wire.count
                for message in fromAlice { try deliverToBob(message) }
                let fromBob = bob.map { Array($0.wire[bobDelivered...]) } ?? []
                bobDelivered += fromBob.count
                for message in fromBob {
                    if message.isRequest { try alice.deliver(request: message) } else { try alice.deliver(response: message) }
                }
                if fromAlice.isEmpty && fromBob.isEmpty { return }
            }
        }

        private mutating func deliverToBob(_ message: SIPMessage) throws {
            guard var side = bob else {
                // the first INVITE makes Bob's session, as a driver would
                bob = try SessionHarness(incoming: message, seed: 12)
                return
            }
            if message.isRequest { try side.deliver(request: message) } else { try side.deliver(response: message) }
            bob = side
        }
    }

    @Test func callHoldInfoAndHangUp() throws {
        var line = Line()
        line.alice.handle(.start)
        try line.pump()
        var bob = try #require(line.bob)
        #expect(bob.state == .incoming)
        #expect(bob.reports.isEmpty)
        bob.handle(.ring(earlyMedia: nil))
        line.bob = bob
        try line.pump()
        #expect(line.alice.reports.last == .ringing)

        line.bob?.handle(.answer(.bobAnswer))
        try line.pump()
        #expect(line.alice.state == .confirmed && line.bob?.state == .confirmed)
        #expect(line.alice.reports.last == .answered(remote: .bobAnswer))
        #expect(line.bob?.reports.last == .answered(remote: .aliceOffer))
        // the two ends see one dialog, each from its side
        let aliceDialog = try #require(line.alice.session.dialog)
        let bobDialog = try #require(line.bob?.session.dialog)
        #expect(aliceDialog.id.localTag == bobDialog.id.remoteTag && aliceDialog.id.remoteTag == bobDialog.id.localTag)
        #expect(aliceDialog.id.callID == bobDialog.id.callID)
        #expect(aliceDialog.remoteTarget == Party.bobContact && bobDialog.remoteTarget == Party.aliceContact)

        line.alice.handle(.hold(offer: .holdOffer))
        try line.pump()
        #expect(line.bob?.reports.last == .reinviteOffered(offer: .holdOffer))
        line.bob?.handle(.acceptReinvite(answer: .heldAnswer, remoteHold: true))
        try line.pump()
        #expect(line.alice.session.isLocallyHeld && line.bob?.session.isRemotelyHeld == true)
        #expect(line.bob?.timers[.answerRetransmission] == nil, "Alice's ACK stopped the 2xx")

        line.bob?.handle(.sendInfo(.dtmf))
        try line.pump()
        #expect(line.alice.reports.last == .infoReceived(.dtmf))

        line.bob?.handle(.hangUp)
        try line.pump()
        #expect(line.bob?.state == .ended(.localBYE))
        #expect(line.alice.state == .ended(.remoteBYE))
        // Alice sent INVITE and re-INVITE (1, 2); Bob INFO and BYE (1, 2)
        #expect(line.alice.session.dialog?.localSequence == 2 && line.bob?.session.dialog?.localSequence == 2)
        #expect(line.alice.session.dialog?.remoteSequence == 2)
    }

    /// Both ends hold at once: both re-INVITEs get 491, each retries in its
    /// own window (§14.1), and both holds get through.
    @Test func glareResolvesItself() throws {
        var line = Line()
        line.alice.handle(.start)
        try line.pump()
        line.bob?.handle(.answer(.bobAnswer))
        try line.pump()
        line.alice.handle(.hold(offer: .holdOffer))
        line.bob?.handle(.hold(offer: .sdp("bob", port: 3456, direction: "sendonly")))
        try line.pump()
        #expect(line.alice.responses.last?.statusCode == 491 && line.bob?.responses.last?.statusCode == 491)
        let aliceRetry = try #require(line.alice.timers[.reinviteRetry])
        let bobRetry = try #require(line.bob?.timers[.reinviteRetry])
        #expect(aliceRetry > bobRetry, "the Call-ID owner waits longer")

        // Bob's retry first; his hold goes through, then Alice's
        line.bob?.advance(to: bobRetry)
        try line.pump()
        #expect(line.alice.reports.last == .reinviteOffered(offer: .sdp("bob", port: 3456, direction: "sendonly")))
        line.alice.handle(.acceptReinvite(answer: .sdp("alice", port: 49172, direction: "recvonly"), remoteHold: true))
        try line.pump()
        #expect(line.bob?.session.isLocallyHeld == true)
        line.alice.advance(to: aliceRetry)
        try line.pump()
        line.bob?.handle(.acceptReinvite(answer: .heldAnswer, remoteHold: true))
        try line.pump()
        #expect(line.alice.session.isLocallyHeld && line.alice.session.isRemotelyHeld)
        #expect(line.bob?.session.isLocallyHeld == true && line.bob?.session.isRemotelyHeld == true)
    }
}
