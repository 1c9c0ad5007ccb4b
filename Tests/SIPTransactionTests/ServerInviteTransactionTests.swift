import SIPCore
import SIPTransaction
import Testing

/// RFC 3261 §17.2.1 (Figure 7) with RFC 6026's Accepted state and its rule
/// that transport errors end nothing.
@Suite struct ServerInviteTransactionTests {
    let invite = TestMessages.invite()

    func status(_ code: Int) -> (SIPMessage) -> Bool { { $0.statusCode == code } }

    @Test func passesTheINVITEUpAndSends100TryingAtOnce() throws {
        var invite = invite
        invite.headers.add("Timestamp", "54")
        var machine = ServerInviteTransaction(request: invite, transport: .unreliable)
        let actions = machine.handle(.start)
        let trying = try #require(actions.compactMap { if case .send(let m, false) = $0 { return m } else { return nil } }.first)
        #expect(actions == [.deliverRequest(invite), .send(trying, isRetransmission: false)])
        #expect(trying.statusCode == 100)
        #expect(trying.vias == invite.vias)
        #expect(trying.cseq == invite.cseq)
        #expect(trying.callID == invite.callID)
        #expect(trying.to?.tag == nil, "100 Trying carries no To tag (§8.2.6.2)")
        #expect(trying.headers["Timestamp"] == "54", "§8.2.6.1 copies Timestamp into the 100")
        #expect(machine.state == .proceeding)
        #expect(machine.lastResponse == trying)
    }

    @Test func delayedTryingIsNotSentWhenTheTUAnswersInTime() throws {
        var clock = ManualClock(tryingPolicy: .unlessTUAnswersWithin(.milliseconds(200)))
        let key = try clock.startServer(invite)
        #expect(clock.log.map(\.action) == [.deliverRequest(invite), .startTimer(.trying, after: .milliseconds(200))])
        clock.advance(to: .milliseconds(150))
        try clock.respond(TestMessages.response(180, to: invite), on: key)
        clock.advance(to: .seconds(1))
        #expect(clock.sent.map(\.message.statusCode) == [180])
        #expect(clock.times(of: .cancelTimer(.trying)) == [.milliseconds(150)])
    }

