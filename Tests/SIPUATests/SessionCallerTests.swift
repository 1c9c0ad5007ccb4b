import SIPAuth
import SIPCore
@testable import SIPUA
import Testing

/// The caller's side of a call: INVITE, provisional responses, 2xx and
/// its ACK, BYE, challenges, failures and CANCEL (RFC 3261 §9, §13, §15).
@Suite struct SessionCallerTests {
    /// INVITE, 100, 180, 200, ACK, BYE, 200, with the fields of each checked.
    @Test func fullCall() throws {
        var harness = SessionHarness()
        harness.handle(.start)
        let invite = try harness.last(.invite)
        #expect(invite.requestURI == Party.bob.uri)
        #expect(invite.to?.uri == Party.bob.uri && invite.to?.tag == nil && invite.to?.displayName == "Bob")
        #expect(invite.from?.uri == Party.alice.uri && invite.from?.tag == harness.session.localTag)
        #expect(invite.callID == harness.session.callID)
        #expect(invite.cseq == CSeq(1, .invite))
        #expect(invite.contacts.compactMap(\.nameAddr?.uri) == [Party.aliceContact])
        #expect(invite.maxForwards == 70)
        #expect(invite.topVia?.hasRFC3261Branch == true && invite.topVia?.transport == "TCP")
        #expect(invite.contentType == .sdp && invite.body == MessageBody.aliceOffer.bytes)
        #expect(invite.headers["Allow"]?.contains("REFER") == true)
        #expect(invite.routes.isEmpty)
        #expect(harness.states == [.calling])

        try harness.deliver(response: Peer.response(to: invite, 100, tag: nil))
        try harness.deliver(response: Peer.response(to: invite, 180))
        #expect(harness.reports == [.trying, .ringing])
        #expect(harness.state == .proceeding)
        #expect(harness.session.earlyDialogs.keys.sorted() == [Party.bobTag])

        try harness.deliver(response: Peer.response(to: invite, 200, body: .bobAnswer))
        #expect(harness.state == .confirmed)
        #expect(harness.reports.last == .answered(remote: .bobAnswer))
        let ack = try #require(harness.acks.last)
        // §13.2.2.4: in-dialog addressing, the INVITE's CSeq number, own branch
        #expect(ack.requestURI == Party.bobContact)
        #expect(ack.cseq == CSeq(1, .ack))
        #expect(ack.topVia?.branch != invite.topVia?.branch && ack.topVia?.hasRFC3261Branch == true)
        #expect(ack.from == invite.from)
        #expect(ack.to?.tag == Party.bobTag && ack.to?.uri == Party.bob.uri)
        #expect(ack.callID == invite.callID)
        #expect(ack.body.isEmpty)
        #expect(harness.requests.count == 1, "the ACK of a 2xx is no transaction")

        harness.handle(.hangUp)
        let bye = try harness.last(.bye)
        #expect(bye.requestURI == Party.bobContact)
        #expect(bye.cseq == CSeq(2, .bye))
        #expect(bye.from == invite.from && bye.to?.tag == Party.bobTag && bye.callID == invite.callID)
        #expect(harness.state == .ended(.localBYE))
        #expect(harness.reports.last == .ended(.localBYE))
        try harness.deliver(response: Peer.response(to: bye, 200))
        #expect(!harness.session.isFinished)
        harness.advance(by: .seconds(32))
        #expect(harness.session.isFinished)
        #expect(harness.states == [.calling, .proceeding, .confirmed, .ended(.localBYE)])
    }

    /// §15.1.2: the callee's BYE is answered 200 and ends the call.
    @Test func remoteBYE() throws {
        var harness = try Self.answeredCall()
        let invite = try harness.last(.invite)
        var bob = try Peer.calleeDialog(for: invite)
        let bye = bob.request(.bye, branch: "z9hG4bKnashds7")
        try harness.deliver(request: bye)
        let ok = try harness.lastResponse()
        #expect(ok.statusCode == 200 && ok.cseq == CSeq(1, .bye))
        #expect(ok.to?.tag == harness.session.localTag && ok.from?.tag == Party.bobTag)
        #expect(harness.state == .ended(.remoteBYE))
        #expect(harness.reports.last == .ended(.remoteBYE))
    }

