import SIPCore
@testable import SIPUA
import Testing

/// Hold and resume by re-INVITE in both directions, and glare (RFC 3261 §14).
@Suite struct SessionReinviteTests {
    /// Alice (caller) holds and resumes; Bob's 2xx moves the target.
    @Test func localHoldAndResume() throws {
        var harness = try SessionCallerTests.answeredCall()
        harness.handle(.hold(offer: .holdOffer))
        let hold = try harness.last(.invite)
        #expect(hold.cseq == CSeq(2, .invite))
        #expect(hold.requestURI == Party.bobContact)
        #expect(hold.to?.tag == Party.bobTag && hold.from?.tag == harness.session.localTag)
        #expect(hold.contacts.compactMap(\.nameAddr?.uri) == [Party.aliceContact])
        #expect(hold.body == MessageBody.holdOffer.bytes)
        #expect(!harness.session.isLocallyHeld, "held only once the peer agrees")

        let moved = try SIPURI(parsing: "sip:bob@192.0.2.55:5062;transport=tcp")
        try harness.deliver(response: Peer.response(to: hold, 200, contact: moved, body: .heldAnswer))
        let ack = try #require(harness.acks.last)
        #expect(ack.cseq == CSeq(2, .ack) && ack.requestURI == moved)
        #expect(harness.reports.suffix(2) == [.reinviteAnswered(remote: .heldAnswer), .held(.local)])
        #expect(harness.session.isLocallyHeld)

        harness.handle(.resume(offer: .resumeOffer))
        let resume = try harness.last(.invite)
        #expect(resume.cseq == CSeq(3, .invite) && resume.requestURI == moved)
        #expect(resume.body == MessageBody.resumeOffer.bytes)
        try harness.deliver(response: Peer.response(to: resume, 200, contact: moved, body: .bobAnswer))
        #expect(harness.reports.suffix(2) == [.reinviteAnswered(remote: .bobAnswer), .resumed(.local)])
        #expect(!harness.session.isLocallyHeld)
        #expect(harness.acks.last?.cseq == CSeq(3, .ack))
        #expect(harness.state == .confirmed)
    }