    @Test func delayedTryingIsSentWhenTheTUStaysSilent() throws {
        var clock = ManualClock(tryingPolicy: .unlessTUAnswersWithin(.milliseconds(200)))
        let key = try clock.startServer(invite)
        clock.advance(to: .seconds(1))
        #expect(clock.sendTimes(where: status(100)) == [.milliseconds(200)])
        // and it answers retransmitted INVITEs from then on
        clock.clearLog()
        #expect(clock.receive(invite) == .handled(key, [KeyedAction(key: key, action: .send(
            TestMessages.response(100, to: invite), isRetransmission: true))]))
    }

    @Test func retransmittedINVITEGetsTheLatestProvisionalResponse() throws {
        var clock = ManualClock()
        let key = try clock.startServer(invite)
        let ringing = TestMessages.response(180, to: invite)
        try clock.respond(ringing, on: key)
        clock.clearLog()
        clock.advance(to: .seconds(0.5))
        #expect(clock.receive(invite) == .handled(key, [KeyedAction(key: key, action: .send(ringing, isRetransmission: true))]))
        #expect(clock.deliveredRequests.isEmpty, "a retransmission is not passed to the TU")
        #expect(clock.table.count == 1)
    }

    @Test func nonSuccessFinalIsRetransmittedOnTimerGUntilTheACK() throws {
        var clock = ManualClock()
        let key = try clock.startServer(invite)
        clock.advance(to: .seconds(1))
        let busy = TestMessages.response(486, to: invite)
        try clock.respond(busy, on: key)
        clock.advance(to: .seconds(13))
        // G: T1, 2T1, 4T1, then T2
        #expect(clock.sendTimes(where: status(486)) == seconds(1, 1.5, 2.5, 4.5, 8.5, 12.5))
        #expect(clock.sent.filter { $0.message.statusCode == 486 }.map(\.isRetransmission)
                == [false, true, true, true, true, true])
        let ack = TestMessages.ack(for: invite, response: busy)
        #expect(clock.receive(ack) == .handled(key, [KeyedAction(key: key, action: .cancelTimer(.g)),
                                                     KeyedAction(key: key, action: .cancelTimer(.h)),
                                                     KeyedAction(key: key, action: .startTimer(.i, after: .seconds(5)))]))
        guard case .serverInvite(let machine) = clock.table[key] else { Issue.record("gone"); return }
        #expect(machine.state == .confirmed)
        clock.advance(to: .seconds(14))
        // Confirmed absorbs retransmitted ACKs (Timer I's purpose) and INVITEs
        #expect(clock.receive(ack) == .handled(key, []))
        #expect(clock.receive(invite) == .handled(key, []))
        clock.advance(to: .seconds(100))
        #expect(clock.sendTimes(where: status(486)).count == 6, "no retransmission after the ACK")
        #expect(clock.times(of: .terminated) == seconds(18))
        #expect(clock.deliveredRequests == [invite], "the ACK for a non-2xx stays in the transaction")
        #expect(clock.table.isEmpty)
    }

    @Test func timerHEndsTheWaitForAnACK() throws {
        var clock = ManualClock()
        let key = try clock.startServer(invite)
        try clock.respond(TestMessages.response(603, to: invite), on: key)
        clock.advance(to: .seconds(100))
        #expect(clock.sendTimes(where: status(603)) == seconds(0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5))
        #expect(clock.times(of: .reportTimeout(.h)) == seconds(32))
        #expect(clock.times(of: .terminated) == seconds(32))
        #expect(clock.table.isEmpty)
        #expect(clock.schedule.isEmpty)
    }

    @Test func retransmittedINVITEInCompletedGetsTheFinalResponse() throws {
        var clock = ManualClock()
        let key = try clock.startServer(invite)
        let busy = TestMessages.response(486, to: invite)
        try clock.respond(busy, on: key)
        clock.clearLog()
        #expect(clock.receive(invite) == .handled(key, [KeyedAction(key: key, action: .send(busy, isRetransmission: true))]))
        // further responses from the TU are too late
        #expect(try clock.respond(TestMessages.response(200, to: invite), on: key) == [])
    }

    @Test func successMovesToAcceptedWhichLeaves2xxRetransmissionsToTheTU() throws {
        var clock = ManualClock()
        let key = try clock.startServer(invite)
        let ok = TestMessages.response(200, to: invite)
        try clock.respond(ok, on: key)
        guard case .serverInvite(let machine) = clock.table[key] else { Issue.record("gone"); return }
        #expect(machine.state == .accepted)
        clock.advance(to: .seconds(0.5))
        // INVITE retransmissions are absorbed: neither re-answered nor new
        #expect(clock.receive(invite) == .handled(key, []))
        clock.advance(to: .seconds(1))
        // the TU retransmits its 2xx (§13.3.1.4) through the transaction
        try clock.respond(ok, on: key)
        let ack = TestMessages.ackForSuccess(of: invite, response: ok, branch: TestMessages.branch)
        // an ACK that reaches Accepted (same branch, or RFC 2543) goes to the TU
        #expect(clock.receive(ack) == .handled(key, [KeyedAction(key: key, action: .deliverRequest(ack))]))
        clock.advance(to: .seconds(100))
        #expect(clock.sendTimes(where: status(200)) == seconds(0, 1), "no Timer G for a 2xx")
        #expect(clock.sent.filter { $0.message.statusCode == 200 }.map(\.isRetransmission) == [false, true])
        #expect(clock.times(of: .terminated) == seconds(32), "Timer L = 64*T1")
        #expect(clock.times(of: .reportTimeout(.h)).isEmpty)
        #expect(clock.table.isEmpty)
    }

    struct TransportErrorRow: Sendable, CustomTestStringConvertible {
        var name: String
        var setup: [ServerTransactionEvent]
        var state: ServerInviteTransaction.State
        var testDescription: String { name }
    }

    static let invite = TestMessages.invite()
    static let transportErrors: [TransportErrorRow] = [
        TransportErrorRow(name: "Proceeding", setup: [.start], state: .proceeding),
        TransportErrorRow(name: "Completed", setup: [.start, .responseFromTU(TestMessages.response(486, to: invite))],
                          state: .completed),
        TransportErrorRow(name: "Accepted", setup: [.start, .responseFromTU(TestMessages.response(200, to: invite))],
                          state: .accepted),
    ]

    /// RFC 6026 §7.1: "MUST NOT discard transaction state based only on
    /// encountering a non-recoverable transport error"; the TU is told.
    @Test(arguments: transportErrors)
    func transportErrorIsReportedButEndsNothing(_ row: TransportErrorRow) {
        var machine = ServerInviteTransaction(request: Self.invite, transport: .unreliable)
        for event in row.setup { _ = machine.handle(event) }
        #expect(machine.handle(.transportError) == [.reportTransportError])
        #expect(machine.state == row.state)
    }

    @Test func reliableTransportHasNoTimerGAndNoWaitInConfirmed() throws {
        var clock = ManualClock()
        let tcpInvite = TestMessages.invite(transport: "TCP")
        let key = try clock.startServer(tcpInvite, over: .reliable)
        let busy = TestMessages.response(486, to: tcpInvite)
        try clock.respond(busy, on: key)
        #expect(clock.log.last?.action == .startTimer(.h, after: .seconds(32)))
        clock.advance(to: .seconds(5))
        #expect(clock.sendTimes(where: status(486)) == seconds(0))
        #expect(clock.receive(TestMessages.ack(for: tcpInvite, response: busy)) == .handled(key, [
            KeyedAction(key: key, action: .cancelTimer(.h)), KeyedAction(key: key, action: .terminated),
        ]), "Timer I is zero over reliable transports")
        #expect(clock.table.isEmpty)
        #expect(clock.schedule.isEmpty)
    }

    @Test func reliableTransportStillWaitsTimerHForTheACK() throws {
        var clock = ManualClock()
        let tcpInvite = TestMessages.invite(transport: "TCP")
        let key = try clock.startServer(tcpInvite, over: .reliable)
        try clock.respond(TestMessages.response(486, to: tcpInvite), on: key)
        clock.advance(to: .seconds(40))
        #expect(clock.times(of: .reportTimeout(.h)) == seconds(32))
    }
}
