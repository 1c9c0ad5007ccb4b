import SIPCore
import SIPTransaction
import Testing

/// RFC 3261 §17.2.2 (Figure 8).
@Suite struct ServerNonInviteTransactionTests {
    let bye = TestMessages.request(.bye, toTag: TestMessages.bobTag)

    @Test func passesTheRequestUpAndAbsorbsRetransmissionsWhileTrying() throws {
        var clock = ManualClock()
        let key = try clock.startServer(bye)
        #expect(clock.log.map(\.action) == [.deliverRequest(bye)], "no automatic 100 for non-INVITE")
        #expect(clock.receive(bye) == .handled(key, []), "Trying: retransmissions are discarded")
        #expect(clock.deliveredRequests == [bye])
    }

    @Test func retransmissionsGetTheLatestResponseUntilTimerJ() throws {
        var clock = ManualClock()
        let key = try clock.startServer(bye)
        let trying = TestMessages.response(100, to: bye)
        try clock.respond(trying, on: key)
        clock.advance(to: .seconds(0.5))
        #expect(clock.receive(bye) == .handled(key, [KeyedAction(key: key, action: .send(trying, isRetransmission: true))]))
        clock.advance(to: .seconds(1))
        let ok = TestMessages.response(200, to: bye)
        try clock.respond(ok, on: key)
        #expect(clock.log.last?.action == .startTimer(.j, after: .seconds(32)), "Timer J = 64*T1 over UDP")
        clock.advance(to: .seconds(20))
        #expect(clock.receive(bye) == .handled(key, [KeyedAction(key: key, action: .send(ok, isRetransmission: true))]))
        // Completed: later final responses from the TU are discarded
        #expect(try clock.respond(TestMessages.response(500, to: bye), on: key) == [])
        clock.advance(to: .seconds(100))
        #expect(clock.times(of: .terminated) == seconds(33))
        #expect(clock.sent.map(\.at) == seconds(0, 0.5, 1, 20))
        #expect(clock.table.isEmpty)
        // once gone, the same request would be new again
        #expect(clock.receive(bye) == .newServerTransactionNeeded(key))
    }

    @Test func finalResponseStraightFromTrying() throws {
        var machine = ServerNonInviteTransaction(request: bye, transport: .unreliable)
        _ = machine.handle(.start)
        let ok = TestMessages.response(200, to: bye)
        #expect(machine.handle(.responseFromTU(ok)) == [.send(ok, isRetransmission: false),
                                                         .startTimer(.j, after: .seconds(32))])
        #expect(machine.state == .completed)
        #expect(machine.handle(.responseFromTU(TestMessages.response(180, to: bye))) == [])
    }

    @Test func reliableTransportEndsAtTheFinalResponse() throws {
        var machine = ServerNonInviteTransaction(request: bye, transport: .reliable)
        _ = machine.handle(.start)
        let ok = TestMessages.response(200, to: bye)
        #expect(machine.handle(.responseFromTU(ok)) == [.send(ok, isRetransmission: false), .terminated],
                "Timer J is zero over reliable transports")
        #expect(machine.state == .terminated)
    }

    struct TransportErrorRow: Sendable, CustomTestStringConvertible {
        var name: String
        var setup: [ServerTransactionEvent]
        var actions: [TransactionAction]
        var state: ServerNonInviteTransaction.State
        var testDescription: String { name }
    }

    static let bye = TestMessages.request(.bye, toTag: TestMessages.bobTag)
    static let transportErrors: [TransportErrorRow] = [
        TransportErrorRow(name: "Trying (nothing sent yet)", setup: [.start], actions: [], state: .trying),
        TransportErrorRow(name: "Proceeding", setup: [.start, .responseFromTU(TestMessages.response(100, to: bye))],
                          actions: [.reportTransportError, .terminated], state: .terminated),
        TransportErrorRow(name: "Completed", setup: [.start, .responseFromTU(TestMessages.response(200, to: bye))],
                          actions: [.reportTransportError, .cancelTimer(.j), .terminated], state: .terminated),
    ]

    @Test(arguments: transportErrors)
    func transportErrorEndsTheTransactionOnceItHasSent(_ row: TransportErrorRow) {
        var machine = ServerNonInviteTransaction(request: Self.bye, transport: .unreliable)
        for event in row.setup { _ = machine.handle(event) }
        #expect(machine.handle(.transportError) == row.actions)
        #expect(machine.state == row.state)
    }
}
