import SIPCore
@testable import SIPUA
import Testing

/// Requests from the peer the call has no special use for, and those that
/// break the dialog's rules (RFC 3261 §12.2.2).
@Suite struct SessionInDialogTests {
    @Test(arguments: [
        // (method, status, Allow expected)
        ("OPTIONS", 200, true),
        ("UPDATE", 405, true),
        ("MESSAGE", 405, true),
        ("FOO", 501, false),
    ])
    func otherMethods(method: String, statusCode: Int, hasAllow: Bool) throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        try harness.deliver(request: bob.request(SIPMethod(method), branch: "z9hG4bK-other"))
        let response = try harness.lastResponse()
        #expect(response.statusCode == statusCode)
        #expect((response.headers["Allow"] != nil) == hasAllow)
        #expect(harness.state == .confirmed)
    }

    /// §12.2.2: a CSeq below the last one is out of order: 500.
    @Test func outOfOrderRequestGets500() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        bob.localSequence = 9
        try harness.deliver(request: bob.request(.info, branch: "z9hG4bK-ten"))
        bob.localSequence = 4
        try harness.deliver(request: bob.request(.bye, branch: "z9hG4bK-five"))
        let response = try harness.lastResponse()
        #expect(response.statusCode == 500 && response.cseq == CSeq(5, .bye))
        #expect(harness.state == .confirmed, "an out-of-order BYE ends nothing")
    }

    /// A request naming a dialog the call does not have: 481 (§12.2.2).
    @Test func unknownRemoteTagGets481() throws {
        var harness = try SessionCallerTests.answeredCall()
        var stranger = try Peer.calleeDialog(for: harness.session.initialInvite, tag: "someone-else")
        try harness.deliver(request: stranger.request(.bye, branch: "z9hG4bK-stranger"))
        #expect(try harness.lastResponse().statusCode == 481)
        #expect(harness.state == .confirmed)
    }

    /// After the BYE only a crossing BYE is still answered 200.
    @Test func requestsAfterTheEnd() throws {
        var harness = try SessionCallerTests.answeredCall()
        var bob = try Peer.calleeDialog(for: harness.session.initialInvite)
        harness.handle(.hangUp)
        try harness.deliver(request: bob.request(.bye, branch: "z9hG4bK-crossing"))
        #expect(try harness.lastResponse().statusCode == 200)
        try harness.deliver(request: bob.request(.info, branch: "z9hG4bK-late"))
        #expect(try harness.lastResponse().statusCode == 481)
        #expect(harness.state == .ended(.localBYE))
    }

    /// A callee's early dialog: the caller may BYE it (§15); the INVITE gets 487.
    @Test func byeOnTheEarlyDialog() throws {
        var harness = try SessionHarness(incoming: try SessionCalleeTests.invite())
        harness.handle(.ring(earlyMedia: nil))
        let ringing = try harness.lastResponse()
        var alice = try #require(Dialog.asCaller(request: try SessionCalleeTests.invite(), response: ringing,
                                                 localContact: Party.aliceContact, overTLS: false))
        try harness.deliver(request: alice.request(.bye, branch: "z9hG4bK-early"))
        #expect(harness.responses.map(\.statusCode) == [180, 200, 487])
        #expect(harness.state == .ended(.remoteBYE))
    }
}
