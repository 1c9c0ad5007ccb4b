import Testing
@testable import SIPCore

/// Calls over several exchanges with `OfferAnswerSession`: origin versions
/// (RFC 3264 §8), hold and resume (RFC 3264 §8.4), and the RFC 2543 hold.
/// Everything passes through text, as on the wire.
@Suite struct SDPHoldTests {
    struct Call {
        var alice = OfferAnswerSession(capabilities: SDPTestSupport.alice, sessionID: 2_890_844_526, username: "alice")
        var bob = OfferAnswerSession(capabilities: SDPTestSupport.bob, sessionID: 2_890_844_527, username: "bob")

        /// Alice offers, Bob answers; returns what each side agreed and
        /// whether Bob saw a hold.
        mutating func aliceOffers(_ offer: SessionDescription) throws -> (alice: NegotiatedAudio, bob: AnsweredOffer) {
            let answered = try bob.receiveOffer(try SDPTestSupport.wire(offer))
            return (try alice.receiveAnswer(try SDPTestSupport.wire(answered.answer)), answered)
        }

        mutating func bobOffers(_ offer: SessionDescription) throws -> (bob: NegotiatedAudio, alice: AnsweredOffer) {
            let answered = try alice.receiveOffer(try SDPTestSupport.wire(offer))
            return (try bob.receiveAnswer(try SDPTestSupport.wire(answered.answer)), answered)
        }

        static func established() throws -> Call {
            var call = Call()
            _ = try call.aliceOffers(call.alice.makeOffer())
            return call
        }
    }

    @Test func holdAndResumeIncrementTheVersion() throws {
        var call = Call()
        let first = call.alice.makeOffer()
        #expect(first.origin.sessionVersion == 2_890_844_526)
        let setUp = try call.aliceOffers(first)
        #expect(setUp.alice.localDirection == .sendrecv && !setUp.bob.isHold)
        #expect(setUp.bob.answer.origin.sessionVersion == 2_890_844_527)

        // hold: sendonly under the same session id, next version
        let hold = call.alice.makeHoldOffer()
        #expect(hold.origin.sessionID == first.origin.sessionID)
        #expect(hold.origin.sessionVersion == first.origin.sessionVersion + 1)
        #expect(hold.direction(of: hold.media[0]) == .sendonly)
        #expect(call.alice.isHolding)
        let held = try call.aliceOffers(hold)
        #expect(held.bob.isHold)
        #expect(held.bob.answer.direction(of: held.bob.answer.media[0]) == .recvonly)
        #expect(held.bob.answer.origin.sessionVersion == 2_890_844_528, "Bob's answer changed")
        #expect(held.alice.localDirection == .sendonly && held.alice.remoteDirection == .recvonly)
        #expect(held.bob.audio.localDirection == .recvonly)

        // resume: sendrecv again, next version
        let resume = call.alice.makeResumeOffer()
        #expect(resume.origin.sessionVersion == first.origin.sessionVersion + 2)
        #expect(resume.direction(of: resume.media[0]) == .sendrecv)
        let resumed = try call.aliceOffers(resume)
        #expect(!resumed.bob.isHold && !call.alice.isHolding)
        #expect(resumed.alice.localDirection == .sendrecv)
        #expect(resumed.bob.answer.origin.sessionVersion == 2_890_844_529)

        // a session refresh that changes nothing keeps the version (RFC 3264 §8)
        let refresh = call.alice.makeOffer()
        #expect(refresh.origin.sessionVersion == resume.origin.sessionVersion)
        #expect(refresh == resume)
        let refreshed = try call.aliceOffers(refresh)
        #expect(refreshed.bob.answer.origin.sessionVersion == 2_890_844_529, "Bob's answer did not change either")
    }

