import SIPCore
@testable import SIPUA
import Testing

/// Blind transfer (RFC 3515) from both ends: REFER, 202, NOTIFY with
/// message/sipfrag bodies, and the BYE that ends the transferred call.
@Suite struct SessionTransferTests {
    /// A NOTIFY of Bob's about our REFER, as RFC 3515 §4.1 F3/F5 write it.
    static func notify(from bob: inout Dialog, _ sipfrag: String, terminated: Bool) -> SIPMessage {
        var notify = bob.request(.notify, branch: "z9hG4bK-bob-notify-\(bob.localSequence ?? 0)")
        notify.headers.add("Event", "refer")
        notify.headers.add("Subscription-State", terminated ? "terminated;reason=noresource" : "active;expires=60")
        notify.setBody(MessageBody(type: SipFrag.mediaType, text: sipfrag + "\r\n"))
        return notify
    }

    /// Alice transfers Bob to Carol; Carol answers; Alice's call ends.
    @Test func transferorSucceeds() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        harness.handle(.transfer(to: Party.carol))
        let refer = try harness.last(.refer)
        #expect(refer.cseq == CSeq(2, .refer))
        #expect(refer.requestURI == Party.bobContact && refer.to?.tag == Party.bobTag)
        #expect(refer.headers.values("Refer-To") == ["<sip:carol@chicago.example.com>"])
        #expect(refer.headers["Referred-By"] == "<sip:alice@atlanta.example.com>")
        #expect(!refer.contacts.isEmpty)

        try harness.deliver(response: Peer.response(to: refer, 202))
        #expect(harness.reports.last == .transferAccepted)

        try harness.deliver(request: Self.notify(from: &bob, "SIP/2.0 100 Trying", terminated: false))
        #expect(try harness.lastResponse().statusCode == 200)
        #expect(harness.reports.last == .transferProgress(statusCode: 100))
        #expect(harness.state == .confirmed)

        try harness.deliver(request: Self.notify(from: &bob, "SIP/2.0 200 OK", terminated: true))
        let ok = try harness.lastResponse()
        #expect(ok.statusCode == 200 && ok.cseq == CSeq(2, .notify))
        #expect(harness.reports.suffix(3) == [.transferProgress(statusCode: 200), .transferResult(.succeeded),
                                              .ended(.transferred)])
        let bye = try harness.last(.bye)
        #expect(bye.cseq == CSeq(3, .bye) && bye.to?.tag == Party.bobTag)
        #expect(harness.state == .ended(.transferred))
    }

    /// The target was busy: the transfer failed and the call stays.
    @Test func transferorTargetBusy() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        harness.handle(.transfer(to: Party.carol))
        try harness.deliver(response: Peer.response(to: try harness.last(.refer), 202))
        try harness.deliver(request: Self.notify(from: &bob, "SIP/2.0 486 Busy Here", terminated: true))
        #expect(harness.reports.suffix(2) == [.transferProgress(statusCode: 486),
                                              .transferResult(.failed(statusCode: 486))])
        #expect(harness.state == .confirmed)
        #expect(harness.requests.allSatisfy { $0.method != .bye })
        // a later NOTIFY belongs to no subscription (RFC 6665 §4.1.3)
        try harness.deliver(request: Self.notify(from: &bob, "SIP/2.0 200 OK", terminated: true))
        #expect(try harness.lastResponse().statusCode == 481)
    }

    @Test(arguments: [403, 405, 501])
    func referRefused(statusCode: Int) throws {
        var harness = try SessionCallerTests.answeredCall()
        harness.handle(.transfer(to: Party.carol))
        try harness.deliver(response: Peer.response(to: try harness.last(.refer), statusCode))
        #expect(harness.reports.last == .transferResult(.failed(statusCode: statusCode)))
        #expect(harness.state == .confirmed)
    }

    /// Bob transfers Alice to Carol: 202, NOTIFY 100 at once, the target
    /// for the user, NOTIFYs as the new call goes, then Bob's BYE.
    @Test func transfereeReportsProgress() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        var refer = bob.request(.refer, branch: "z9hG4bK-bob-refer")
        refer.headers.add("Refer-To", "<sip:carol@chicago.example.com>")
        try harness.deliver(request: refer)

        let accepted = try harness.lastResponse()
        #expect(accepted.statusCode == 202 && accepted.cseq == CSeq(1, .refer))
        #expect(!accepted.contacts.isEmpty)
        #expect(harness.reports.last == .transferRequested(target: Party.carol))
        let trying = try harness.last(.notify)
        #expect(trying.cseq == CSeq(2, .notify))
        #expect(trying.requestURI == Party.bobContact && trying.to?.tag == Party.bobTag)
        #expect(trying.headers["Event"] == "refer;id=1")
        #expect(trying.headers["Subscription-State"] == "active;expires=60")
        #expect(trying.contentType == SipFrag.mediaType)
        #expect(trying.bodyText == "SIP/2.0 100 Trying\r\n")
        #expect(!trying.contacts.isEmpty)
        try harness.deliver(response: Peer.response(to: trying, 200))

        harness.handle(.transferProgress(statusCode: 180))
        #expect(try harness.last(.notify).bodyText == "SIP/2.0 180 Ringing\r\n")
        harness.handle(.transferProgress(statusCode: 200))
        let done = try harness.last(.notify)
        #expect(done.cseq == CSeq(4, .notify))
        #expect(done.bodyText == "SIP/2.0 200 OK\r\n")
        #expect(done.headers["Subscription-State"] == "terminated;reason=noresource")
        harness.handle(.transferProgress(statusCode: 200))
        if case .commandRefused = harness.reports.last {} else { Issue.record("no refusal after the final NOTIFY") }

        try harness.deliver(request: bob.request(.bye, branch: "z9hG4bK-bob-bye"))
        #expect(harness.state == .ended(.remoteBYE))
    }

    /// §2.4.1: one Refer-To, or 400; RFC 6665: NOTIFY for another event 489,
    /// for no subscription 481.
    @Test(arguments: [
        ("REFER", [] as [String], 400),
        ("REFER", ["<sip:carol@chicago.example.com>", "<sip:dave@example.com>"], 400),
        ("NOTIFY", ["Event: presence"], 489),
        ("NOTIFY", ["Event: refer"], 481),
    ])
    func malformedTransferRequests(method: String, headers: [String], statusCode: Int) throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        var request = bob.request(SIPMethod(method), branch: "z9hG4bK-odd")
        for header in headers {
            if method == "REFER" {
                request.headers.add("Refer-To", header)
            } else {
                let parts = header.split(separator: ":", maxSplits: 1)
                request.headers.add(String(parts[0]), parts[1].trimmingLWS)
            }
        }
        try harness.deliver(request: request)
        #expect(try harness.lastResponse().statusCode == statusCode)
        #expect(harness.requests.count == 1)
    }
}
