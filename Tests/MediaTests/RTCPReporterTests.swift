import Testing
@testable import Media

@Suite("RTCP reports, round-trip time and call quality")
struct RTCPReporterTests {
    @Test("the RTT example of RFC 3550 §6.4.1: 46864.500 - 46853.125 - 5.250 = 6.125 s")
    func roundTripExample() {
        let rtt = RTCPReporter.roundTrip(arrival: 0xB710_8000, lastSenderReport: 0xB705_2000, delaySinceLastSenderReport: 0x0005_4000)
        #expect(rtt == .milliseconds(6125))
        #expect(RTCPReporter.roundTrip(arrival: 0xB710_8000, lastSenderReport: 0, delaySinceLastSenderReport: 0) == nil)
        // DLSR larger than the time since: a clock error, not an RTT.
        #expect(RTCPReporter.roundTrip(arrival: 0xB710_8000, lastSenderReport: 0xB705_2000, delaySinceLastSenderReport: 0x0010_0000) == nil)
    }

    @Test("NTP timestamps: Unix epoch offset, fraction, middle 32 bits")
    func ntp() {
        let time = NTPTimestamp(timeSinceUnixEpoch: .seconds(1) + .milliseconds(500))
        #expect(time.rawValue == (UInt64(2_208_988_801) << 32) | 0x8000_0000)
        #expect(time.middle32 == UInt32(truncatingIfNeeded: UInt64(2_208_988_801) << 16) | 0x8000)
        #expect(time.advanced(by: .milliseconds(250)).rawValue == (UInt64(2_208_988_801) << 32) | 0xC000_0000)
        #expect(NTPTimestamp.units(of: .milliseconds(2500)) == 163_840)
    }

    @Test("negative intervals and instants before 1970 are clamped, never a trap",
          arguments: [Duration.milliseconds(-500), .nanoseconds(-1), .seconds(-2), .milliseconds(-2500), .zero])
    func negativeDurations(duration: Duration) {
        #expect(NTPTimestamp.units(of: duration) == 0)
        #expect(NTPTimestamp(timeSinceUnixEpoch: duration).rawValue == NTPTimestamp.unixEpochOffset << 32)
        #expect(NTPTimestamp(rawValue: 5 << 32).advanced(by: duration).rawValue == 5 << 32)
    }

    @Test("an SR recorded as arriving after the report's time gives DLSR 0, not a crash")
    func senderReportFromTheFuture() throws {
        var generator = SeededGenerator(seed: 3)
        var alice = RTCPReporter(localSSRC: 0xA, canonicalName: "alice", ntpEpoch: NTPTimestamp(timeSinceUnixEpoch: .seconds(100)), using: &generator)
        var bob = RTCPReporter(localSSRC: 0xB, canonicalName: "bob", ntpEpoch: NTPTimestamp(timeSinceUnixEpoch: .seconds(5)), using: &generator)
        var aliceSender = RTPSender(ssrc: 0xA, initialSequenceNumber: 0, initialTimestamp: 0)
        _ = aliceSender.audioPacket(.silence, codec: .pcmu)
        var none: RTPReceptionStatistics?
        var bobReception: RTPReceptionStatistics? = RTPReceptionStatistics(ssrc: 0xA, firstSequenceNumber: 0)
        for sequence: UInt16 in [0, 1, 2, 3] { _ = bobReception!.update(sequenceNumber: sequence) }
        let sr = alice.makeReport(now: .seconds(1), sender: aliceSender, rtpTimestamp: 0, reception: &none, using: &generator)
        // The timer took its `now` half a second before the SR's arrival was recorded.
        bob.received(try RTCPCompoundPacket(parsing: sr.encoded()), now: .milliseconds(3500))
        let report = bob.makeReport(now: .seconds(3), sender: RTPSender(ssrc: 0xB, initialSequenceNumber: 0, initialTimestamp: 0),
                                    rtpTimestamp: 0, reception: &bobReception, using: &generator)
        guard case .receiverReport(let receiver) = report.packets[0], let block = receiver.reportBlocks.first else {
            Issue.record("expected an RR with a block, got \(report.packets[0])")
            return
        }
        #expect(block.lastSenderReport != 0)
        #expect(block.delaySinceLastSenderReport == 0)
    }

