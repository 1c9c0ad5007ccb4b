import SIPCore
import SIPTransaction
import Testing

/// RFC 3261 §17.1.2 (Figure 6).
@Suite struct ClientNonInviteTransactionTests {
    let options = TestMessages.request(.options)

    @Test func retransmitsWithIntervalsCappedAtT2UntilTimerF() throws {
        var clock = ManualClock()
        let key = try clock.startClient(options)
        clock.advance(to: .seconds(100))
        // E: T1, 2T1, 4T1, then T2 (4 s) each time; F = 64*T1
        #expect(clock.sendTimes() == seconds(0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5))
        #expect(clock.sent.map(\.isRetransmission) == [false] + Array(repeating: true, count: 10))
        #expect(clock.times(of: .reportTimeout(.f)) == seconds(32))
        #expect(clock.times(of: .terminated) == seconds(32))
        #expect(clock.table[key] == nil)
        #expect(clock.schedule.isEmpty)
    }

    @Test func provisionalResponseKeepsRetransmittingButAtT2() throws {
        var clock = ManualClock()
        let key = try clock.startClient(options)
        clock.advance(to: .seconds(0.7))
        let trying = TestMessages.response(100, to: options)
        #expect(clock.receive(trying) == .handled(key, [KeyedAction(key: key, action: .deliverResponse(trying))]))
        guard case .clientNonInvite(let machine) = clock.table[key] else { Issue.record("gone"); return }
        #expect(machine.state == .proceeding)
        clock.advance(to: .seconds(10))
        // E was due at 1.5 (set in Trying); from then on every T2 (§17.1.2.2)
        #expect(clock.sendTimes() == seconds(0, 0.5, 1.5, 5.5, 9.5))
        let ok = TestMessages.response(200, to: options)
        clock.receive(ok)
        clock.advance(to: .seconds(100))
        #expect(clock.sendTimes() == seconds(0, 0.5, 1.5, 5.5, 9.5), "no retransmission once Completed")
        #expect(clock.deliveredResponses == [trying, ok])
        #expect(clock.times(of: .terminated) == seconds(15), "Timer K = T4 after the final response")
        #expect(clock.times(of: .reportTimeout(.f)).isEmpty)
    }

    @Test func provisionalResponseStillTimesOutWithTimerF() throws {
        var clock = ManualClock()
        let key = try clock.startClient(options)
        clock.receive(TestMessages.response(100, to: options))
        clock.advance(to: .seconds(100))
        #expect(clock.sendTimes() == seconds(0, 0.5, 4.5, 8.5, 12.5, 16.5, 20.5, 24.5, 28.5))
        #expect(clock.times(of: .reportTimeout(.f)) == seconds(32))
        #expect(clock.table[key] == nil)
    }

    @Test func completedAbsorbsRetransmittedFinalResponsesUntilTimerK() throws {
        var clock = ManualClock()
        let key = try clock.startClient(options)
        let notFound = TestMessages.response(404, to: options)
        clock.advance(to: .seconds(1))
        let routing = clock.receive(notFound)
        #expect(routing == .handled(key, [KeyedAction(key: key, action: .cancelTimer(.e)),
                                          KeyedAction(key: key, action: .cancelTimer(.f)),
                                          KeyedAction(key: key, action: .deliverResponse(notFound)),
                                          KeyedAction(key: key, action: .startTimer(.k, after: .seconds(5)))]))
        clock.advance(to: .seconds(2))
        #expect(clock.receive(notFound) == .handled(key, []), "absorbed by Completed")
        #expect(clock.receive(TestMessages.response(200, to: options)) == .handled(key, []))
        clock.advance(to: .seconds(100))
        #expect(clock.deliveredResponses == [notFound])
        #expect(clock.times(of: .terminated) == seconds(6))
        #expect(clock.receive(notFound) == .strayResponse)
    }

    @Test func reliableTransportSendsOnceAndEndsAtTheFinalResponse() throws {
        var clock = ManualClock()
        let request = TestMessages.request(.register, transport: "TLS")
        let key = try clock.startClient(request, over: .reliable)
        #expect(clock.log.map(\.action) == [.send(request, isRetransmission: false), .startTimer(.f, after: .seconds(32))])
        clock.advance(to: .seconds(3))
        let ok = TestMessages.response(200, to: request)
        #expect(clock.receive(ok) == .handled(key, [KeyedAction(key: key, action: .cancelTimer(.f)),
                                                    KeyedAction(key: key, action: .deliverResponse(ok)),
                                                    KeyedAction(key: key, action: .terminated)]),
                "Timer K is zero over reliable transports")
        #expect(clock.table.isEmpty)
        #expect(clock.schedule.isEmpty)
        #expect(clock.sendTimes() == seconds(0))
    }

    struct TransportErrorRow: Sendable, CustomTestStringConvertible {
        var name: String
        var setup: [ClientTransactionEvent]
        var actions: [TransactionAction]
        var state: ClientNonInviteTransaction.State
        var testDescription: String { name }
    }

    static let options = TestMessages.request(.options)
    static let transportErrors: [TransportErrorRow] = [
        TransportErrorRow(name: "Trying", setup: [.start],
                          actions: [.reportTransportError, .cancelTimer(.e), .cancelTimer(.f), .terminated],
                          state: .terminated),
        TransportErrorRow(name: "Proceeding", setup: [.start, .responseReceived(TestMessages.response(100, to: options))],
                          actions: [.reportTransportError, .cancelTimer(.e), .cancelTimer(.f), .terminated],
                          state: .terminated),
        TransportErrorRow(name: "Completed", setup: [.start, .responseReceived(TestMessages.response(200, to: options))],
                          actions: [], state: .completed),
        TransportErrorRow(name: "before start", setup: [], actions: [], state: .idle),
    ]

    @Test(arguments: transportErrors)
    func transportErrorEndsTheTransactionWhileItSends(_ row: TransportErrorRow) {
        var machine = ClientNonInviteTransaction(request: Self.options, transport: .unreliable)
        for event in row.setup { _ = machine.handle(event) }
        #expect(machine.handle(.transportError) == row.actions)
        #expect(machine.state == row.state)
    }

    @Test func staleTimersAreIgnored() {
        var machine = ClientNonInviteTransaction(request: options, transport: .unreliable)
        _ = machine.handle(.start)
        _ = machine.handle(.responseReceived(TestMessages.response(200, to: options)))
        #expect(machine.handle(.timerFired(.e)) == [], "E was cancelled by the final response")
        #expect(machine.handle(.timerFired(.f)) == [])
        #expect(machine.state == .completed)
        #expect(machine.handle(.timerFired(.k)) == [.terminated])
        #expect(machine.handle(.timerFired(.k)) == [])
    }
}
