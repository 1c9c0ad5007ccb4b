import Testing
@testable import SIPTransport

@Suite struct SIPKeepaliveScheduleTests {
    @Test func delaysStayWithinEightyToOneHundredPercent() {
        let schedule = SIPKeepaliveSchedule(interval: .seconds(25))
        var random = SeededRandom(seed: 42)
        var seen = Set<Duration>()
        for _ in 0..<1000 {
            let delay = schedule.nextDelay(using: &random)
            #expect(delay >= .seconds(20) && delay <= .seconds(25))
            seen.insert(delay)
        }
        #expect(seen.count > 900, "delays are jittered, not fixed")
        let spread = seen.max()! - seen.min()!
        #expect(spread > .seconds(4), "draws cover most of the 20-25 s range")
    }

    @Test func theSameSeedGivesTheSameSchedule() {
        let schedule = SIPKeepaliveSchedule.streamDefault
        var first = SeededRandom(seed: 7)
        var second = SeededRandom(seed: 7)
        let a = (0..<10).map { _ in schedule.nextSend(after: FakeInstant.start, using: &first) }
        let b = (0..<10).map { _ in schedule.nextSend(after: FakeInstant.start, using: &second) }
        #expect(a == b)
    }

    @Test func nextSendIsMeasuredFromNow() {
        let schedule = SIPKeepaliveSchedule(interval: .seconds(120), jitter: 1.0...1.0)
        var random = SeededRandom(seed: 1)
        let now = FakeInstant(sinceStart: .seconds(1000))
        #expect(schedule.nextSend(after: now, using: &random) == FakeInstant(sinceStart: .seconds(1120)))
    }

    @Test func aJitterRangeReachingZeroIsRaised() {
        #expect(SIPKeepaliveSchedule(interval: .seconds(10), jitter: -1...0).jitter == 0.01...0.01)
        var random = SeededRandom(seed: 9)
        #expect(SIPKeepaliveSchedule(interval: .seconds(10), jitter: 0...0).nextDelay(using: &random) == .milliseconds(100))
    }

    @Test func defaultsAreAboutTwentyFiveAndOneHundredTwentySeconds() {
        #expect(SIPKeepaliveSchedule.datagramDefault.interval == .seconds(25))
        #expect(SIPKeepaliveSchedule.streamDefault.interval == .seconds(120))
        #expect(SIPKeepaliveSchedule.streamDefault.jitter == 0.8...1.0)
    }
}

@Suite struct SIPKeepaliveStateMachineTests {
    typealias Machine = SIPKeepaliveStateMachine<FakeInstant>
    let schedule = SIPKeepaliveSchedule(interval: .seconds(100))

    func at(_ seconds: Double) -> FakeInstant { FakeInstant(sinceStart: .seconds(seconds)) }

    func wakeUp(_ action: Machine.Action) -> FakeInstant? {
        switch action {
        case .wakeUp(let at), .sendPing(let at), .pongArrived(_, let at): return at
        case .none, .flowFailed: return nil
        }
    }

    @Test func streamPingThenPongThenNextPing() {
        var machine = Machine(schedule: schedule, pongTimeout: .seconds(10))
        var random = SeededRandom(seed: 3)
        let first = wakeUp(machine.start(now: at(0), using: &random))!
        #expect(first >= at(80) && first <= at(100))
        #expect(machine.timerFired(now: at(50), using: &random) == .wakeUp(at: first), "early timers re-arm")
        #expect(machine.timerFired(now: first, using: &random) == .sendPing(wakeUp: first.advanced(by: .seconds(10))))
        let pong = machine.pongReceived(now: first.advanced(by: .milliseconds(250)), using: &random)
        guard case .pongArrived(let roundTrip, let next) = pong else {
            Issue.record("expected pongArrived, got \(pong)")
            return
        }
        #expect(roundTrip == .milliseconds(250))
        #expect(next >= first.advanced(by: .seconds(80.25)) && next <= first.advanced(by: .seconds(100.25)))
        #expect(machine.timerFired(now: first.advanced(by: .seconds(10)), using: &random) == .wakeUp(at: next),
                "the old pong deadline no longer fails the flow")
    }

    @Test func missingPongFailsTheFlow() {
        var machine = Machine(schedule: schedule, pongTimeout: .seconds(10))
        var random = SeededRandom(seed: 4)
        let first = wakeUp(machine.start(now: at(0), using: &random))!
        _ = machine.timerFired(now: first, using: &random)
        #expect(machine.timerFired(now: first.advanced(by: .seconds(9)), using: &random)
                == .wakeUp(at: first.advanced(by: .seconds(10))))
        #expect(machine.timerFired(now: first.advanced(by: .seconds(10)), using: &random) == .flowFailed)
        #expect(!machine.isRunning)
        #expect(machine.timerFired(now: first.advanced(by: .seconds(500)), using: &random) == .none)
    }

    @Test func unsolicitedPongsAreIgnored() {
        var machine = Machine(schedule: schedule, pongTimeout: .seconds(10))
        var random = SeededRandom(seed: 5)
        _ = machine.start(now: at(0), using: &random)
        #expect(machine.pongReceived(now: at(1), using: &random) == .none)
    }

    @Test func datagramKeepaliveExpectsNoPong() {
        var machine = Machine(schedule: schedule, pongTimeout: nil)
        var random = SeededRandom(seed: 6)
        var now = wakeUp(machine.start(now: at(0), using: &random))!
        for _ in 0..<20 {
            guard case .sendPing(let next) = machine.timerFired(now: now, using: &random) else {
                Issue.record("expected a ping")
                return
            }
            #expect(next >= now.advanced(by: .seconds(80)) && next <= now.advanced(by: .seconds(100)))
            now = next
        }
    }

    @Test func stoppedMachinesDoNothing() {
        var machine = Machine(schedule: schedule, pongTimeout: .seconds(10))
        var random = SeededRandom(seed: 8)
        let first = wakeUp(machine.start(now: at(0), using: &random))!
        machine.stop()
        #expect(machine.timerFired(now: first, using: &random) == .none)
        #expect(!machine.isRunning)
    }
}