    @Test("intervals are randomised over [0.5, 1.5] x 5 s; the first comes after half that")
    func intervals() {
        var generator = SeededGenerator(seed: 62)
        let samples = (0..<2000).map { _ in RTCPReporter.randomised(.seconds(5), using: &generator) }
        #expect(samples.allSatisfy { $0 >= .milliseconds(2500) && $0 <= .milliseconds(7500) })
        #expect(samples.contains { $0 < .seconds(3) } && samples.contains { $0 > .seconds(7) })
        let firsts = (0..<200).map { _ in
            RTCPReporter(localSSRC: 1, canonicalName: "x", ntpEpoch: NTPTimestamp(rawValue: 0), using: &generator).nextReportTime
        }
        #expect(firsts.allSatisfy { $0 >= .milliseconds(1250) && $0 <= .milliseconds(3750) })
    }

    @Test("SR while sending, RR when not; CNAME in every report; BYE at the end")
    func reportKinds() throws {
        var generator = SeededGenerator(seed: 1)
        var reporter = RTCPReporter(localSSRC: 7, canonicalName: "me@host", ntpEpoch: NTPTimestamp(rawValue: 1 << 32), using: &generator)
        var sender = RTPSender(ssrc: 7, initialSequenceNumber: 0, initialTimestamp: 0)
        var reception: RTPReceptionStatistics?
        _ = sender.audioPacket(.silence, codec: .pcmu)
        let first = reporter.makeReport(now: .seconds(2), sender: sender, rtpTimestamp: 99, reception: &reception, using: &generator)
        guard case .senderReport(let report) = first.packets[0] else {
            Issue.record("expected an SR, got \(first.packets[0])")
            return
        }
        #expect(report.packetCount == 1 && report.octetCount == 160 && report.rtpTimestamp == 99)
        #expect(report.ntpTimestamp == NTPTimestamp(rawValue: 3 << 32))
        #expect(report.reportBlocks.isEmpty)
        #expect(first.packets[1] == .sourceDescription([RTCPSourceDescriptionChunk(ssrc: 7, items: [.init(.cname, "me@host")])]))
        #expect(reporter.nextReportTime >= .milliseconds(4500) && reporter.nextReportTime <= .milliseconds(9500))

        let second = reporter.makeReport(now: .seconds(7), sender: sender, rtpTimestamp: 0, reception: &reception, using: &generator)
        #expect(second.packets[0] == .receiverReport(RTCPReceiverReport(ssrc: 7)))

        let goodbye = reporter.makeGoodbye(now: .seconds(8), sender: sender, rtpTimestamp: 0, reception: &reception, reason: "done")
        #expect(goodbye.packets.last == .goodbye(RTCPGoodbye(ssrcs: [7], reason: "done")))
        #expect(try RTCPCompoundPacket(parsing: goodbye.encoded()) == goodbye)
    }