    @Test func holdingARecvonlyStreamMakesItInactive() throws {
        // Bob holds Alice first (Alice answers recvonly), then Alice holds too.
        var call = try Call.established()
        let bobHolds = try call.bobOffers(call.bob.makeHoldOffer())
        #expect(bobHolds.alice.isHold)
        #expect(bobHolds.alice.answer.direction(of: bobHolds.alice.answer.media[0]) == .recvonly)
        let aliceHolds = call.alice.makeHoldOffer()
        #expect(aliceHolds.direction(of: aliceHolds.media[0]) == .inactive, "RFC 3264 §8.4")
        let both = try call.aliceOffers(aliceHolds)
        #expect(both.bob.answer.direction(of: both.bob.answer.media[0]) == .inactive)
        #expect(both.alice.localDirection == .inactive)
        // Bob resumes; Alice still holds, so she answers sendonly.
        let bobResumes = try call.bobOffers(call.bob.makeResumeOffer())
        #expect(bobResumes.alice.answer.direction(of: bobResumes.alice.answer.media[0]) == .sendonly)
        #expect(bobResumes.bob.localDirection == .recvonly)
    }

    @Test func aRefreshKeepsTheCurrentDirection() throws {
        // While Bob holds her, Alice's refresh offer stays recvonly: it must
        // not ask to send into Bob's hold.
        var call = try Call.established()
        _ = try call.bobOffers(call.bob.makeHoldOffer())
        let refresh = call.alice.makeOffer()
        #expect(refresh.direction(of: refresh.media[0]) == .recvonly)
        let answered = try call.aliceOffers(refresh)
        #expect(answered.alice.localDirection == .recvonly && !call.alice.isHolding)
    }

    @Test func whileHoldingWeAnswerReOffersOnHold() throws {
        // Bob refreshes the session with sendrecv while Alice holds: her
        // answer stays sendonly.
        var call = try Call.established()
        _ = try call.aliceOffers(call.alice.makeHoldOffer())
        let refresh = try call.bobOffers(call.bob.makeOffer())
        #expect(refresh.alice.answer.direction(of: refresh.alice.answer.media[0]) == .sendonly)
        #expect(!refresh.alice.isHold)
        #expect(refresh.bob.localDirection == .recvonly)
    }

    @Test func legacyHoldWithTheUnspecifiedAddress() throws {
        // RFC 2543 hold: c=0.0.0.0 and no direction attribute.
        var call = try Call.established()
        var legacy = call.bob.makeOffer()
        legacy.connection = SDPConnection(address: "0.0.0.0")
        legacy.media[0].attributes.removeAll { MediaDirection(rawValue: $0.name) != nil }
        legacy.origin.sessionVersion += 1
        let answered = try call.alice.receiveOffer(try SDPTestSupport.wire(legacy))
        #expect(answered.isHold)
        #expect(answered.audio.remoteDirection == .sendonly)
        #expect(answered.audio.localDirection == .recvonly, "never send to 0.0.0.0 (RFC 3264 §8.4)")
        #expect(answered.answer.direction(of: answered.answer.media[0]) == .recvonly)
    }

    @Test(arguments: [
        ("a=sendonly", "c=IN IP4 192.0.2.201", true),
        ("a=inactive", "c=IN IP4 192.0.2.201", true),
        ("a=sendrecv", "c=IN IP4 0.0.0.0", true),
        ("a=recvonly", "c=IN IP4 192.0.2.201", false),
        ("a=sendrecv", "c=IN IP4 192.0.2.201", false),
        ("a=sendrecv", "c=IN IP6 ::", true),
    ])
    func holdIsDetected(_ direction: String, _ connection: String, _ isHold: Bool) throws {
        var alice = OfferAnswerSession(capabilities: SDPTestSupport.alice, sessionID: 1)
        let offer = try SDPTestSupport.parse("""
            v=0
            o=bob 2890844527 2890844528 IN IP4 client.biloxi.example.com
            s=-
            \(connection)
            t=0 0
            m=audio 3456 RTP/AVP 0
            \(direction)
            """)
        #expect(try alice.receiveOffer(offer).isHold == isHold)
    }

