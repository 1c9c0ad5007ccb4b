import SIPCore
import SIPTransaction
import Testing

/// §17.1.3 (responses), §17.2.3 (requests) and its RFC 2543 fallback, as
/// `TransactionTable.receive` applies them.
@Suite struct TransactionMatchingTests {
    let invite = TestMessages.invite()

    // MARK: Responses (§17.1.3)

    @Test func responsesMatchByBranchAndCSeqMethod() throws {
        var clock = ManualClock()
        let inviteKey = try clock.startClient(invite)
        let cancel = TestMessages.cancel(for: invite)
        let cancelKey = try clock.startClient(cancel)
        #expect(inviteKey != cancelKey, "same branch, different method: two transactions")
        let cancelled = TestMessages.response(200, to: cancel)
        let terminated = TestMessages.response(487, to: invite)
        guard case .handled(let first, _) = clock.receive(cancelled),
              case .handled(let second, _) = clock.receive(terminated) else {
            Issue.record("both responses should match"); return
        }
        #expect(first == cancelKey)
        #expect(second == inviteKey)
    }

    @Test func aResponseWithAnUnknownBranchIsStray() throws {
        var clock = ManualClock()
        try clock.startClient(invite)
        var other = TestMessages.response(200, to: invite)
        other.vias[0].branch = "z9hG4bKsomeoneelse"
        #expect(clock.receive(other) == .strayResponse)
        #expect(clock.log.count == 3, "only the start's actions: nothing reached the transaction")
    }

    @Test func aResponseForAnotherMethodOnTheSameBranchIsStray() throws {
        var clock = ManualClock()
        try clock.startClient(invite)
        // the 200 to a CANCEL we never sent
        #expect(clock.receive(TestMessages.response(200, to: TestMessages.cancel(for: invite))) == .strayResponse)
    }

    @Test func responsesWithoutAnRFC3261BranchOrViaAreStray() throws {
        var clock = ManualClock()
        try clock.startClient(invite)
        var legacy = TestMessages.response(200, to: invite)
        legacy.vias[0].branch = "74bf9"
        #expect(clock.receive(legacy) == .strayResponse)
        var noVia = TestMessages.response(200, to: invite)
        noVia.vias = []
        #expect(clock.receive(noVia) == .strayResponse)
        var noCSeq = TestMessages.response(200, to: invite)
        noCSeq.cseq = nil
        #expect(clock.receive(noCSeq) == .strayResponse)
    }

    // MARK: Requests (§17.2.3)

    @Test func aRequestRetransmissionHitsTheExistingServerTransaction() throws {
        var clock = ManualClock()
        let register = TestMessages.request(.register)
        guard case .newServerTransactionNeeded(let key) = clock.receive(register) else {
            Issue.record("a first request needs a transaction"); return
        }
        #expect(try clock.startServer(register) == key)
        let ok = TestMessages.response(200, to: register)
        try clock.respond(ok, on: key)
        #expect(clock.receive(register) == .handled(key, [KeyedAction(key: key, action: .send(ok, isRetransmission: true))]))
        #expect(clock.table.count == 1)
        #expect(clock.deliveredRequests == [register], "the TU saw the request once")
    }

    @Test func theSameBranchFromAnotherSentByIsAnotherTransaction() throws {
        var clock = ManualClock()
        let key = try clock.startServer(invite)
        let elsewhere = TestMessages.invite(host: "pc44.atlanta.example.com")
        guard case .newServerTransactionNeeded(let other) = clock.receive(elsewhere) else {
            Issue.record("another client picked the same branch: a new transaction"); return
        }
        #expect(other != key)
        // host names compare without regard to case
        let shouted = TestMessages.invite(host: "PC33.Atlanta.Example.COM")
        guard case .handled(let same, _) = clock.receive(shouted) else { Issue.record("same sent-by"); return }
        #expect(same == key)
    }

    @Test func theACKForANonSuccessResponseHitsTheINVITEServerTransaction() throws {
        var clock = ManualClock()
        let key = try clock.startServer(invite)
        let busy = TestMessages.response(486, to: invite)
        try clock.respond(busy, on: key)
        let ack = TestMessages.ack(for: invite, response: busy)
        guard case .handled(let owner, _) = clock.receive(ack) else { Issue.record("the ACK must match"); return }
        #expect(owner == key)
        guard case .serverInvite(let machine) = clock.table[key] else { Issue.record("gone"); return }
        #expect(machine.state == .confirmed)
        #expect(clock.table.count == 1, "an ACK never creates a transaction")
    }

    @Test func theACKForA2xxGoesToTheDialogLayer() throws {
        var clock = ManualClock()
        let key = try clock.startServer(invite)
        let ok = TestMessages.response(200, to: invite)
        try clock.respond(ok, on: key)
        #expect(clock.receive(TestMessages.ackForSuccess(of: invite, response: ok)) == .ackForDialogLayer)
        guard case .serverInvite(let machine) = clock.table[key] else { Issue.record("gone"); return }
        #expect(machine.state == .accepted, "the INVITE transaction did not see it")
        // and with no transaction at all
        var empty = TransactionTable()
        #expect(empty.receive(TestMessages.ackForSuccess(of: invite, response: ok)) == .ackForDialogLayer)
    }

