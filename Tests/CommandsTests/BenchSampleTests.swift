import SIPCore
import Testing
@testable import Commands

@Test func benchmarkSamplesAreValidMessages() {
    for sample in SampleMessages.all {
        let result = SIPParser.parse(datagram: sample)
        #expect(result.verdict == .accept, "\(result.detail ?? "")\n\(String(decoding: sample, as: UTF8.self))")
    }
    #expect(OsipBaseline.parseLoop(SampleMessages.all, rounds: 3) == SampleMessages.all.count * 3)
}

@Test("bench register --from-exec: the child's time since the parent's spawn, or nothing when it cannot be read")
func execTimingReadsTheSpawnTime() {
    let fiveMillisecondsAgo = BenchExecTiming.monotonicNanoseconds() - 5_000_000
    let elapsed = BenchExecTiming.millisecondsSinceExec(environment: [BenchExecTiming.variable: String(fiveMillisecondsAgo)])
    #expect(elapsed.map { $0 >= 5 && $0 < 5_000 } == true, "\(String(describing: elapsed))")
    #expect(BenchExecTiming.millisecondsSinceExec(environment: [:]) == nil)
    #expect(BenchExecTiming.millisecondsSinceExec(environment: [BenchExecTiming.variable: "soon"]) == nil)
    let future = BenchExecTiming.monotonicNanoseconds() + 60_000_000_000
    #expect(BenchExecTiming.millisecondsSinceExec(environment: [BenchExecTiming.variable: String(future)]) == nil,
            "a spawn time later than now is not a measurement")
}