    @Test("two reporters: LSR and DLSR echo an SR, and the sender gets the RTT")
    func roundTripBetweenTwo() throws {
        var generator = SeededGenerator(seed: 2)
        // Different wallclocks: RTT uses only the SR sender's own clock.
        var alice = RTCPReporter(localSSRC: 0xA, canonicalName: "alice", ntpEpoch: NTPTimestamp(timeSinceUnixEpoch: .seconds(1_000_000)), using: &generator)
        var bob = RTCPReporter(localSSRC: 0xB, canonicalName: "bob", ntpEpoch: NTPTimestamp(timeSinceUnixEpoch: .seconds(5)), using: &generator)
        var aliceSender = RTPSender(ssrc: 0xA, initialSequenceNumber: 0, initialTimestamp: 0)
        let bobSender = RTPSender(ssrc: 0xB, initialSequenceNumber: 0, initialTimestamp: 0)
        _ = aliceSender.audioPacket(.silence, codec: .pcmu)
        var none: RTPReceptionStatistics?
        // Bob receives Alice's packets: a valid source with 1 of 5 lost.
        var bobReception: RTPReceptionStatistics? = RTPReceptionStatistics(ssrc: 0xA, firstSequenceNumber: 0)
        for sequence: UInt16 in [0, 1, 2, 4, 5] { _ = bobReception!.update(sequenceNumber: sequence) }

        // Alice's SR leaves at her 1.0 s and reaches Bob at his 3.1 s.
        let sr = alice.makeReport(now: .seconds(1), sender: aliceSender, rtpTimestamp: 0, reception: &none, using: &generator)
        bob.received(try RTCPCompoundPacket(parsing: sr.encoded()), now: .milliseconds(3100))
        #expect(bob.remoteCanonicalName == "alice")
        // Bob reports 0.5 s later; Alice gets it at her 1.7 s: RTT 0.2 s.
        let rr = bob.makeReport(now: .milliseconds(3600), sender: bobSender, rtpTimestamp: 0, reception: &bobReception, using: &generator)
        guard case .receiverReport(let report) = rr.packets[0], let block = report.reportBlocks.first else {
            Issue.record("expected an RR with a block")
            return
        }
        #expect(block.ssrc == 0xA)
        #expect(block.lastSenderReport == NTPTimestamp(timeSinceUnixEpoch: .seconds(1_000_001)).middle32)
        #expect(block.delaySinceLastSenderReport == 32768)  // 0.5 s
        #expect(block.fractionLost == 51 && block.cumulativeLost == 1)
        alice.received(try RTCPCompoundPacket(parsing: rr.encoded()), now: .milliseconds(1700))
        let rtt = try #require(alice.roundTrip)
        #expect(abs(Double(rtt.components.attoseconds) / 1e15 - 200) < 0.1)

        let quality = alice.quality(reception: nil)
        #expect(quality.remoteLossPercent == 100.0 * 51 / 256)
        #expect(abs(quality.roundTripMilliseconds! - 200) < 0.1)
        #expect(quality.description.contains("rtt 200 ms"))
    }

    @Test("quality from our reception: loss percent and jitter in ms")
    func qualityFromReception() {
        var generator = SeededGenerator(seed: 3)
        let reporter = RTCPReporter(localSSRC: 1, canonicalName: "x", ntpEpoch: NTPTimestamp(rawValue: 0), using: &generator)
        var statistics = RTPReceptionStatistics(ssrc: 2, firstSequenceNumber: 0)
        for sequence: UInt16 in [0, 1, 2, 3, 5] { _ = statistics.update(sequenceNumber: sequence) }
        let quality = reporter.quality(reception: statistics)
        #expect(quality.packetsExpected == 5 && quality.packetsReceived == 4)
        #expect(quality.lossPercent == 20)
        #expect(quality.jitterMilliseconds == 0)
        #expect(quality.roundTripMilliseconds == nil && quality.remoteLossPercent == nil)
        #expect(quality.description == "loss 20.0% jitter 0.0 ms")
    }

    @Test("a BYE from the other side is reported; our own is not")
    func goodbyes() throws {
        var generator = SeededGenerator(seed: 4)
        var reporter = RTCPReporter(localSSRC: 1, canonicalName: "x", ntpEpoch: NTPTimestamp(rawValue: 0), using: &generator)
        let theirs = RTCPCompoundPacket(packets: [.receiverReport(.init(ssrc: 2)), .goodbye(.init(ssrcs: [2], reason: "hangup"))])
        #expect(reporter.received(theirs, now: .zero) == RTCPGoodbye(ssrcs: [2], reason: "hangup"))
        let ours = RTCPCompoundPacket(packets: [.receiverReport(.init(ssrc: 1)), .goodbye(.init(ssrcs: [1]))])
        #expect(reporter.received(ours, now: .zero) == nil)
    }
}
