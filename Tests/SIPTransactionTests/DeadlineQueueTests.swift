import SIPTransaction
import SwitchboardTestKit
import Testing

/// The heap behind the timer schedules, against the obvious model (a
/// dictionary scanned in full) on long random runs.
@Suite struct DeadlineQueueTests {
    @Test("random schedule, move, cancel and fire agree with a linear model", arguments: [1, 2, 3] as [UInt64])
    func agreesWithModel(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var queue = DeadlineQueue<Int>()
        var model: [Int: (deadline: Duration, order: Int)] = [:]
        var order = 0
        var now = Duration.zero
        for _ in 0..<20_000 {
            let id = Int.random(in: 0..<300, using: &random)
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5:
                let at = now + .milliseconds(Int.random(in: 0..<500, using: &random))
                queue.schedule(id, at: at)
                model[id] = (at, order)
                order += 1
            case 5..<8:
                queue.cancel(id)
                model[id] = nil
            default:
                now += .milliseconds(Int.random(in: 0..<100, using: &random))
                let fired = queue.fire(upTo: now)
                let expected = model.filter { $0.value.deadline <= now }
                    .sorted { ($0.value.deadline, $0.value.order) < ($1.value.deadline, $1.value.order) }
                #expect(fired.map(\.id) == expected.map(\.key))
                for entry in expected { model[entry.key] = nil }
            }
            #expect(queue.count == model.count)
            #expect(queue.nextDeadline == model.values.map(\.deadline).min())
            #expect(queue.deadline(of: id) == model[id]?.deadline)
        }
    }

    @Test("equal when the same deadlines are live, however they got there")
    func equality() {
        var first = DeadlineQueue<String>()
        first.schedule("a", at: .seconds(1))
        var second = first
        second.schedule("b", at: .seconds(2))
        second.cancel("b")
        #expect(first == second)
        second.schedule("a", at: .seconds(3))
        #expect(first != second)
    }
}
