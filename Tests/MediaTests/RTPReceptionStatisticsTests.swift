import Testing
@testable import Media

extension RTPReceptionStatistics {
    /// `update` for each sequence number, with each answer (a mutating call
    /// cannot sit inside #expect).
    mutating func updates(_ sequences: [UInt16]) -> [Bool] {
        sequences.map { update(sequenceNumber: $0) }
    }
}

@Suite("RTP reception statistics (RFC 3550 §A.1, §A.3, §A.8)")
struct RTPReceptionStatisticsTests {
    /// A source that is valid after its first two packets, `first` and
    /// `first + 1`.
    func validSource(from first: UInt16) -> RTPReceptionStatistics {
        var statistics = RTPReceptionStatistics(ssrc: 9, firstSequenceNumber: first)
        let answers = statistics.updates([first, first &+ 1])
        #expect(answers == [false, true])
        return statistics
    }

    @Test("a new source is on probation until two packets in sequence")
    func probation() {
        var statistics = RTPReceptionStatistics(ssrc: 1, firstSequenceNumber: 100)
        let first = statistics.updates([100])
        #expect(first == [false])
        #expect(!statistics.isValid)
        // 300 is not sequential: probation starts again from it.
        let next = statistics.updates([300, 301])
        #expect(next == [false, true])
        #expect(statistics.isValid)
        #expect(statistics.received == 1)
        #expect(statistics.expected == 1)
    }

    @Test("loss: expected minus received, and the fraction per interval")
    func loss() {
        var statistics = validSource(from: 100)  // base 101
        let answers = statistics.updates([102, 104, 105])
        #expect(answers == [true, true, true])
        #expect(statistics.expected == 5)
        #expect(statistics.received == 4)
        #expect(statistics.cumulativeLost == 1)
        let first = statistics.takeLossReport()
        #expect(first.fractionLost == 51)  // 1/5 of 256, truncated
        #expect(first.cumulativeLost == 1)
        for sequence: UInt16 in 106...109 { _ = statistics.update(sequenceNumber: sequence) }
        let second = statistics.takeLossReport()
        #expect(second.fractionLost == 0)
        #expect(second.cumulativeLost == 1)
    }

    @Test("sequence numbers wrap into the extended highest sequence number")
    func wraparound() {
        var statistics = validSource(from: 65534)  // base 65535
        let answers = statistics.updates([0, 1, 2])
        #expect(answers == [true, true, true])
        #expect(statistics.extendedHighestSequenceNumber == 65536 + 2)
        #expect(statistics.expected == 4)
        #expect(statistics.cumulativeLost == 0)
    }

    @Test("duplicates count as received, so loss can be negative; the fraction is then 0")
    func duplicates() {
        var statistics = validSource(from: 10)
        let answers = statistics.updates([11])
        #expect(answers == [true])
        #expect(statistics.cumulativeLost == -1)
        let report = statistics.takeLossReport()
        #expect(report.fractionLost == 0)
        #expect(report.cumulativeLost == -1)
    }

    @Test("a late packet within MAX_MISORDER does not move the highest sequence number")
    func reordering() {
        var statistics = validSource(from: 100)
        let answers = statistics.updates([150, 140])
        #expect(answers == [true, true])
        #expect(statistics.extendedHighestSequenceNumber == 150)
    }

    @Test("a huge jump is ignored once, and followed if the next packet continues it")
    func restart() {
        var statistics = validSource(from: 200)
        let jump = statistics.updates([10_000])
        #expect(jump == [false])
        #expect(statistics.extendedHighestSequenceNumber == 201)
        let continued = statistics.updates([10_001])
        #expect(continued == [true])
        #expect(statistics.extendedHighestSequenceNumber == 10_001)
        #expect(statistics.expected == 1)
        #expect(statistics.received == 1)
    }

    @Test("steady arrivals have no jitter")
    func noJitter() {
        var statistics = validSource(from: 0)
        for index in 0..<50 {
            statistics.updateJitter(timestamp: UInt32(index * 160), arrival: UInt32(7_000 + index * 160))
        }
        #expect(statistics.jitter == 0)
    }

    @Test("alternating 80-unit delays: J(1) = 80/16 = 5, converging on 80 (§6.4.1)")
    func jitter() {
        var statistics = validSource(from: 0)
        func arrival(_ index: Int) -> UInt32 { UInt32(index * 160 + (index % 2 == 1 ? 80 : 0)) }
        statistics.updateJitter(timestamp: 0, arrival: arrival(0))
        statistics.updateJitter(timestamp: 160, arrival: arrival(1))
        #expect(statistics.jitter == 5)
        for index in 2..<300 { statistics.updateJitter(timestamp: UInt32(index * 160), arrival: arrival(index)) }
        #expect((78...80).contains(statistics.jitter))
    }

    @Test("arrival and timestamp clocks may wrap independently")
    func jitterAcrossWrap() {
        var statistics = validSource(from: 0)
        for index in 0..<20 {
            let timestamp = UInt32.max - 1000 &+ UInt32(index * 160)
            statistics.updateJitter(timestamp: timestamp, arrival: UInt32(index * 160) &+ 5)
        }
        #expect(statistics.jitter == 0)
    }
}