    @Test func anAnswererKeepsItsOriginAcrossExchanges() throws {
        var call = try Call.established()
        let before = try #require(call.bob.localDescription).origin
        _ = try call.aliceOffers(call.alice.makeHoldOffer())
        let after = try #require(call.bob.localDescription).origin
        #expect(after.sessionID == before.sessionID && after.username == "bob")
        #expect(after.sessionVersion == before.sessionVersion + 1)
        // Bob's own re-offer continues from there.
        let bobOffer = call.bob.makeHoldOffer()
        #expect(bobOffer.origin.sessionVersion == after.sessionVersion + 1)
    }

    @Test func aReOfferKeepsRejectedStreams() throws {
        // Bob answered audio and refused video; his hold re-offer keeps both
        // m= lines in place (RFC 3264 §8).
        var bob = OfferAnswerSession(capabilities: SDPTestSupport.bob, sessionID: 77)
        let offer = try SDPTestSupport.parse("""
            v=0
            o=alice 1 1 IN IP4 192.0.2.101
            s=-
            c=IN IP4 192.0.2.101
            t=0 0
            m=audio 49172 RTP/AVP 0
            m=video 51372 RTP/AVP 31
            """)
        _ = try bob.receiveOffer(offer)
        let hold = bob.makeHoldOffer()
        #expect(hold.media.map(\.port) == [3456, 0])
        #expect(hold.media.map(\.mediaType) == ["audio", "video"])
        #expect(hold.direction(of: hold.media[0]) == .sendonly)
    }

    @Test func aRejectedHoldLeavesTheCallAsItWas() throws {
        var call = try Call.established()
        let hold = call.alice.makeHoldOffer()
        #expect(call.alice.isHolding)
        call.alice.offerRejected()
        #expect(!call.alice.isHolding && call.alice.pendingOffer == nil)
        // the next offer still gets a new version: versions only grow
        let next = call.alice.makeOffer()
        #expect(next.origin.sessionVersion == hold.origin.sessionVersion + 1)
        #expect(next.direction(of: next.media[0]) == .sendrecv)
    }

    @Test func anUnusableAnswerUndoesTheHold() throws {
        var call = try Call.established()
        _ = call.alice.makeHoldOffer()
        let rejecting = try SDPTestSupport.parse(
            "v=0\no=bob 1 2 IN IP4 192.0.2.201\ns=-\nc=IN IP4 192.0.2.201\nt=0 0\nm=audio 0 RTP/AVP 0")
        #expect(throws: SDPNegotiationError.audioRejected) { try call.alice.receiveAnswer(rejecting) }
        #expect(!call.alice.isHolding && call.alice.pendingOffer == nil)
        #expect(call.alice.negotiated?.localDirection == .sendrecv, "the previous agreement stays")
    }

    @Test func offersCrossing() throws {
        // Glare: an offer while ours is out gets 491 (RFC 3261 §14.2).
        var call = try Call.established()
        _ = call.alice.makeHoldOffer()
        let bobs = call.bob.makeHoldOffer()
        #expect(throws: SDPNegotiationError.offerPending) { try call.alice.receiveOffer(bobs) }
        #expect(SDPNegotiationError.offerPending.statusCode == 491)
        // An answer with no offer out is an error too.
        var fresh = Call()
        #expect(throws: SDPNegotiationError.noOfferPending) { try fresh.alice.receiveAnswer(bobs) }
    }

    @Test func addressChangeIsOffered() throws {
        // RFC 3665 §3.7 style: a re-offer after our address moved.
        var call = try Call.established()
        call.alice.capabilities.address = "192.0.2.150"
        call.alice.capabilities.port = 50000
        let moved = try call.aliceOffers(call.alice.makeOffer())
        #expect(moved.bob.audio.remoteAddress == "192.0.2.150" && moved.bob.audio.remotePort == 50000)
        #expect(call.alice.origin.address == "192.0.2.101", "the o= line stays as it was (RFC 3264 §8)")
        #expect(call.alice.origin.sessionVersion == 2_890_844_527)
    }
}
