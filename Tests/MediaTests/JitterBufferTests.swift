import Testing
@testable import Media

@Suite("Jitter buffer")
struct JitterBufferTests {
    /// Samples that say where they belong: the value is the timestamp, so
    /// any reordering or loss shows in the output.
    func ramp(at timestamp: Int, count: Int = 160) -> [Int16] {
        (timestamp..<timestamp + count).map { Int16($0 % 30_000) }
    }

    /// Packet `index` (from 0) of a stream with sequence numbers from
    /// `firstSequence` and 160 samples each.
    func insert(_ buffer: inout JitterBuffer, _ index: Int, firstSequence: UInt16 = 1000) -> JitterBuffer.Insertion {
        buffer.insert(
            sequenceNumber: firstSequence &+ UInt16(index), timestamp: UInt32(index * 160), samples: ramp(at: index * 160))
    }

    @Test("buffers up to the depth, then plays in order")
    func inOrder() {
        var buffer = JitterBuffer()  // 60 ms: three packets
        #expect(insert(&buffer, 0) == .buffered)
        #expect(buffer.nextFrame() == .silence)
        #expect(buffer.isBuffering)
        _ = insert(&buffer, 1)
        _ = insert(&buffer, 2)
        #expect(buffer.nextFrame().samples == ramp(at: 0))
        _ = insert(&buffer, 3)
        #expect(buffer.nextFrame().samples == ramp(at: 160))
        #expect(buffer.nextFrame().samples == ramp(at: 320))
        #expect(buffer.nextFrame().samples == ramp(at: 480))
        #expect(buffer.statistics.playedSamples == 640)
        #expect(buffer.statistics.concealedSamples == 0)
    }

    @Test("reorders by sequence number")
    func reordering() {
        var buffer = JitterBuffer()
        for index in [0, 2, 1, 4, 3] { _ = insert(&buffer, index) }
        let played = (0..<5).flatMap { _ in buffer.nextFrame().samples }
        #expect(played == ramp(at: 0, count: 800))
    }

    @Test("sequence numbers that wrap keep their order")
    func wraparound() {
        var buffer = JitterBuffer()
        for index in [1, 0, 3, 2] { _ = insert(&buffer, index, firstSequence: 65534) }
        let played = (0..<4).flatMap { _ in buffer.nextFrame().samples }
        #expect(played == ramp(at: 0, count: 640))
    }

    @Test("duplicates and packets already played are dropped")
    func duplicatesAndLatecomers() {
        var buffer = JitterBuffer()
        for index in 0..<3 { _ = insert(&buffer, index) }
        #expect(insert(&buffer, 2) == .duplicate)
        _ = buffer.nextFrame()
        _ = buffer.nextFrame()
        #expect(insert(&buffer, 0) == .tooLate)
        #expect(insert(&buffer, 1) == .tooLate)
        #expect(buffer.statistics.duplicates == 1)
        #expect(buffer.statistics.tooLate == 2)
    }

    @Test("a lost packet is concealed by repeating what came before, then play resumes")
    func concealment() {
        var buffer = JitterBuffer()
        for index in [0, 1, 2, 4, 5] { _ = insert(&buffer, index) }
        #expect(buffer.nextFrame().samples == ramp(at: 0))
        #expect(buffer.nextFrame().samples == ramp(at: 160))
        #expect(buffer.nextFrame().samples == ramp(at: 320))
        let concealed = buffer.nextFrame().samples
        // Full level for 10 ms, then fading.
        #expect(Array(concealed.prefix(80)) == Array(ramp(at: 320).prefix(80)))
        #expect(abs(Int(concealed[159])) < abs(Int(ramp(at: 320)[159])))
        #expect(buffer.nextFrame().samples == ramp(at: 640))
        #expect(buffer.statistics.concealedSamples == 160)
    }

    @Test("concealment fades to silence after 60 ms")
    func concealmentFades() {
        var concealment = PacketLossConcealment()
        concealment.heard(ArraySlice(repeating: 1000, count: 160))
        let output = concealment.conceal(600)
        #expect(output[0] == 1000 && output[79] == 1000)
        #expect(output[300] < 1000 && output[300] > 0)
        #expect(output[480...].allSatisfy { $0 == 0 })
    }

    @Test("running dry conceals and buffers again to the depth")
    func underrun() {
        var buffer = JitterBuffer()
        for index in 0..<3 { _ = insert(&buffer, index) }
        for _ in 0..<3 { _ = buffer.nextFrame() }
        _ = buffer.nextFrame()
        #expect(buffer.isBuffering)
        #expect(buffer.statistics.underruns == 1)
        // A delay spike: the next packets come together; playout waits for
        // three of them and then continues where the timestamps say.
        _ = insert(&buffer, 4)
        _ = insert(&buffer, 5)
        #expect(buffer.isBuffering)
        _ = buffer.nextFrame()
        _ = insert(&buffer, 6)
        #expect(buffer.nextFrame().samples == ramp(at: 640))
    }

    @Test("more than the maximum depth: the oldest audio is discarded")
    func excess() {
        var buffer = JitterBuffer()  // maximum 300 ms = 2400 samples
        for index in 0..<30 { _ = insert(&buffer, index) }
        #expect(buffer.bufferedSamples <= 2400)
        #expect(buffer.statistics.discardedSamples > 0)
        // What remains still plays in order.
        let first = buffer.nextFrame().samples
        let second = buffer.nextFrame().samples
        #expect(Int(second[0]) - Int(first[0]) == 160)
    }

    @Test("a jump of the sender's clock is followed, not concealed for seconds")
    func timestampJump() {
        var buffer = JitterBuffer()
        for index in 0..<3 { _ = insert(&buffer, index) }
        _ = buffer.nextFrame()
        let far = 10 * 8000
        buffer.insert(sequenceNumber: 1003, timestamp: UInt32(far), samples: ramp(at: far))
        #expect(buffer.nextFrame().samples == ramp(at: 160))
        #expect(buffer.nextFrame().samples == ramp(at: 320))
        #expect(buffer.nextFrame().samples == ramp(at: far))
    }

    @Test("30 ms packets come out as 20 ms frames without a seam")
    func otherPacketSizes() {
        var buffer = JitterBuffer()
        for index in 0..<6 {
            buffer.insert(sequenceNumber: UInt16(index), timestamp: UInt32(index * 240), samples: ramp(at: index * 240, count: 240))
        }
        let played = (0..<9).flatMap { _ in buffer.nextFrame().samples }
        #expect(played == ramp(at: 0, count: 1440))
    }

    @Test("reset forgets the audio but keeps the counts")
    func reset() {
        var buffer = JitterBuffer()
        for index in 0..<3 { _ = insert(&buffer, index) }
        _ = insert(&buffer, 1)
        buffer.reset()
        #expect(buffer.bufferedSamples == 0)
        #expect(buffer.isBuffering)
        #expect(buffer.statistics.duplicates == 1)
    }
}
