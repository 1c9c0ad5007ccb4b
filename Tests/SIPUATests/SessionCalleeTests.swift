import SIPCore
@testable import SIPUA
import Testing

/// The callee's side: ringing, answering, 2xx retransmission until the ACK
/// (§13.3.1.4), declining, CANCEL (§9.2) and BYE before the ACK, driven by
/// Alice's INVITE and ACK of RFC 3665 §3.1.
@Suite struct SessionCalleeTests {
    static let flow = "rfc3665/3.01_successful-session-establishment/"

    static func invite() throws -> SIPMessage { try Wire.fixture(flow + "F01.sip") }

    /// Alice's ACK (F4) for our 2xx, with our To tag instead of the RFC's.
    static func ack(for harness: SessionHarness) throws -> SIPMessage {
        try Wire.fixture(flow + "F04.sip").retagged(callID: harness.session.callID, toTag: harness.session.localTag)
    }

    /// Alice's dialog, as her phone builds it from our 2xx.
    static func callerDialog(_ harness: SessionHarness) throws -> Dialog {
        let ok = try #require(harness.responses.last { $0.statusCode == 200 })
        return try #require(Dialog.asCaller(request: try invite(), response: ok, localContact: Party.aliceContact,
                                            overTLS: false))
    }

    @Test func ringAnswerAcknowledgeHangUp() throws {
        let invite = try Self.invite()
        var harness = try SessionHarness(incoming: invite)
        #expect(harness.state == .incoming)
        #expect(harness.session.role == .callee)

        harness.handle(.ring(earlyMedia: nil))
        let ringing = try harness.lastResponse()
        #expect(ringing.statusCode == 180)
        #expect(ringing.to?.tag == harness.session.localTag && ringing.to?.uri == invite.to?.uri)
        #expect(ringing.from == invite.from && ringing.callID == invite.callID && ringing.cseq == invite.cseq)
        #expect(ringing.vias == invite.vias)
        #expect(ringing.contacts.compactMap(\.nameAddr?.uri) == [Party.bobContact])
        #expect(ringing.body.isEmpty)

        harness.handle(.answer(.bobAnswer))
        let ok = try harness.lastResponse()
        #expect(ok.statusCode == 200 && ok.to?.tag == ringing.to?.tag)
        #expect(ok.contacts.compactMap(\.nameAddr?.uri) == [Party.bobContact])
        #expect(ok.contentType == .sdp && ok.body == MessageBody.bobAnswer.bytes)
        #expect(ok.headers["Allow"]?.contains("INVITE") == true)
        #expect(harness.state == .waitingForACK)
        #expect(harness.reports == [.answered(remote: MessageBody(of: invite))])
        #expect(harness.session.dialog?.state == .confirmed)

        try harness.deliver(request: try Self.ack(for: harness))
        #expect(harness.state == .confirmed)
        #expect(harness.timers[.answerRetransmission] == nil && harness.timers[.answerTimeout] == nil)

        harness.handle(.hangUp)
        let bye = try harness.last(.bye)
        // §12.2.1.1 from the callee's dialog: Alice's Contact, her tag in To
        #expect(bye.requestURI == (try SIPURI(parsing: "sip:alice@client.atlanta.example.com;transport=tcp")))
        #expect(bye.cseq == CSeq(1, .bye))
        #expect(bye.from?.tag == harness.session.localTag && bye.to?.tag == "9fxced76sl")
        #expect(bye.from?.uri == invite.to?.uri && bye.to?.uri == invite.from?.uri)
        #expect(harness.state == .ended(.localBYE))
        #expect(harness.states == [.waitingForACK, .confirmed, .ended(.localBYE)])
    }

    @Test func ringWithEarlyMedia() throws {
        var harness = try SessionHarness(incoming: try Self.invite())
        harness.handle(.ring(earlyMedia: .bobAnswer))
        let progress = try harness.lastResponse()
        #expect(progress.statusCode == 183 && progress.body == MessageBody.bobAnswer.bytes)
    }

    /// §13.3.1.4: T1, 2T1, 4T1, then T2 between retransmissions, until the ACK.
    @Test func twoHundredIsRetransmittedUntilTheACK() throws {
        var harness = try SessionHarness(incoming: try Self.invite())
        harness.handle(.answer(.bobAnswer))
        harness.advance(to: .origin + .seconds(5))
        let okCount = harness.responses.filter { $0.statusCode == 200 }.count
        // sent at 0, then at 0.5, 1.5 and 3.5 s
        #expect(okCount == 4)
        #expect(Set(harness.responses.map { $0.serialized() }).count == 1, "the same 2xx each time")
        try harness.deliver(request: try Self.ack(for: harness))
        harness.advance(by: .seconds(60))
        #expect(harness.responses.count == 4)
        #expect(harness.state == .confirmed)
        #expect(harness.requests.isEmpty)
    }

    /// No ACK: retransmissions until 64*T1, then BYE and the call ends.
    @Test func noACKEndsTheCallWithBYE() throws {
        var harness = try SessionHarness(incoming: try Self.invite())
        harness.handle(.answer(.bobAnswer))
        harness.advance(to: .origin + .seconds(31))
        #expect(harness.requests.isEmpty)
        harness.advance(to: .origin + .seconds(32))
        let deadlines = harness.timerStarts.filter { $0.0 == .answerRetransmission }.map { $0.1.sinceOrigin }
        let expected: [Duration] = [.milliseconds(500), .milliseconds(1500), .milliseconds(3500), .milliseconds(7500),
                                    .milliseconds(11500), .milliseconds(15500), .milliseconds(19500),
                                    .milliseconds(23500), .milliseconds(27500), .milliseconds(31500),
                                    .milliseconds(35500)]
        #expect(deadlines == expected)
        #expect(harness.responses.count == 11)
        let bye = try harness.last(.bye)
        #expect(bye.to?.tag == "9fxced76sl")
        #expect(harness.state == .ended(.timeout))
        #expect(harness.timers[.answerRetransmission] == nil)
        harness.advance(by: .seconds(10))
        #expect(harness.responses.count == 11)
    }

    /// §9.2: the CANCEL gets 200, the INVITE 487, and the call is cancelled.
    @Test func cancelBeforeAnswer() throws {
        let invite = try Self.invite()
        var harness = try SessionHarness(incoming: invite)
        harness.handle(.ring(earlyMedia: nil))
        let cancel = InviteSession.cancel(of: invite)
        #expect(harness.session.isCancel(ofOurInvite: cancel))
        try harness.deliver(request: cancel)
        let codes = harness.responses.map { ($0.statusCode ?? 0, $0.cseq?.method.rawValue ?? "") }
        #expect(codes.map(\.0) == [180, 200, 487])
        #expect(codes.map(\.1) == ["INVITE", "CANCEL", "INVITE"])
        #expect(harness.responses.allSatisfy { $0.to?.tag == harness.session.localTag })
        #expect(harness.state == .ended(.cancelled))
        #expect(harness.reports.last == .ended(.cancelled))
    }

    /// A CANCEL after the answer gets its 200 and changes nothing.
    @Test func cancelAfterAnswer() throws {
        let invite = try Self.invite()
        var harness = try SessionHarness(incoming: invite)
        harness.handle(.answer(.bobAnswer))
        try harness.deliver(request: InviteSession.cancel(of: invite))
        #expect(harness.responses.map(\.statusCode) == [200, 200])
        #expect(harness.state == .waitingForACK)
    }

    /// A BYE before our ACK came: 200, the call ends, retransmissions stop.
    @Test func byeBeforeACK() throws {
        var harness = try SessionHarness(incoming: try Self.invite())
        harness.handle(.answer(.bobAnswer))
        var alice = try Self.callerDialog(harness)
        try harness.deliver(request: alice.request(.bye, branch: "z9hG4bK-early-bye"))
        let ok = try harness.lastResponse()
        #expect(ok.statusCode == 200 && ok.cseq == CSeq(2, .bye))
        #expect(harness.state == .ended(.remoteBYE))
        #expect(harness.timers[.answerRetransmission] == nil && harness.timers[.answerTimeout] == nil)
        let sent = harness.responses.count
        harness.advance(by: .seconds(40))
        #expect(harness.responses.count == sent)
        #expect(harness.requests.isEmpty)
    }

    /// Hanging up before the ACK: §15 makes the BYE wait for it.
    @Test func hangUpBeforeACKWaitsForIt() throws {
        var harness = try SessionHarness(incoming: try Self.invite())
        harness.handle(.answer(.bobAnswer))
        harness.handle(.hangUp)
        #expect(harness.state == .ended(.localBYE))
        #expect(harness.requests.isEmpty)
        harness.advance(by: .seconds(1))
        #expect(harness.responses.count == 2, "the 2xx goes on until the ACK")
        try harness.deliver(request: try Self.ack(for: harness))
        #expect(harness.requests.map(\.method) == [.bye])
        harness.advance(by: .seconds(40))
        #expect(harness.requests.count == 1)
    }

    /// Declining: a final status with our tag; 488 when the offer will not do.
    @Test(arguments: [486, 603, 480, 488])
    func reject(statusCode: Int) throws {
        let invite = try Self.invite()
        var harness = try SessionHarness(incoming: invite)
        harness.handle(.ring(earlyMedia: nil))
        harness.handle(.reject(statusCode: statusCode))
        let response = try harness.lastResponse()
        #expect(response.statusCode == statusCode && response.cseq == invite.cseq)
        #expect(response.to?.tag == harness.responses.first?.to?.tag)
        #expect(harness.state == .ended(.rejected(statusCode: statusCode)))
        #expect(harness.reports.last == .ended(.rejected(statusCode: statusCode)))
    }

    /// Hanging up an unanswered call declines it with 603.
    @Test func hangUpUnansweredDeclines() throws {
        var harness = try SessionHarness(incoming: try Self.invite())
        harness.handle(.hangUp)
        #expect(try harness.lastResponse().statusCode == 603)
        #expect(harness.state == .ended(.rejected(statusCode: 603)))
    }

    /// An INVITE without Contact cannot make a dialog (§8.1.1.8).
    @Test func inviteWithoutContactIsRefused() throws {
        var invite = try Self.invite()
        invite.contacts = []
        #expect(InviteSession(incoming: invite, configuration: Party.bobConfiguration(),
                              authenticator: Party.authenticator(username: "bob", seed: 1)) == nil)
    }

    /// An INVITE without offer: our 200 offers, the ACK answers.
    @Test func inviteWithoutOffer() throws {
        var invite = try Self.invite()
        invite.setBody(nil)
        var harness = try SessionHarness(incoming: invite)
        harness.handle(.answer(.bobAnswer))
        #expect(harness.reports.isEmpty)
        var ack = try Self.ack(for: harness)
        ack.setBody(.aliceOffer)
        try harness.deliver(request: ack)
        #expect(harness.reports == [.answered(remote: .aliceOffer)])
    }
}