    @Test func aCANCELIsATransactionOfItsOwn() throws {
        var clock = ManualClock()
        let inviteKey = try clock.startServer(invite)
        let cancel = TestMessages.cancel(for: invite)
        guard case .newServerTransactionNeeded(let cancelKey) = clock.receive(cancel) else {
            Issue.record("a CANCEL needs its own server transaction"); return
        }
        #expect(cancelKey != inviteKey)
        #expect(cancelKey.method == .cancel)
        #expect(clock.table.inviteTransaction(cancelledBy: cancel) == inviteKey)
        try clock.startServer(cancel)
        #expect(clock.table.count == 2)
        // the CANCEL's retransmission goes to the CANCEL's transaction
        guard case .handled(let owner, _) = clock.receive(cancel) else { Issue.record("retransmission"); return }
        #expect(owner == cancelKey)
        // a CANCEL for an INVITE we do not have names nothing
        #expect(clock.table.inviteTransaction(cancelledBy: TestMessages.cancel(for: TestMessages.invite(branch: "z9hG4bKx")))
                == nil)
        #expect(clock.table.inviteTransaction(cancelledBy: invite) == nil, "only a CANCEL cancels")
    }

    @Test func aRequestWithoutViaIsUnmatchable() {
        var table = TransactionTable()
        var request = TestMessages.request(.options)
        request.vias = []
        guard case .unmatchable = table.receive(request) else { Issue.record("no Via, no key"); return }
    }

    // MARK: RFC 2543 fallback (§17.2.3)

    struct LegacyBranch: Sendable, CustomTestStringConvertible {
        var branch: String?
        var testDescription: String { branch.map { "branch \($0)" } ?? "no branch" }
    }

    @Test(arguments: [LegacyBranch(branch: nil), LegacyBranch(branch: "74bf9"), LegacyBranch(branch: "z9hG4bK")])
    func withoutTheMagicCookieRetransmissionsMatchByTheRequestFields(_ row: LegacyBranch) throws {
        var clock = ManualClock()
        let legacyInvite = TestMessages.invite(branch: row.branch)
        let key = try clock.startServer(legacyInvite)
        #expect(key.isLegacy)
        let ringing = TestMessages.response(180, to: legacyInvite)
        try clock.respond(ringing, on: key)
        #expect(clock.receive(legacyInvite) == .handled(key, [KeyedAction(key: key, action: .send(ringing, isRetransmission: true))]))
        // a change in any compared field makes another request
        let changes: [SIPMessage] = [
            TestMessages.invite(branch: row.branch, cseq: 314160),
            TestMessages.invite(branch: row.branch, callID: "other@atlanta.example.com"),
            TestMessages.invite(branch: row.branch, toTag: "sometag"),
            TestMessages.invite(branch: row.branch, host: "pc44.atlanta.example.com"),
            { var m = legacyInvite; m.from?.tag = "othertag"; return m }(),
            { var m = legacyInvite; m.startLine = .request(method: .invite, uri: SIPURI(user: "carol", host: "biloxi.example.com")); return m }(),
        ]
        for changed in changes {
            guard case .newServerTransactionNeeded(let other) = clock.receive(changed) else {
                Issue.record("\(changed.serialized().count) octets matched the transaction"); continue
            }
            #expect(other != key)
        }
    }

    @Test func aLegacyACKMatchesByTheToTagOfTheResponseSent() throws {
        var clock = ManualClock()
        let legacyInvite = TestMessages.invite(branch: nil)
        let key = try clock.startServer(legacyInvite)
        let busy = TestMessages.response(486, to: legacyInvite)
        try clock.respond(busy, on: key)
        // an ACK with another To tag acknowledges some other response
        var stranger = TestMessages.ack(for: legacyInvite, response: busy)
        stranger.to?.tag = "notours"
        #expect(clock.receive(stranger) == .ackForDialogLayer)
        // the right one: Request-URI, From tag, Call-ID, CSeq number, top Via and the response's To tag
        let ack = TestMessages.ack(for: legacyInvite, response: busy)
        guard case .handled(let owner, _) = clock.receive(ack) else { Issue.record("the ACK must match"); return }
        #expect(owner == key)
        guard case .serverInvite(let machine) = clock.table[key] else { Issue.record("gone"); return }
        #expect(machine.state == .confirmed)
    }

    @Test func aLegacyReINVITEAndItsACKMatchWithTheDialogToTag() throws {
        var clock = ManualClock()
        let reinvite = TestMessages.invite(branch: nil, cseq: 2, toTag: TestMessages.bobTag)
        let key = try clock.startServer(reinvite)
        let pending = TestMessages.response(491, to: reinvite)
        try clock.respond(pending, on: key)
        #expect(pending.to?.tag == TestMessages.bobTag)
        guard case .handled(let owner, _) = clock.receive(TestMessages.ack(for: reinvite, response: pending)) else {
            Issue.record("the ACK must match"); return
        }
        #expect(owner == key)
    }
}