    /// §22.2: 407, then the INVITE again with Proxy-Authorization, CSeq one
    /// more, the same Call-ID and From tag; the ACK carries the same
    /// credentials (§13.2.2.4) and the BYE reuses the nonce.
    @Test func proxyAuthenticationRetry() throws {
        var harness = SessionHarness()
        harness.handle(.start)
        let first = try harness.last(.invite)
        var challenge = Peer.response(to: first, 407, tag: "proxy-tag")
        challenge.headers.add("Proxy-Authenticate",
                              #"Digest realm="atlanta.example.com", qop="auth", nonce="wf84f1ceczx41ae6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5"#)
        try harness.deliver(response: challenge)
        #expect(harness.requests.count == 2)
        let second = try harness.last(.invite)
        #expect(second.cseq == CSeq(2, .invite))
        #expect(second.callID == first.callID && second.from == first.from && second.to == first.to)
        #expect(second.topVia?.branch != first.topVia?.branch)
        #expect(second.body == first.body)
        let fields = try second.authorization("Proxy-Authorization")
        #expect(fields.username == "alice" && fields.realm == "atlanta.example.com")
        #expect(fields.nonce == "wf84f1ceczx41ae6cbe5aea9c8e88d359" && fields.uri == "sip:bob@biloxi.example.com")
        #expect(fields.nonceCount == 1)
        // the response hash is right for INVITE and this Request-URI
        let expected = try DigestAuthorization.answering(
            try DigestChallenge(parsing: try #require(challenge.headers["Proxy-Authenticate"])), kind: .proxy,
            credentials: DigestCredentials(username: "alice", password: Party.password),
            request: DigestRequest(method: "INVITE", requestURI: "sip:bob@biloxi.example.com"),
            nonceCount: 1, cnonce: try #require(fields.cnonce))
        #expect(try DigestAuthorizationFields(parsing: expected.headerValue).response == fields.response)
        #expect(harness.state == .calling)

        try harness.deliver(response: Peer.response(to: second, 180))
        try harness.deliver(response: Peer.response(to: second, 200, body: .bobAnswer))
        let ack = try #require(harness.acks.last)
        #expect(ack.cseq == CSeq(2, .ack))
        #expect(ack.headers["Proxy-Authorization"] == second.headers["Proxy-Authorization"])
        #expect(harness.session.dialog?.localSequence == 2)

        harness.handle(.hangUp)
        let bye = try harness.last(.bye)
        #expect(bye.cseq == CSeq(3, .bye))
        #expect(try bye.authorization("Proxy-Authorization").nonceCount == 2)
    }

    /// A second challenge after our answer: the password is wrong; stop.
    @Test func secondChallengeFailsTheCall() throws {
        var harness = SessionHarness()
        harness.handle(.start)
        for _ in 0..<2 {
            var challenge = Peer.response(to: try harness.last(.invite), 401, tag: "uas-tag")
            challenge.headers.add("WWW-Authenticate", #"Digest realm="biloxi.example.com", nonce="n1", algorithm=MD5"#)
            try harness.deliver(response: challenge)
        }
        #expect(harness.requests.count == 2)
        #expect(harness.state == .ended(.failed(statusCode: 401)))
    }

    /// 3xx-6xx end the call as failed with their status; the ACK of a
    /// non-2xx is the INVITE client transaction's (§17.1.1.3), not ours.
    @Test(arguments: [486, 603, 480, 404, 302, 500])
    func finalFailures(statusCode: Int) throws {
        var harness = SessionHarness()
        harness.handle(.start)
        let invite = try harness.last(.invite)
        try harness.deliver(response: Peer.response(to: invite, 180))
        try harness.deliver(response: Peer.response(to: invite, statusCode))
        #expect(harness.state == .ended(.failed(statusCode: statusCode)))
        #expect(harness.reports.last == .ended(.failed(statusCode: statusCode)))
        #expect(harness.acks.isEmpty)
        #expect(harness.requests.count == 1)
        #expect(harness.session.earlyDialogs.isEmpty)
    }

    /// Timer B: no answer at all.
    @Test func inviteTimeout() throws {
        var harness = SessionHarness()
        harness.handle(.start)
        harness.handle(.requestFailed(try harness.last(.invite), .timeout))
        #expect(harness.state == .ended(.timeout))
        var broken = SessionHarness()
        broken.handle(.start)
        broken.handle(.requestFailed(try broken.last(.invite), .transportError))
        #expect(broken.state == .ended(.failed(statusCode: 503)))
    }

    /// §9.1: no CANCEL before a provisional response; it goes when one comes.
    @Test func cancelWaitsForAProvisionalResponse() throws {
        var harness = SessionHarness()
        harness.handle(.start)
        let invite = try harness.last(.invite)
        harness.handle(.hangUp)
        #expect(harness.requests.count == 1, "CANCEL sent before any provisional response")
        #expect(harness.state == .calling)
        try harness.deliver(response: Peer.response(to: invite, 100, tag: nil))
        let cancel = try harness.last(.cancel)
        // §9.1: Request-URI, Call-ID, To, From, CSeq number as the INVITE's;
        // one Via equal to its top Via
        #expect(cancel.requestURI == invite.requestURI)
        #expect(cancel.callID == invite.callID && cancel.from == invite.from && cancel.to == invite.to)
        #expect(cancel.cseq == CSeq(1, .cancel))
        #expect(cancel.vias == [try #require(invite.topVia)])
        #expect(cancel.routes == invite.routes)
        #expect(harness.timers[.cancelTimeout] == harness.now + .seconds(32))

        try harness.deliver(response: Peer.response(to: cancel, 200, tag: nil))
        #expect(harness.state == .proceeding)
        try harness.deliver(response: Peer.response(to: invite, 487))
        #expect(harness.state == .ended(.cancelled))
        #expect(harness.reports.last == .ended(.cancelled))
        #expect(harness.timers[.cancelTimeout] == nil)
    }

    /// Hanging up after 180 sends the CANCEL at once, only once.
    @Test func cancelAfterRinging() throws {
        var harness = SessionHarness()
        harness.handle(.start)
        let invite = try harness.last(.invite)
        try harness.deliver(response: Peer.response(to: invite, 180))
        harness.handle(.hangUp)
        harness.handle(.hangUp)
        try harness.deliver(response: Peer.response(to: invite, 180))
        #expect(harness.requests.filter { $0.method == .cancel }.count == 1)
        // no final response to the INVITE in 64*T1: cancelled all the same
        harness.advance(by: .seconds(32))
        #expect(harness.state == .ended(.cancelled))
    }

    /// The CANCEL crossed the 200: the call is up; ACK it, then BYE at once.
    @Test func cancelRacingTwoHundred() throws {
        var harness = SessionHarness()
        harness.handle(.start)
        let invite = try harness.last(.invite)
        try harness.deliver(response: Peer.response(to: invite, 180))
        harness.handle(.hangUp)
        let cancel = try harness.last(.cancel)
        try harness.deliver(response: Peer.response(to: invite, 200, body: .bobAnswer))
        let ack = try #require(harness.acks.last)
        let bye = try harness.last(.bye)
        #expect(ack.cseq == CSeq(1, .ack) && ack.to?.tag == Party.bobTag)
        #expect(bye.cseq == CSeq(2, .bye) && bye.to?.tag == Party.bobTag)
        #expect(harness.wire.map { $0.method } == [.invite, .cancel, .ack, .bye])
        #expect(harness.state == .ended(.cancelled))
        #expect(!harness.reports.contains(.answered(remote: .bobAnswer)))
        // the CANCEL's own answer changes nothing now
        try harness.deliver(response: Peer.response(to: cancel, 200, tag: nil))
        #expect(harness.requests.count == 3)
    }

    /// RFC 6026 §7.2: each 2xx retransmission gets the same ACK again.
    @Test func twoHundredRetransmissionsAreAcknowledgedAgain() throws {
        var harness = try Self.answeredCall()
        let invite = try harness.last(.invite)
        let ok = Peer.response(to: invite, 200, body: .bobAnswer)
        try harness.deliver(response: ok)
        try harness.deliver(response: ok)
        #expect(harness.acks.count == 3)
        #expect(Set(harness.acks.map { $0.serialized() }).count == 1, "the same ACK, branch included")
        #expect(harness.reports.filter { if case .answered = $0 { return true } else { return false } }.count == 1)
        // even after the call ended (Timer M still runs)
        harness.handle(.hangUp)
        try harness.deliver(response: ok)
        #expect(harness.acks.count == 4)
    }

    /// Early media: a 183 with a session description; a 180 without is only ringing.
    @Test(arguments: [(180, false), (183, true), (180, true)])
    func earlyMedia(statusCode: Int, withBody: Bool) throws {
        var harness = SessionHarness()
        harness.handle(.start)
        let invite = try harness.last(.invite)
        let early = MessageBody.sdp("bob", port: 3456, direction: "sendonly")
        try harness.deliver(response: Peer.response(to: invite, statusCode, body: withBody ? early : nil))
        try harness.deliver(response: Peer.response(to: invite, statusCode, body: withBody ? early : nil))
        var expected: [CallEvent] = statusCode == 180 ? [.ringing] : []
        if withBody { expected.append(.earlyMedia(early)) }
        #expect(harness.reports == expected)
    }

    /// §13.2.2.4 with forking: a second 2xx from another branch is
    /// acknowledged and ended with BYE; the call stays with the first.
    @Test func secondForkIsAcknowledgedAndEnded() throws {
        var harness = SessionHarness()
        harness.handle(.start)
        let invite = try harness.last(.invite)
        try harness.deliver(response: Peer.response(to: invite, 180, tag: "fork-a"))
        try harness.deliver(response: Peer.response(to: invite, 180, tag: "fork-b"))
        #expect(harness.session.earlyDialogs.keys.sorted() == ["fork-a", "fork-b"])
        #expect(harness.reports == [.ringing])
        try harness.deliver(response: Peer.response(to: invite, 200, tag: "fork-a", body: .bobAnswer))
        try harness.deliver(response: Peer.response(to: invite, 200, tag: "fork-b",
                                                    contact: try SIPURI(parsing: "sip:bob@192.0.2.99"),
                                                    body: .bobAnswer))
        #expect(harness.acks.map { $0.to?.tag } == ["fork-a", "fork-b"])
        let bye = try harness.last(.bye)
        #expect(bye.to?.tag == "fork-b" && bye.requestURI?.host == "192.0.2.99")
        #expect(harness.state == .confirmed)
        #expect(harness.session.dialog?.id.remoteTag == "fork-a")

        // the call's BYE has the fork BYE's CSeq; a challenge to it is told
        // apart by its To tag, and answered in the call's dialog
        harness.handle(.hangUp)
        let callBYE = try harness.last(.bye)
        #expect(callBYE.cseq == bye.cseq && callBYE.to?.tag == "fork-a")
        var challenge = Peer.response(to: callBYE, 407, tag: "fork-a")
        challenge.headers.add("Proxy-Authenticate", #"Digest realm="atlanta.example.com", nonce="n2", algorithm=MD5"#)
        try harness.deliver(response: challenge)
        let again = try harness.last(.bye)
        #expect(again.to?.tag == "fork-a" && again.cseq == CSeq(3, .bye))
        #expect(again.headers["Proxy-Authorization"] != nil)
    }

    /// Delayed offer: the 2xx offers, the user answers, the ACK carries it.
    @Test func delayedOffer() throws {
        var harness = SessionHarness(offer: nil)
        harness.handle(.start)
        let invite = try harness.last(.invite)
        #expect(invite.body.isEmpty && invite.contentType == nil)
        let bobOffer = MessageBody.sdp("bob", port: 3456, direction: "sendrecv")
        let ok = Peer.response(to: invite, 200, body: bobOffer)
        try harness.deliver(response: ok)
        #expect(harness.reports.last == .answerNeeded(offer: bobOffer))
        #expect(harness.acks.isEmpty)
        try harness.deliver(response: ok)
        #expect(harness.acks.isEmpty, "no ACK without the answer")
        harness.handle(.acknowledge(answer: .aliceOffer))
        let ack = try #require(harness.acks.last)
        #expect(ack.body == MessageBody.aliceOffer.bytes && ack.contentType == .sdp)
        #expect(harness.reports.last == .answered(remote: bobOffer))
    }

    /// An outbound proxy is a loose route ahead of the INVITE and its CANCEL.
    @Test func outboundProxyRoute() throws {
        let proxy = try SIPURI(parsing: "sip:ss1.atlanta.example.com")
        var harness = SessionHarness(configuration: Party.aliceConfiguration(outboundProxy: proxy))
        harness.handle(.start)
        let invite = try harness.last(.invite)
        #expect(invite.routes.map(\.description) == ["<sip:ss1.atlanta.example.com;lr>"])
        try harness.deliver(response: Peer.response(to: invite, 180))
        harness.handle(.hangUp)
        #expect(try harness.last(.cancel).routes == invite.routes)
    }

    /// INVITE, 180, 200 with its ACK: a call up, for the tests that start there.
    static func answeredCall(seed: UInt64 = 1) throws -> SessionHarness {
        var harness = SessionHarness(seed: seed)
        harness.handle(.start)
        let invite = try harness.last(.invite)
        try harness.deliver(response: Peer.response(to: invite, 180))
        try harness.deliver(response: Peer.response(to: invite, 200, body: .bobAnswer))
        #expect(harness.state == .confirmed)
        return harness
    }
}