    /// Bob holds Alice: his re-INVITE is offered to the user, who answers;
    /// our 2xx goes until his ACK (§13.3.1.4 holds for re-INVITEs too).
    @Test func remoteHoldAndResume() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: try harness.last(.invite))
        let moved = try SIPURI(parsing: "sip:bob@192.0.2.77;transport=tcp")
        bob.localContact = moved
        var hold = bob.request(.invite, branch: "z9hG4bK-bob-hold")
        hold.setBody(.sdp("bob", port: 3456, direction: "sendonly"))
        try harness.deliver(request: hold)
        #expect(harness.reports.last == .reinviteOffered(offer: .sdp("bob", port: 3456, direction: "sendonly")))
        #expect(harness.responses.isEmpty)

        harness.handle(.acceptReinvite(answer: .sdp("alice", port: 49172, direction: "recvonly"), remoteHold: true))
        let ok = try harness.lastResponse()
        #expect(ok.statusCode == 200 && ok.cseq == CSeq(1, .invite))
        #expect(ok.contacts.compactMap(\.nameAddr?.uri) == [Party.aliceContact])
        #expect(ok.body == MessageBody.sdp("alice", port: 49172, direction: "recvonly").bytes)
        #expect(harness.reports.last == .held(.remote))
        #expect(harness.session.isRemotelyHeld)
        // the accepted re-INVITE moved the target (§12.2.2)
        #expect(harness.session.dialog?.remoteTarget == moved)
        harness.advance(by: .milliseconds(600))
        #expect(harness.responses.count == 2, "retransmitted at T1")
        try harness.deliver(request: bob.ack(forInvite: 1, branch: "z9hG4bK-bob-ack"))
        #expect(harness.timers[.answerRetransmission] == nil)

        var resume = bob.request(.invite, branch: "z9hG4bK-bob-resume")
        resume.setBody(.bobAnswer)
        try harness.deliver(request: resume)
        harness.handle(.acceptReinvite(answer: .aliceOffer, remoteHold: false))
        #expect(harness.reports.last == .resumed(.remote))
        #expect(!harness.session.isRemotelyHeld)
    }

    /// Glare, their side: a re-INVITE while ours is pending gets 491 (§14.2).
    @Test func reinviteWhileOursIsPendingGets491() throws {
        var harness = try SessionCallerTests.answeredCall()
        harness.handle(.hold(offer: .holdOffer))
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        var theirs = bob.request(.invite, branch: "z9hG4bK-bob-glare")
        theirs.setBody(.bobAnswer)
        try harness.deliver(request: theirs)
        let response = try harness.lastResponse()
        #expect(response.statusCode == 491 && response.cseq == CSeq(1, .invite))
        #expect(!harness.reports.contains { if case .reinviteOffered = $0 { return true } else { return false } })
    }

    /// Glare, our side: our re-INVITE drew 491; we retry after 2.1-4 s when we
    /// own the Call-ID (the caller), after 0-2 s otherwise, in 10 ms units (§14.1).
    @Test(arguments: [SessionRole.caller, .callee])
    func our491RetriesInTheWindow(role: SessionRole) throws {
        var delays: Set<Duration> = []
        for seed in UInt64(1)...25 {
            var harness = role == .caller ? try SessionCallerTests.answeredCall(seed: seed)
                                          : try Self.answeredCallee(seed: seed)
            harness.handle(.hold(offer: .holdOffer))
            let first = try harness.last(.invite)
            try harness.deliver(response: Peer.response(to: first, 491, tag: first.to?.tag))
            #expect(!harness.reports.contains(.reinviteFailed(statusCode: 491)), "a 491 is retried, not reported")
            let deadline = try #require(harness.timers[.reinviteRetry])
            let delay = deadline - harness.now
            let window: ClosedRange<Duration> = role == .caller ? .milliseconds(2100) ... .milliseconds(4000)
                                                                : .zero ... .milliseconds(2000)
            #expect(window.contains(delay), "seed \(seed): \(delay)")
            #expect(delay.components.attoseconds % 10_000_000_000_000_000 == 0, "not in 10 ms units: \(delay)")
            delays.insert(delay)
            let sent = harness.requests.count
            harness.advance(to: deadline)
            #expect(harness.requests.count == sent + 1)
            let retry = try harness.last(.invite)
            #expect(retry.cseq?.number == (first.cseq?.number ?? 0) + 1)
            #expect(retry.body == first.body && retry.topVia?.branch != first.topVia?.branch)
        }
        #expect(delays.count > 10, "the wait is random")
    }

    /// §14.2: a second re-INVITE before we answered the first gets 500 with
    /// a Retry-After of 0-10 s.
    @Test func secondIncomingReinviteGets500() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        try harness.deliver(request: bob.request(.invite, branch: "z9hG4bK-one"))
        try harness.deliver(request: bob.request(.invite, branch: "z9hG4bK-two"))
        let response = try harness.lastResponse()
        #expect(response.statusCode == 500 && response.cseq == CSeq(2, .invite))
        let retryAfterText = try #require(response.headers["Retry-After"])
        let retryAfter = try #require(Int(retryAfterText))
        #expect((0...10).contains(retryAfter))
    }

    /// Refusing the peer's offer (488) leaves the session as it was.
    @Test func rejectReinvite() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        try harness.deliver(request: bob.request(.invite, branch: "z9hG4bK-bad-offer"))
        harness.handle(.rejectReinvite(statusCode: 488))
        #expect(try harness.lastResponse().statusCode == 488)
        #expect(!harness.session.isRemotelyHeld && harness.state == .confirmed)
        #expect(harness.session.dialog?.remoteTarget == Party.bobContact)
        // and the next one may come
        harness.handle(.hold(offer: .holdOffer))
        #expect(try harness.last(.invite).cseq == CSeq(2, .invite))
    }

    /// A refused re-INVITE of ours: reported, the call unchanged (§14.1);
    /// 481 and 408 end the dialog (§12.2.1.2).
    @Test(arguments: [(488, SessionState.confirmed, false), (500, .confirmed, false),
                      (481, .ended(.failed(statusCode: 481)), false), (408, .ended(.timeout), true)])
    func ourReinviteRefused(statusCode: Int, after: SessionState, sendsBYE: Bool) throws {
        var harness = try SessionCallerTests.answeredCall()
        harness.handle(.hold(offer: .holdOffer))
        try harness.deliver(response: Peer.response(to: try harness.last(.invite), statusCode))
        #expect(harness.state == after)
        #expect(!harness.session.isLocallyHeld)
        #expect((harness.requests.last?.method == .bye) == sendsBYE)
        if after == .confirmed { #expect(harness.reports.last == .reinviteFailed(statusCode: statusCode)) }
    }

    /// One INVITE transaction at a time (§14.1): a hold while one runs is refused.
    @Test func holdWhileReinvitePendingIsRefused() throws {
        var harness = try SessionCallerTests.answeredCall()
        harness.handle(.hold(offer: .holdOffer))
        harness.handle(.resume(offer: .resumeOffer))
        #expect(harness.requests.filter { $0.method == .invite }.count == 2)
        #expect(harness.reports.last == .reinviteNotSent("a re-INVITE is in progress"), "\(harness.reports)")
    }

    /// Answered but not yet ACKed: the call shows connected, yet no re-INVITE
    /// may go; the owner hears so and can drop the offer it made.
    @Test func holdBeforeTheACKIsNotSent() throws {
        var harness = try SessionHarness(incoming: try SessionCalleeTests.invite(), seed: 2)
        harness.handle(.answer(.bobAnswer))
        harness.handle(.hold(offer: .holdOffer))
        #expect(harness.requests.filter { $0.method == .invite }.isEmpty)
        #expect(harness.reports.last == .reinviteNotSent("the call is not established"), "\(harness.reports)")
    }

    /// Bob answered Alice's INVITE (RFC 3665 §3.1) and has her ACK.
    static func answeredCallee(seed: UInt64 = 2) throws -> SessionHarness {
        var harness = try SessionHarness(incoming: try SessionCalleeTests.invite(), seed: seed)
        harness.handle(.answer(.bobAnswer))
        try harness.deliver(request: try SessionCalleeTests.ack(for: harness))
        #expect(harness.state == .confirmed)
        harness.reports = []
        harness.responses = []
        return harness
    }
}
