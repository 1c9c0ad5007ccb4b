import SIPCore
import SIPTransaction
import Testing

/// RFC 3261 §17.1.1 (Figure 5) with RFC 6026's Accepted state.
@Suite struct ClientInviteTransactionTests {
    let invite = TestMessages.invite()

    func isInvite(_ message: SIPMessage) -> Bool { message.method == .invite }
    func isACK(_ message: SIPMessage) -> Bool { message.method == .ack }

    @Test func retransmitsOverUDPWithDoublingIntervalsUntilTimerB() throws {
        var clock = ManualClock()
        let key = try clock.startClient(invite)
        clock.advance(to: .seconds(100))
        // §17.1.1.2: Timer A starts at T1 and doubles; Timer B = 64*T1 ends it
        #expect(clock.sendTimes(where: isInvite) == seconds(0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5))
        #expect(clock.sent.map(\.isRetransmission) == [false, true, true, true, true, true, true])
        #expect(clock.times(of: .reportTimeout(.b)) == seconds(32))
        #expect(clock.times(of: .terminated) == seconds(32))
        #expect(clock.actions { if case .send(let m, _) = $0 { return isACK(m) } else { return false } }.isEmpty,
                "Timer B: the client transaction MUST NOT generate an ACK")
        #expect(clock.table[key] == nil)
        #expect(clock.schedule.isEmpty, "Timer A was cancelled when B fired")
    }

    @Test func provisionalResponseStopsRetransmissionsAndTimerB() throws {
        var clock = ManualClock()
        let key = try clock.startClient(invite)
        clock.advance(to: .seconds(1))
        let ringing = TestMessages.response(180, to: invite)
        #expect(clock.receive(ringing) == .handled(key, [
            KeyedAction(key: key, action: .cancelTimer(.a)),
            KeyedAction(key: key, action: .cancelTimer(.b)),
            KeyedAction(key: key, action: .deliverResponse(ringing)),
        ]))
        clock.advance(to: .seconds(200))
        #expect(clock.sendTimes() == seconds(0, 0.5), "no retransmission in Proceeding")
        #expect(clock.times(of: .reportTimeout(.b)).isEmpty, "Timer B only acts in Calling")
        guard case .clientInvite(let machine) = clock.table[key] else { Issue.record("gone"); return }
        #expect(machine.state == .proceeding)
        // more provisional responses still reach the TU
        let progress = TestMessages.response(183, to: invite)
        #expect(clock.receive(progress) == .handled(key, [KeyedAction(key: key, action: .deliverResponse(progress))]))
    }

    @Test func nonSuccessFinalResponseIsAcknowledgedWithTheRFCFields() throws {
        var invite = invite
        // as a proxy's client transaction would have it: its Via on top of the UAC's
        invite.vias = [Via(transport: "UDP", host: "proxy.atlanta.example.com", port: 5060, branch: "z9hG4bK2d4790.1"),
                       Via(transport: "UDP", host: TestMessages.aliceHost, port: 5060, branch: TestMessages.branch)]
        invite.routes = [NameAddr(uri: SIPURI(host: "p1.example.com", parameters: [SIPParameter("lr")])),
                         NameAddr(uri: SIPURI(host: "p2.example.com", parameters: [SIPParameter("lr")]))]
        invite.headers.set("Max-Forwards", "69")
        var machine = ClientInviteTransaction(request: invite, transport: .unreliable)
        _ = machine.handle(.start)
        let busy = TestMessages.response(486, to: invite)
        let actions = machine.handle(.responseReceived(busy))

        let sentACKs = actions.compactMap { if case .send(let m, false) = $0 { return m } else { return nil } }
        let ack = try #require(sentACKs.first)
        #expect(sentACKs.count == 1)
        #expect(ack.method == .ack)
        #expect(ack.requestURI == invite.requestURI)
        #expect(ack.callID == invite.callID)
        #expect(ack.from == invite.from)
        #expect(ack.cseq == CSeq(314159, .ack))
        #expect(ack.to == busy.to, "To comes from the response, with its tag")
        #expect(ack.to?.tag == TestMessages.bobTag)
        #expect(ack.vias == [invite.vias[0]], "one Via: the top Via of the request")
        #expect(ack.routes == invite.routes)
        #expect(ack.headers["Max-Forwards"] == "69")
        #expect(ack.body.isEmpty)
        #expect(ack.contentType == nil)
        // what goes on the wire is a valid request
        let parsed = SIPParser.parse(datagram: ack.serialized())
        #expect(parsed.verdict == .accept)
        #expect(parsed.message?.cseq == CSeq(314159, .ack))
        #expect(machine.ack == ack)

        #expect(actions == [.cancelTimer(.a), .cancelTimer(.b), .send(ack, isRetransmission: false),
                            .deliverResponse(busy), .startTimer(.d, after: .seconds(32))])
        #expect(machine.state == .completed)
    }

    @Test func completedResendsTheACKForRetransmittedFinalsUntilTimerD() throws {
        var clock = ManualClock()
        let key = try clock.startClient(invite)
        clock.advance(to: .seconds(1))
        let busy = TestMessages.response(486, to: invite)
        clock.receive(busy)
        clock.advance(to: .seconds(2))
        clock.receive(busy)
        clock.advance(to: .seconds(3))
        clock.receive(busy)
        clock.advance(to: .seconds(100))
        #expect(clock.sendTimes(where: isACK) == seconds(1, 2, 3))
        #expect(clock.sent.filter { isACK($0.message) }.map(\.isRetransmission) == [false, true, true])
        #expect(clock.deliveredResponses == [busy], "retransmissions are absorbed, not passed up")
        #expect(clock.sendTimes(where: isInvite) == seconds(0, 0.5), "Timer A stopped at the final response")
        #expect(clock.times(of: .terminated) == seconds(33), "Timer D = 32 s after the final response")
        #expect(clock.log.filter { $0.action == .reportTimeout(.b) }.isEmpty)
        #expect(clock.table[key] == nil)
        // afterwards the response matches nothing
        #expect(clock.receive(busy) == .strayResponse)
    }

    @Test func successMovesToAcceptedAndPassesEvery2xxUntilTimerM() throws {
        var clock = ManualClock()
        let key = try clock.startClient(invite)
        clock.advance(to: .seconds(1))
        let ok = TestMessages.response(200, to: invite)
        let okFromFork = TestMessages.response(200, to: invite, toTag: "314159fork")
        clock.receive(TestMessages.response(180, to: invite))
        clock.receive(ok)
        guard case .clientInvite(let machine) = clock.table[key] else { Issue.record("gone"); return }
        #expect(machine.state == .accepted)
        clock.advance(to: .seconds(5))
        clock.receive(ok)
        clock.receive(okFromFork)
        // RFC 6026 §7.2: every 2xx to the TU; the transaction never ACKs a 2xx
        #expect(clock.deliveredResponses.map(\.statusCode) == [180, 200, 200, 200])
        #expect(clock.deliveredResponses.last == okFromFork)
        #expect(clock.sendTimes(where: isACK).isEmpty)
        // non-2xx and provisional responses in Accepted are dropped
        clock.clearLog()
        clock.receive(TestMessages.response(486, to: invite))
        clock.receive(TestMessages.response(180, to: invite))
        #expect(clock.log.isEmpty)
        clock.advance(to: .seconds(100))
        #expect(clock.times(of: .terminated) == seconds(33), "Timer M = 64*T1 after the first 2xx")
        #expect(clock.sendTimes(where: isInvite).isEmpty)
        #expect(clock.receive(ok) == .strayResponse, "after Timer M a 2xx is stray (RFC 6026 §8.9)")
    }

    @Test func transportErrorInCallingEndsTheTransaction() throws {
        var machine = ClientInviteTransaction(request: invite, transport: .unreliable)
        _ = machine.handle(.start)
        #expect(machine.handle(.transportError) == [.reportTransportError, .cancelTimer(.a), .cancelTimer(.b), .terminated])
        #expect(machine.state == .terminated)
    }

    @Test func transportErrorInCompletedEndsTheTransaction() throws {
        var machine = ClientInviteTransaction(request: invite, transport: .unreliable)
        _ = machine.handle(.start)
        _ = machine.handle(.responseReceived(TestMessages.response(503, to: invite)))
        #expect(machine.handle(.transportError) == [.reportTransportError, .cancelTimer(.d), .terminated])
    }

    @Test func reliableTransportHasNoTimerAAndNoWaitInCompleted() throws {
        var clock = ManualClock()
        let tcpInvite = TestMessages.invite(transport: "TCP")
        let key = try clock.startClient(tcpInvite, over: .reliable)
        #expect(clock.log.map(\.action) == [.send(tcpInvite, isRetransmission: false),
                                            .startTimer(.b, after: .seconds(32))])
        clock.advance(to: .seconds(10))
        #expect(clock.sendTimes() == seconds(0))
        let busy = TestMessages.response(486, to: tcpInvite)
        clock.receive(busy)
        // Timer D is zero for reliable transports: ACK, report, gone
        #expect(clock.sendTimes(where: isACK) == seconds(10))
        #expect(clock.times(of: .terminated) == seconds(10))
        #expect(clock.table[key] == nil)
        #expect(clock.schedule.isEmpty)
    }

    @Test func reliableTransportStillTimesOutWithTimerB() throws {
        var clock = ManualClock()
        try clock.startClient(TestMessages.invite(transport: "TCP"), over: .reliable)
        clock.advance(to: .seconds(60))
        #expect(clock.sendTimes() == seconds(0))
        #expect(clock.times(of: .reportTimeout(.b)) == seconds(32))
    }

    struct Ignored: Sendable, CustomTestStringConvertible {
        var name: String
        var setup: [ClientTransactionEvent]
        var event: ClientTransactionEvent
        var state: ClientInviteTransaction.State
        var testDescription: String { name }
    }

    static let invite = TestMessages.invite()
    static let ignored: [Ignored] = [
        Ignored(name: "events before start", setup: [], event: .responseReceived(TestMessages.response(200, to: invite)),
                state: .idle),
        Ignored(name: "start twice", setup: [.start], event: .start, state: .calling),
        Ignored(name: "stale Timer A in Proceeding", setup: [.start, .responseReceived(TestMessages.response(100, to: invite))],
                event: .timerFired(.a), state: .proceeding),
        Ignored(name: "stale Timer B in Proceeding", setup: [.start, .responseReceived(TestMessages.response(100, to: invite))],
                event: .timerFired(.b), state: .proceeding),
        Ignored(name: "transport error in Proceeding", setup: [.start, .responseReceived(TestMessages.response(180, to: invite))],
                event: .transportError, state: .proceeding),
        Ignored(name: "timer never started", setup: [.start], event: .timerFired(.d), state: .calling),
        Ignored(name: "2xx in Completed", setup: [.start, .responseReceived(TestMessages.response(404, to: invite))],
                event: .responseReceived(TestMessages.response(200, to: invite)), state: .completed),
        Ignored(name: "transport error in Accepted", setup: [.start, .responseReceived(TestMessages.response(200, to: invite))],
                event: .transportError, state: .accepted),
        Ignored(name: "response after Timer B", setup: [.start, .timerFired(.b)],
                event: .responseReceived(TestMessages.response(200, to: invite)), state: .terminated),
        Ignored(name: "status code out of range", setup: [.start],
                event: .responseReceived(SIPMessage.response(99, "Odd")), state: .calling),
    ]

    @Test(arguments: ignored)
    func eventsOutsideTheFigureDoNothing(_ row: Ignored) {
        var machine = ClientInviteTransaction(request: Self.invite, transport: .unreliable)
        for event in row.setup { _ = machine.handle(event) }
        #expect(machine.handle(row.event) == [])
        #expect(machine.state == row.state)
    }
}
