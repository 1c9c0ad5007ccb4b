import SIPCore
import SIPTransaction
import Testing

@Suite struct TimerScheduleTests {
    let first = TransactionKey.client(sending: TestMessages.request(.options, branch: "z9hG4bKfirst"))!
    let second = TransactionKey.client(sending: TestMessages.request(.options, branch: "z9hG4bKsecond"))!

    @Test func firesDueTimersInDeadlineOrderThenSchedulingOrder() {
        var schedule = TimerSchedule()
        schedule.schedule(.f, for: first, at: .seconds(32))
        schedule.schedule(.e, for: first, at: .seconds(1))
        schedule.schedule(.k, for: second, at: .seconds(2))
        schedule.schedule(.e, for: second, at: .seconds(1))
        #expect(schedule.nextDeadline == .seconds(1))
        let due = schedule.fire(upTo: .seconds(2))
        #expect(due == [
            TimerSchedule.DueTimer(key: first, timer: .e, deadline: .seconds(1)),
            TimerSchedule.DueTimer(key: second, timer: .e, deadline: .seconds(1)),
            TimerSchedule.DueTimer(key: second, timer: .k, deadline: .seconds(2)),
        ])
        #expect(schedule.count == 1)
        #expect(schedule.nextDeadline == .seconds(32))
        #expect(schedule.fire(upTo: .seconds(31)) == [])
    }

    @Test func reschedulingMovesATimerAndCancellingRemovesIt() {
        var schedule = TimerSchedule()
        schedule.schedule(.e, for: first, at: .seconds(1))
        schedule.schedule(.e, for: first, at: .seconds(3))
        #expect(schedule.count == 1)
        #expect(schedule.deadline(of: .e, for: first) == .seconds(3))
        schedule.schedule(.f, for: first, at: .seconds(32))
        schedule.schedule(.f, for: second, at: .seconds(32))
        schedule.cancel(.e, for: first)
        #expect(schedule.deadline(of: .e, for: first) == nil)
        schedule.cancelAll(for: first)
        #expect(schedule.count == 1)
        #expect(schedule.deadline(of: .f, for: second) == .seconds(32))
        schedule.cancel(.f, for: second)
        #expect(schedule.isEmpty)
        #expect(schedule.nextDeadline == nil)
    }

    @Test func appliesTimerActionsRelativeToNow() {
        var schedule = TimerSchedule()
        schedule.apply([KeyedAction(key: first, action: .startTimer(.e, after: .milliseconds(500))),
                        KeyedAction(key: first, action: .startTimer(.f, after: .seconds(32))),
                        KeyedAction(key: second, action: .startTimer(.k, after: .seconds(5))),
                        KeyedAction(key: first, action: .send(TestMessages.request(.options), isRetransmission: false))],
                       at: .seconds(10))
        #expect(schedule.deadline(of: .e, for: first) == .milliseconds(10_500))
        #expect(schedule.deadline(of: .f, for: first) == .seconds(42))
        schedule.apply([KeyedAction(key: first, action: .cancelTimer(.e))], at: .seconds(11))
        #expect(schedule.deadline(of: .e, for: first) == nil)
        #expect(schedule.deadline(of: .f, for: first) == .seconds(42))
        schedule.apply([KeyedAction(key: first, action: .terminated)], at: .seconds(12))
        #expect(schedule.deadline(of: .f, for: first) == nil, "a terminated transaction's timers go")
        #expect(schedule.deadline(of: .k, for: second) == .seconds(15))
    }
}
