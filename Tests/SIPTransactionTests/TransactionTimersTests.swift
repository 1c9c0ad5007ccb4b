import SIPTransaction
import Testing

/// RFC 3261 Table 4 and RFC 6026 §8.11.
@Suite struct TransactionTimersTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var timer: TransactionTimer
        var unreliable: Duration?
        var reliable: Duration?
        var testDescription: String { timer.description }
    }

    static let table4: [Row] = [
        Row(timer: .a, unreliable: .milliseconds(500), reliable: nil),
        Row(timer: .b, unreliable: .seconds(32), reliable: .seconds(32)),
        Row(timer: .d, unreliable: .seconds(32), reliable: .zero),
        Row(timer: .e, unreliable: .milliseconds(500), reliable: nil),
        Row(timer: .f, unreliable: .seconds(32), reliable: .seconds(32)),
        Row(timer: .g, unreliable: .milliseconds(500), reliable: nil),
        Row(timer: .h, unreliable: .seconds(32), reliable: .seconds(32)),
        Row(timer: .i, unreliable: .seconds(5), reliable: .zero),
        Row(timer: .j, unreliable: .seconds(32), reliable: .zero),
        Row(timer: .k, unreliable: .seconds(5), reliable: .zero),
        Row(timer: .l, unreliable: .seconds(32), reliable: .seconds(32)),
        Row(timer: .m, unreliable: .seconds(32), reliable: .seconds(32)),
        Row(timer: .trying, unreliable: nil, reliable: nil),
    ]

    @Test(arguments: table4)
    func defaultValuesFollowTable4(_ row: Row) {
        let timers = TransactionTimers()
        #expect(timers.duration(of: row.timer, over: .unreliable) == row.unreliable)
        #expect(timers.duration(of: row.timer, over: .reliable) == row.reliable)
    }

    @Test func everyTimerHasARow() {
        #expect(Set(Self.table4.map(\.timer)) == Set(TransactionTimer.allCases))
    }

    @Test func valuesScaleWithTheConfiguredBaseTimers() {
        let timers = TransactionTimers(t1: .seconds(1), t2: .seconds(8), t4: .seconds(10))
        #expect(timers.duration(of: .a, over: .unreliable) == .seconds(1))
        #expect(timers.duration(of: .b, over: .unreliable) == .seconds(64))
        #expect(timers.duration(of: .f, over: .reliable) == .seconds(64))
        #expect(timers.duration(of: .j, over: .unreliable) == .seconds(64))
        #expect(timers.duration(of: .k, over: .unreliable) == .seconds(10))
        #expect(timers.duration(of: .i, over: .unreliable) == .seconds(10))
        #expect(timers.duration(of: .d, over: .unreliable) == .seconds(32), "D is 32 s, not a multiple of T1")
        #expect(TransactionTimers(timerD: .seconds(40)).duration(of: .d, over: .unreliable) == .seconds(40))
    }

    /// A doubles without bound; E and G double up to T2.
    @Test func retransmitIntervalsBackOff() {
        let timers = TransactionTimers()
        func sequence(_ timer: TransactionTimer) -> [Duration] {
            var interval = timers.t1
            var out = [interval]
            for _ in 0..<6 {
                interval = timers.interval(after: interval, of: timer)
                out.append(interval)
            }
            return out
        }
        #expect(sequence(.a) == seconds(0.5, 1, 2, 4, 8, 16, 32))
        #expect(sequence(.e) == seconds(0.5, 1, 2, 4, 4, 4, 4))
        #expect(sequence(.g) == seconds(0.5, 1, 2, 4, 4, 4, 4))
    }

    @Test func customTimersReachTheMachines() throws {
        var clock = ManualClock(timers: TransactionTimers(t1: .milliseconds(100), t2: .milliseconds(400)))
        try clock.startClient(TestMessages.request(.options))
        clock.advance(to: .seconds(10))
        #expect(clock.sendTimes() == [0, 100, 300, 700, 1100, 1500, 1900, 2300, 2700, 3100, 3500, 3900,
                                      4300, 4700, 5100, 5500, 5900, 6300].map { Duration.milliseconds($0) })
        #expect(clock.times(of: .reportTimeout(.f)) == [.milliseconds(6400)])
    }

    struct ViaTransport: Sendable, CustomTestStringConvertible {
        var name: String
        var reliability: TransportReliability
        var testDescription: String { name }
    }

    @Test(arguments: [ViaTransport(name: "UDP", reliability: .unreliable),
                      ViaTransport(name: "udp", reliability: .unreliable),
                      ViaTransport(name: "TCP", reliability: .reliable),
                      ViaTransport(name: "TLS", reliability: .reliable),
                      ViaTransport(name: "SCTP", reliability: .reliable),
                      ViaTransport(name: "WSS", reliability: .reliable)])
    func reliabilityFollowsTheViaTransport(_ row: ViaTransport) {
        #expect(TransportReliability(viaTransport: row.name) == row.reliability)
    }
}
