import SIPCore
@testable import SIPUA
import Testing

/// INFO in the dialog: DTMF as application/dtmf-relay, both ways.
@Suite struct SessionInfoTests {
    @Test func sendDTMF() throws {
        var harness = try SessionCallerTests.answeredCall()
        harness.handle(.sendInfo(.dtmf))
        let info = try harness.last(.info)
        #expect(info.cseq == CSeq(2, .info) && info.requestURI == Party.bobContact)
        #expect(info.contentType == MessageBody.dtmfRelay)
        #expect(info.bodyText == "Signal=5\r\nDuration=160\r\n")
        let before = harness.reports.count
        try harness.deliver(response: Peer.response(to: info, 200))
        #expect(harness.reports.count == before)
    }

    @Test(arguments: [(415, SessionState.confirmed), (501, .confirmed), (481, .ended(.failed(statusCode: 481)))])
    func infoRefused(statusCode: Int, after: SessionState) throws {
        var harness = try SessionCallerTests.answeredCall()
        harness.handle(.sendInfo(.dtmf))
        try harness.deliver(response: Peer.response(to: try harness.last(.info), statusCode))
        #expect(harness.state == after)
        if after == .confirmed { #expect(harness.reports.last == .infoFailed(statusCode: statusCode)) }
    }

    @Test func infosGoOneAtATime() throws {
        var harness = try SessionCallerTests.answeredCall()
        let second = MessageBody(type: MessageBody.dtmfRelay, text: "Signal=7\r\nDuration=160\r\n")
        let third = MessageBody(type: MessageBody.dtmfRelay, text: "Signal=8\r\nDuration=160\r\n")
        harness.handle(.sendInfo(.dtmf))
        harness.handle(.sendInfo(second))
        harness.handle(.sendInfo(third))
        #expect(harness.requests.filter { $0.method == .info }.count == 1, "the others wait for its answer")
        try harness.deliver(response: Peer.response(to: try harness.last(.info), 200))
        let next = try harness.last(.info)
        #expect(next.bodyText == "Signal=7\r\nDuration=160\r\n" && next.cseq == CSeq(3, .info))
        // a refused one does not stop the queue
        try harness.deliver(response: Peer.response(to: next, 500))
        #expect(try harness.last(.info).bodyText == "Signal=8\r\nDuration=160\r\n")
        #expect(harness.requests.filter { $0.method == .info }.count == 3)
    }

    @Test func receiveDTMF() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        var info = bob.request(.info, branch: "z9hG4bK-bob-info")
        info.setBody(.dtmf)
        try harness.deliver(request: info)
        #expect(try harness.lastResponse().statusCode == 200)
        #expect(harness.reports.last == .infoReceived(.dtmf))
    }

    @Test func infoBeforeTheCallIsUpIsRefused() {
        var harness = SessionHarness()
        harness.handle(.start)
        harness.handle(.sendInfo(.dtmf))
        #expect(harness.requests.count == 1)
        if case .commandRefused = harness.reports.last {} else { Issue.record("\(harness.reports)") }
    }
}
