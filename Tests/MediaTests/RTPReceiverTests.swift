import Testing
@testable import Media

@Suite("RTP receiver")
struct RTPReceiverTests {
    func audio(ssrc: UInt32, sequence: UInt16, frame index: Int, codec: AudioCodec = .pcmu) -> RTPPacket {
        let samples = sine(frequency: 1000, count: 160 * (index + 1)).suffix(160)
        return RTPPacket(
            payloadType: codec.payloadType, sequenceNumber: sequence, timestamp: UInt32(index * 160), ssrc: ssrc,
            payload: codec.encode(samples))
    }

    func event(ssrc: UInt32, sequence: UInt16, digit: UInt8, end: Bool, timestamp: UInt32) -> RTPPacket {
        RTPPacket(
            payloadType: 101, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc,
            payload: TelephoneEvent(event: digit, isEnd: end, volume: 10, duration: 400).encoded())
    }

    @Test("a source is taken after two packets in sequence; its audio plays")
    func firstSource() {
        var receiver = RTPReceiver(telephoneEventPayloadType: 101)
        #expect(receiver.receive(audio(ssrc: 7, sequence: 10, frame: 0), arrival: .zero).isEmpty)
        #expect(receiver.receive(audio(ssrc: 7, sequence: 11, frame: 1), arrival: .milliseconds(20)) == [.sourceChanged(ssrc: 7)])
        for index in 2..<6 {
            #expect(receiver.receive(audio(ssrc: 7, sequence: UInt16(10 + index), frame: index), arrival: .milliseconds(20 * index)).isEmpty)
        }
        #expect(receiver.statistics?.received == 5)
        #expect(receiver.statistics?.jitter == 0)
        // The probation packet was dropped, so playout starts with frame 1.
        let played = receiver.nextFrame().samples
        #expect(played == AudioCodec.pcmu.decode(AudioCodec.pcmu.encode(sine(frequency: 1000, count: 320).suffix(160))))
    }

    @Test("both G.711 laws are decoded by payload type")
    func bothLaws() {
        var receiver = RTPReceiver(telephoneEventPayloadType: nil)
        for index in 0..<5 {
            _ = receiver.receive(audio(ssrc: 1, sequence: UInt16(index), frame: index, codec: .pcma), arrival: .zero)
        }
        #expect(Goertzel.relativePower(of: 1000, in: receiver.nextFrame().samples) > 0.95)
        #expect(receiver.ignoredPackets == 0)
    }

    @Test("a new SSRC replaces the old one after probation; a stray packet does not")
    func sourceChange() {
        var receiver = RTPReceiver(telephoneEventPayloadType: 101)
        for index in 0..<5 { _ = receiver.receive(audio(ssrc: 1, sequence: UInt16(index), frame: index), arrival: .zero) }
        // One packet from elsewhere: ignored, the current source stays.
        #expect(receiver.receive(audio(ssrc: 2, sequence: 900, frame: 0), arrival: .zero).isEmpty)
        #expect(receiver.receive(audio(ssrc: 1, sequence: 5, frame: 5), arrival: .zero).isEmpty)
        #expect(receiver.statistics?.ssrc == 1)
        // The new source keeps sending: it takes over, with fresh statistics.
        #expect(receiver.receive(audio(ssrc: 3, sequence: 500, frame: 100), arrival: .zero).isEmpty)
        #expect(receiver.receive(audio(ssrc: 3, sequence: 501, frame: 101), arrival: .zero) == [.sourceChanged(ssrc: 3)])
        #expect(receiver.statistics?.ssrc == 3)
        #expect(receiver.statistics?.received == 1)
        #expect(receiver.jitterBuffer.bufferedSamples == 160)
    }

    @Test("telephone events become digits, once each; they do not enter the jitter buffer")
    func dtmf() {
        var receiver = RTPReceiver(telephoneEventPayloadType: 101)
        var events: [RTPReceiver.Event] = []
        var sequence: UInt16 = 100
        for (digit, timestamp) in [(UInt8(4), UInt32(8000)), (11, 16000)] {
            for end in [false, false, true, true, true] {
                events += receiver.receive(event(ssrc: 5, sequence: sequence, digit: digit, end: end, timestamp: timestamp), arrival: .zero)
                sequence += 1
            }
        }
        #expect(events == [.sourceChanged(ssrc: 5), .dtmf(DTMFDigit("4")!), .dtmf(DTMFDigit("#")!)])
        #expect(receiver.jitterBuffer.bufferedSamples == 0)
    }

    @Test("unknown payload types and broken events are ignored; comfort noise is silence")
    func ignored() {
        var receiver = RTPReceiver(telephoneEventPayloadType: 101)
        _ = receiver.receive(audio(ssrc: 1, sequence: 0, frame: 0), arrival: .zero)
        _ = receiver.receive(audio(ssrc: 1, sequence: 1, frame: 1), arrival: .zero)
        _ = receiver.receive(RTPPacket(payloadType: 18, sequenceNumber: 2, timestamp: 0, ssrc: 1, payload: [1, 2]), arrival: .zero)
        _ = receiver.receive(RTPPacket(payloadType: 101, sequenceNumber: 3, timestamp: 0, ssrc: 1, payload: [1, 2]), arrival: .zero)
        _ = receiver.receive(RTPPacket(payloadType: 13, sequenceNumber: 4, timestamp: 0, ssrc: 1, payload: [40]), arrival: .zero)
        #expect(receiver.ignoredPackets == 2)
        #expect(receiver.statistics?.received == 4)
    }
}
