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
