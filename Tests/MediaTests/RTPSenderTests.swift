import Testing
@testable import Media

@Suite("RTP sender")
struct RTPSenderTests {
    @Test("initial SSRC, sequence number and timestamp come from the injected generator")
    func randomStart() {
        var first = SeededGenerator(seed: 1)
        var again = SeededGenerator(seed: 1)
        var other = SeededGenerator(seed: 2)
        let a = RTPSender(using: &first)
        let b = RTPSender(using: &again)
        let c = RTPSender(using: &other)
        #expect(a == b)
        #expect(a.ssrc != c.ssrc)
    }

    @Test("20 ms frames: sequence +1, timestamp +160, marker on the first packet only")
    func packetisation() {
        var sender = RTPSender(ssrc: 42, initialSequenceNumber: 65534, initialTimestamp: 0xFFFF_FF00)
        let frame = AudioFrame(samples: sine(frequency: 1000, count: 160))
        let packets = (0..<4).map { _ in sender.audioPacket(frame, codec: .pcma) }
        #expect(packets.map(\.sequenceNumber) == [65534, 65535, 0, 1])
        #expect(packets.map(\.timestamp) == [0xFFFF_FF00, 0xFFFF_FFA0, 0x40, 0xE0])
        #expect(packets.map(\.marker) == [true, false, false, false])
        #expect(packets.allSatisfy { $0.payloadType == 8 && $0.payload.count == 160 && $0.ssrc == 42 })
        #expect(packets[0].payload == AudioCodec.pcma.encode(frame.samples))
        #expect(sender.packetCount == 4)
        #expect(sender.octetCount == 640)
    }

    @Test("skipped frames move the clock; the next talkspurt gets the marker")
    func talkspurts() {
        var sender = RTPSender(ssrc: 1, initialSequenceNumber: 10, initialTimestamp: 0)
        _ = sender.audioPacket(.silence, codec: .pcmu)
        sender.skipFrame()
        sender.skipFrame()
        sender.startTalkspurt()
        let resumed = sender.audioPacket(.silence, codec: .pcmu)
        #expect(resumed.sequenceNumber == 11)
        #expect(resumed.timestamp == 480)
        #expect(resumed.marker)
    }

    @Test("stamped packets keep their own timestamp and share the sequence space")
    func stamping() {
        var sender = RTPSender(ssrc: 1, initialSequenceNumber: 0, initialTimestamp: 800)
        let event = sender.stamp(payloadType: 101, timestamp: 800, payload: [1, 0, 0, 0], marker: true)
        let next = sender.stamp(payloadType: 101, timestamp: 800, payload: [1, 0, 1, 0x40], marker: false)
        #expect(event.sequenceNumber == 0 && next.sequenceNumber == 1)
        #expect(event.timestamp == 800 && next.timestamp == 800)
        #expect(sender.mediaTimestamp == 800)
    }
}
