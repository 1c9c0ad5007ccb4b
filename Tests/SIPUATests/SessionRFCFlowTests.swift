import SIPCore
@testable import SIPUA
import Testing

/// The machines driven with the messages of RFC 3665 §3.1, §3.8, §3.9 and
/// RFC 3515 §4.1 (Tests/Fixtures/flows). Their Call-IDs and our tags are
/// replaced with the session's (which draws its own), and what we send is
/// compared field by field with what the RFC shows.
@Suite struct SessionRFCFlowTests {
    static let basic = "rfc3665/3.01_successful-session-establishment/"
    static let noAnswer = "rfc3665/3.08_unsuccessful-no-answer/"
    static let busy = "rfc3665/3.09_unsuccessful-busy/"
    static let refer = "rfc3515/4.1_prototypical-refer-callflow/"

    /// A message of the peer's, put into the session's dialog: its Call-ID,
    /// and our tag where the peer wrote the RFC's (To of a request, From of
    /// a response).
    static func ours(_ message: SIPMessage, _ harness: SessionHarness) -> SIPMessage {
        message.isRequest ? message.retagged(callID: harness.session.callID, toTag: harness.session.localTag)
                          : message.retagged(callID: harness.session.callID, fromTag: harness.session.localTag)
    }

    /// §3.1 Successful Session Establishment, as Alice.
    @Test func basicCallAsAlice() throws {
        let f1 = try Wire.fixture(Self.basic + "F01.sip")
        var harness = SessionHarness(calling: try #require(f1.to), offer: MessageBody(of: f1))
        harness.handle(.start)
        let invite = try harness.last(.invite)
        #expect(invite.requestURI == f1.requestURI)
        #expect(invite.from?.uri == f1.from?.uri && invite.from?.displayName == f1.from?.displayName)
        #expect(invite.to == f1.to)
        #expect(invite.cseq == f1.cseq)
        #expect(invite.contacts == f1.contacts)
        #expect(invite.maxForwards == f1.maxForwards)
        #expect(invite.topVia?.transport == f1.topVia?.transport)
        #expect(invite.contentType == f1.contentType && invite.body == f1.body)

        try harness.deliver(response: Self.ours(try Wire.fixture(Self.basic + "F02.sip"), harness))
        #expect(harness.reports == [.ringing])
        let f3 = try Wire.fixture(Self.basic + "F03.sip")
        try harness.deliver(response: Self.ours(f3, harness))
        #expect(harness.reports.last == .answered(remote: MessageBody(of: f3)))

        let f4 = try Wire.fixture(Self.basic + "F04.sip")
        let ack = try #require(harness.acks.last)
        // F4's Request-URI drops the ;transport=tcp of F3's Contact; §12.2.1.1
        // wants the remote target as it is, so user and host are compared
        #expect(ack.requestURI?.user == f4.requestURI?.user && ack.requestURI?.host == f4.requestURI?.host)
        #expect(ack.requestURI == f3.contacts.first?.nameAddr?.uri)
        #expect(ack.cseq == f4.cseq && ack.to == f4.to && ack.from?.uri == f4.from?.uri)
        #expect(ack.maxForwards == f4.maxForwards && ack.body.isEmpty)

        let f5 = try Wire.fixture(Self.basic + "F05.sip")
        try harness.deliver(request: Self.ours(f5, harness))
        let f6 = try Wire.fixture(Self.basic + "F06.sip")
        let ok = try harness.lastResponse()
        #expect(ok.statusCode == f6.statusCode && ok.cseq == f6.cseq)
        #expect(ok.from == f6.from && ok.to?.uri == f6.to?.uri && ok.topVia?.branch == f6.topVia?.branch)
        #expect(harness.state == .ended(.remoteBYE))
    }

    /// §3.1 as Bob: F1 in, F2 and F3 out, F4 in, then Bob hangs up (F5).
    @Test func basicCallAsBob() throws {
        let f1 = try Wire.fixture(Self.basic + "F01.sip")
        var harness = try SessionHarness(incoming: f1)
        harness.handle(.ring(earlyMedia: nil))
        let f2 = try Wire.fixture(Self.basic + "F02.sip")
        let ringing = try harness.lastResponse()
        #expect(ringing.statusCode == f2.statusCode && ringing.cseq == f2.cseq && ringing.callID == f2.callID)
        #expect(ringing.from == f2.from && ringing.to?.uri == f2.to?.uri && ringing.to?.tag != nil)
        #expect(ringing.contacts == f2.contacts)
        #expect(ringing.topVia?.branch == f2.topVia?.branch)

        let f3 = try Wire.fixture(Self.basic + "F03.sip")
        harness.handle(.answer(try #require(MessageBody(of: f3))))
        let ok = try harness.lastResponse()
        #expect(ok.statusCode == f3.statusCode && ok.cseq == f3.cseq && ok.contacts == f3.contacts)
        #expect(ok.to?.tag == ringing.to?.tag)
        #expect(ok.contentType == f3.contentType && ok.body == f3.body)

        try harness.deliver(request: Self.ours(try Wire.fixture(Self.basic + "F04.sip"), harness))
        #expect(harness.state == .confirmed)

        harness.handle(.hangUp)
        let f5 = try Wire.fixture(Self.basic + "F05.sip")
        let bye = try harness.last(.bye)
        #expect(bye.requestURI?.user == f5.requestURI?.user && bye.requestURI?.host == f5.requestURI?.host)
        #expect(bye.cseq == f5.cseq && bye.maxForwards == f5.maxForwards)
        #expect(bye.from?.uri == f5.from?.uri && bye.from?.displayName == f5.from?.displayName)
        #expect(bye.to == f5.to)
        #expect(bye.topVia?.transport == f5.topVia?.transport)
        try harness.deliver(response: Self.ours(try Wire.fixture(Self.basic + "F06.sip"), harness))
        #expect(harness.state == .ended(.localBYE))
    }

    /// §3.8 Unsuccessful No Answer, as Alice behind Proxy 1: INVITE (F1),
    /// 100 (F3), 180 (F8), CANCEL (F9), 200 (F10), 487 (F19). The ACK (F20)
    /// is the INVITE client transaction's. (F1 carries Proxy-Authorization
    /// from an exchange the flow leaves out.)
    @Test func noAnswerAsAlice() throws {
        let configuration = SessionConfiguration(
            localAddress: Party.alice, contact: try SIPURI(parsing: "sip:alice@client.atlanta.example.com"),
            outboundProxy: try SIPURI(parsing: "sip:ss1.atlanta.example.com"))
        let f1 = try Wire.fixture(Self.noAnswer + "F01.sip")
        var harness = SessionHarness(calling: try #require(f1.to), offer: MessageBody(of: f1),
                                     configuration: configuration)
        harness.handle(.start)
        let invite = try harness.last(.invite)
        #expect(invite.requestURI == f1.requestURI && invite.routes == f1.routes && invite.contacts == f1.contacts)
        #expect(invite.topVia?.transport == "UDP")

        try harness.deliver(response: Self.ours(try Wire.fixture(Self.noAnswer + "F03.sip"), harness))
        try harness.deliver(response: Self.ours(try Wire.fixture(Self.noAnswer + "F08.sip"), harness))
        #expect(harness.reports == [.trying, .ringing])
        #expect(harness.session.earlyDialogs["314159"]?.routeSet.map(\.uri.host)
                == ["ss1.atlanta.example.com", "ss2.biloxi.example.com"])

        harness.handle(.hangUp)
        let f9 = try Wire.fixture(Self.noAnswer + "F09.sip")
        let cancel = try harness.last(.cancel)
        #expect(cancel.requestURI == f9.requestURI && cancel.routes == f9.routes && cancel.cseq == f9.cseq)
        #expect(cancel.to == f9.to && cancel.from?.uri == f9.from?.uri && cancel.maxForwards == f9.maxForwards)
        #expect(cancel.vias.count == 1 && cancel.topVia == invite.topVia)

        try harness.deliver(response: Self.ours(try Wire.fixture(Self.noAnswer + "F10.sip"), harness))
        #expect(harness.state == .proceeding)
        try harness.deliver(response: Self.ours(try Wire.fixture(Self.noAnswer + "F19.sip"), harness))
        #expect(harness.state == .ended(.cancelled))
        #expect(harness.acks.isEmpty && harness.requests.count == 2)
    }

    /// §3.9 Unsuccessful Busy, as Alice: 100 (F3), 486 (F10).
    @Test func busyAsAlice() throws {
        let f1 = try Wire.fixture(Self.busy + "F01.sip")
        var harness = SessionHarness(calling: try #require(f1.to), offer: MessageBody(of: f1))
        harness.handle(.start)
        try harness.deliver(response: Self.ours(try Wire.fixture(Self.busy + "F03.sip"), harness))
        try harness.deliver(response: Self.ours(try Wire.fixture(Self.busy + "F10.sip"), harness))
        #expect(harness.state == .ended(.failed(statusCode: 486)))
        #expect(harness.reports == [.trying, .ended(.failed(statusCode: 486))])
        #expect(harness.acks.isEmpty && harness.requests.count == 1)
    }

    static let agentA = try! NameAddr(parsing: "<sip:a@atlanta.example.com>")
    static let agentB = try! NameAddr(parsing: "<sip:b@atlanta.example.com>")
    static let target = try! SIPURI(parsing: "sip:c@atlanta.example.com")

    /// RFC 3515 §4.1 as Agent B, the transferee, in a call Agent A made.
    /// The flow's REFER is outside a dialog; here it comes in the call's,
    /// and its "(whatever URI)" is a real one.
    @Test func referAsTransferee() throws {
        let invite = try Wire.message("""
            INVITE sip:b@atlanta.example.com SIP/2.0
            Via: SIP/2.0/UDP agenta.atlanta.example.com;branch=z9hG4bK2293940222
            To: <sip:b@atlanta.example.com>
            From: <sip:a@atlanta.example.com>;tag=193402342
            Call-ID: 898234234@agenta.atlanta.example.com
            CSeq: 93809822 INVITE
            Max-Forwards: 70
            Contact: <sip:a@atlanta.example.com>
            Content-Length: 0


            """)
        let configuration = SessionConfiguration(localAddress: Self.agentB, contact: Self.agentB.uri)
        var harness = try SessionHarness(incoming: invite, configuration: configuration)
        harness.handle(.answer(.bobAnswer))
        var agentA = try #require(Dialog.asCaller(request: invite, response: try harness.lastResponse(),
                                                  localContact: Self.agentA.uri, overTLS: false))
        var ack = agentA.ack(forInvite: 93809822, branch: "z9hG4bK-a-ack")
        ack.setBody(.aliceOffer)
        try harness.deliver(request: ack)
        #expect(harness.state == .confirmed)

        var f1 = Self.ours(try Wire.fixture(Self.refer + "F01.sip"), harness)
        f1.headers.set("Refer-To", "<sip:c@atlanta.example.com>")
        try harness.deliver(request: f1)
        let f2 = try Wire.fixture(Self.refer + "F02.sip")
        let accepted = try harness.lastResponse()
        #expect(accepted.statusCode == f2.statusCode && accepted.cseq == f2.cseq)
        #expect(accepted.from == f2.from && accepted.to?.uri == f2.to?.uri)
        #expect(accepted.contacts.compactMap(\.nameAddr?.uri) == f2.contacts.compactMap(\.nameAddr?.uri))
        #expect(harness.reports.last == .transferRequested(target: Self.target))

        let f3 = try Wire.fixture(Self.refer + "F03.sip")
        let trying = try harness.last(.notify)
        #expect(trying.requestURI == f3.requestURI && trying.to == f3.to && trying.from?.uri == f3.from?.uri)
        #expect(trying.headers["Event"]?.hasPrefix("refer") == true)
        #expect(trying.headers["Subscription-State"]?.hasPrefix("active;expires=") == true)
        #expect(trying.contentType == f3.contentType && trying.body == f3.body)
        #expect(trying.contacts.compactMap(\.nameAddr?.uri) == f3.contacts.compactMap(\.nameAddr?.uri))
        var f4 = Self.ours(try Wire.fixture(Self.refer + "F04.sip"), harness)
        f4.cseq = trying.cseq
        try harness.deliver(response: f4)

        harness.handle(.transferProgress(statusCode: 200))
        let f5 = try Wire.fixture(Self.refer + "F05.sip")
        let done = try harness.last(.notify)
        #expect(done.headers["Subscription-State"] == f5.headers["Subscription-State"])
        #expect(done.contentType == f5.contentType && done.body == f5.body)
        #expect(done.cseq?.number == (trying.cseq?.number ?? 0) + 1)

        // then A ends the original call
        try harness.deliver(request: agentA.request(.bye, branch: "z9hG4bK-a-bye"))
        #expect(harness.state == .ended(.remoteBYE))
    }

    /// RFC 3515 §4.1 as Agent A, the transferor, in a call it made to B.
    @Test func referAsTransferor() throws {
        let configuration = SessionConfiguration(localAddress: Self.agentA, contact: Self.agentA.uri)
        var harness = SessionHarness(calling: Self.agentB, offer: .aliceOffer, configuration: configuration)
        harness.handle(.start)
        let invite = try harness.last(.invite)
        try harness.deliver(response: Peer.response(to: invite, 200, tag: "4992881234", contact: Self.agentB.uri,
                                                    body: .bobAnswer))
        harness.handle(.transfer(to: Self.target))
        let f1 = try Wire.fixture(Self.refer + "F01.sip")
        let refer = try harness.last(.refer)
        #expect(refer.requestURI == f1.requestURI && refer.to?.uri == f1.to?.uri && refer.from?.uri == f1.from?.uri)
        #expect(refer.maxForwards == f1.maxForwards)
        #expect(refer.contacts.compactMap(\.nameAddr?.uri) == f1.contacts.compactMap(\.nameAddr?.uri))
        #expect(refer.headers.values("Refer-To") == ["<sip:c@atlanta.example.com>"])

        var f2 = Self.ours(try Wire.fixture(Self.refer + "F02.sip"), harness)
        f2.cseq = refer.cseq
        try harness.deliver(response: f2)
        #expect(harness.reports.last == .transferAccepted)

        try harness.deliver(request: Self.ours(try Wire.fixture(Self.refer + "F03.sip"), harness))
        let f4 = try Wire.fixture(Self.refer + "F04.sip")
        let ok = try harness.lastResponse()
        #expect(ok.statusCode == f4.statusCode && ok.cseq == f4.cseq && ok.from == f4.from)
        #expect(ok.to?.tag == harness.session.localTag)
        #expect(harness.reports.last == .transferProgress(statusCode: 100))

        try harness.deliver(request: Self.ours(try Wire.fixture(Self.refer + "F05.sip"), harness))
        #expect(try harness.lastResponse().cseq == CSeq(1993403, .notify))
        #expect(harness.reports.suffix(2) == [.transferResult(.succeeded), .ended(.transferred)])
        #expect(try harness.last(.bye).to?.tag == "4992881234")
    }
}
