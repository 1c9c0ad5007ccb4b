import Testing
@testable import Media

/// Two session machines connected by a simulated network on a fake clock:
/// seconds of a call run in milliseconds, with exact control over delay
/// and loss.
struct SimulatedCall {
    typealias Machine = MediaSessionStateMachine<SeededGenerator>

    struct Side {
        var machine: Machine
        let source: ToneSource
        var heard: [Int16] = []
        var digits: [DTMFDigit] = []
        var qualities: [CallQuality] = []
        var goodbyes: [String?] = []
        var rtpSent = 0
    }

    private struct InFlight {
        var arrival: Duration
        var toB: Bool
        var rtcp: Bool
        var bytes: [UInt8]
    }

    var a: Side
    var b: Side
    var now: Duration = .zero
    /// One-way delay.
    var delay: Duration = .milliseconds(15)
    /// Drops RTP from B to A when this says so (given B's RTP count so far).
    var dropFromB: (Int) -> Bool = { _ in false }
    private var network: [InFlight] = []

    init(configuration: Machine.Configuration = .init(codec: .pcmu, canonicalName: "a", rtcpInterval: .seconds(1))) {
        var configurationB = configuration
        configurationB.canonicalName = "b"
        a = Side(
            machine: Machine(configuration: configuration, ntpEpoch: NTPTimestamp(timeSinceUnixEpoch: .seconds(1_700_000_000)), generator: SeededGenerator(seed: 1)),
            source: ToneSource(frequency: 1000)!)
        b = Side(
            machine: Machine(configuration: configurationB, ntpEpoch: NTPTimestamp(timeSinceUnixEpoch: .seconds(1_600_000_000)), generator: SeededGenerator(seed: 2)),
            source: ToneSource(frequency: 440)!)
    }

    /// Runs the call until `end`.
    mutating func run(until end: Duration) {
        while true {
            let deadlines = [a.machine.nextDeadline, b.machine.nextDeadline, network.map(\.arrival).min()]
            guard let next = deadlines.compactMap({ $0 }).min(), next <= end else { break }
            now = next
            let arriving = network.filter { $0.arrival <= now }
            network.removeAll { $0.arrival <= now }
            for packet in arriving {
                if packet.toB {
                    let actions = packet.rtcp ? b.machine.rtcpReceived(packet.bytes, now: now) : b.machine.rtpReceived(packet.bytes, now: now)
                    take(actions, fromA: false)
                } else {
                    let actions = packet.rtcp ? a.machine.rtcpReceived(packet.bytes, now: now) : a.machine.rtpReceived(packet.bytes, now: now)
                    take(actions, fromA: true)
                }
            }
            if let deadline = a.machine.nextDeadline, deadline <= now {
                let source = a.source
                take(a.machine.advance(to: now) { source.nextFrame() }, fromA: true)
            }
            if let deadline = b.machine.nextDeadline, deadline <= now {
                let source = b.source
                take(b.machine.advance(to: now) { source.nextFrame() }, fromA: false)
            }
        }
        now = end
    }

    /// Performs one side's actions: packets into the network, the rest noted.
    mutating func take(_ actions: [Machine.Action], fromA: Bool) {
        for action in actions {
            switch action {
            case .sendRTP(let bytes):
                if fromA {
                    a.rtpSent += 1
                } else {
                    b.rtpSent += 1
                    if dropFromB(b.rtpSent) { continue }
                }
                network.append(InFlight(arrival: now + delay, toB: fromA, rtcp: false, bytes: bytes))
            case .sendRTCP(let bytes):
                network.append(InFlight(arrival: now + delay, toB: fromA, rtcp: true, bytes: bytes))
            case .play(let frame):
                if fromA { a.heard += frame.samples } else { b.heard += frame.samples }
            case .dtmfReceived(let digit):
                if fromA { a.digits.append(digit) } else { b.digits.append(digit) }
            case .qualityUpdated(let quality):
                if fromA { a.qualities.append(quality) } else { b.qualities.append(quality) }
            case .remoteGoodbye(let reason):
                if fromA { a.goodbyes.append(reason) } else { b.goodbyes.append(reason) }
            case .remoteSourceChanged:
                continue
            }
        }
    }
}

@Suite("Media session state machine on a fake clock")
struct MediaSessionStateMachineTests {
    @Test("each side hears the other's tone, one 20 ms frame per tick")
    func audioBothWays() {
        var call = SimulatedCall()
        call.run(until: .seconds(2))
        // Ticks at 0, 20, ... 2000 ms.
        #expect(call.a.heard.count == 101 * 160)
        #expect(call.b.heard.count == 101 * 160)
        #expect(call.a.rtpSent == 101)
        // After the jitter buffer has filled (60 ms + 15 ms delay).
        let heardByB = Array(call.b.heard.dropFirst(1600))
        let heardByA = Array(call.a.heard.dropFirst(1600))
        #expect(Goertzel.relativePower(of: 1000, in: heardByB) > 0.9)
        #expect(Goertzel.relativePower(of: 440, in: heardByB) < 0.01)
        #expect(Goertzel.relativePower(of: 440, in: heardByA) > 0.9)
        #expect(Goertzel.relativePower(of: 1000, in: heardByA) < 0.01)
    }

    @Test("RTCP: no loss, no jitter, RTT twice the one-way delay")
    func quality() throws {
        var call = SimulatedCall()
        call.delay = .milliseconds(40)
        call.run(until: .seconds(6))
        let quality = call.a.machine.quality
        #expect(quality.lossPercent == 0)
        #expect(quality.jitterMilliseconds == 0)
        let rtt = try #require(quality.roundTripMilliseconds)
        #expect(abs(rtt - 80) < 0.1)
        #expect(quality.remoteLossPercent == 0)
        #expect(call.b.machine.quality.roundTripMilliseconds.map { abs($0 - 80) < 0.1 } == true)
        #expect(!call.a.qualities.isEmpty)
        #expect(call.a.machine.reporter.remoteCanonicalName == "b")
    }

    @Test("loss is counted and reported back; the gaps are concealed")
    func loss() throws {
        var call = SimulatedCall()
        call.dropFromB = { $0 % 10 == 0 }  // every 10th packet from B
        call.run(until: .seconds(6))
        let quality = call.a.machine.quality
        #expect(abs(quality.lossPercent - 10) < 1)
        #expect(call.a.machine.receiver.jitterBuffer.statistics.concealedSamples > 0)
        // B learns of it from A's report blocks: about 10 % per interval.
        let remote = try #require(call.b.machine.quality.remoteLossPercent)
        #expect(remote > 5 && remote < 15)
    }

    @Test("DTMF: digits go as RFC 4733 events, in order, each once; audio pauses meanwhile")
    func dtmf() {
        var call = SimulatedCall()
        call.run(until: .milliseconds(500))
        let queued = call.a.machine.sendDTMF(DTMFDigit.digits("159#")!, duration: .milliseconds(80), now: call.now)
        #expect(queued)
        #expect(call.a.machine.isSendingDTMF)
        let sentBefore = call.a.rtpSent
        call.run(until: .seconds(2))
        #expect(call.b.digits.map(\.description) == ["1", "5", "9", "#"])
        #expect(!call.a.machine.isSendingDTMF)
        // 4 digits of 2 + 3 packets (start, update at 50 ms, three ends) and
        // audio in the gaps, but fewer audio frames than ticks.
        #expect(call.a.rtpSent - sentBefore < 75 + 20)
        #expect(call.a.digits.isEmpty)
    }

    @Test("without telephone-event, DTMF is refused (use SIP INFO)")
    func dtmfNotNegotiated() {
        var call = SimulatedCall(configuration: .init(codec: .pcma, telephoneEventPayloadType: nil, canonicalName: "a"))
        let queued = call.a.machine.sendDTMF([DTMFDigit("1")!], now: call.now)
        #expect(!queued)
        call.run(until: .milliseconds(100))
    }

    @Test("hold: recvonly stops our audio, sendonly stops playing, resume restarts with a marker")
    func hold() throws {
        var call = SimulatedCall()
        call.run(until: .seconds(1))
        call.a.machine.setDirection(.recvonly)
        let queued = call.a.machine.sendDTMF([DTMFDigit("1")!], now: call.now)
        #expect(!queued)
        let sent = call.a.rtpSent
        call.run(until: .seconds(2))
        #expect(call.a.rtpSent == sent)
        // B has buffered out and hears silence (concealment has faded).
        #expect(call.b.heard.suffix(4000).allSatisfy { $0 == 0 })
        // A still hears B.
        #expect(Goertzel.relativePower(of: 440, in: call.a.heard.suffix(4000)) > 0.9)

        call.a.machine.setDirection(.sendonly)
        call.run(until: .seconds(3))
        #expect(call.a.rtpSent > sent + 40)
        #expect(call.a.heard.suffix(4000).allSatisfy { $0 == 0 })
        #expect(Goertzel.relativePower(of: 1000, in: call.b.heard.suffix(4000)) > 0.9)

        call.a.machine.setDirection(.inactive)
        let inactiveFrom = call.a.rtpSent
        let reportsBefore = call.b.qualities.count
        call.run(until: .seconds(5))
        #expect(call.a.rtpSent == inactiveFrom)
        // RTCP goes on while inactive (RFC 3264 §5.1).
        #expect(call.b.qualities.count > reportsBefore)
    }

    @Test("stop sends BYE with a final report; the other side is told")
    func stop() throws {
        var call = SimulatedCall()
        call.run(until: .seconds(1))
        let actions = call.a.machine.stop(now: call.now, reason: "bye")
        #expect(actions.count == 1)
        call.take(actions, fromA: true)
        #expect(call.a.machine.nextDeadline == nil)
        #expect(call.a.machine.advance(to: .seconds(5)) { nil }.isEmpty)
        #expect(call.a.machine.stop(now: .seconds(5)).isEmpty)
        call.run(until: .milliseconds(1100))
        #expect(call.b.goodbyes == ["bye"])
    }

    @Test("a driver that wakes late catches up at most 200 ms, without a burst")
    func lateWakeUp() throws {
        func machine() -> MediaSessionStateMachine<SeededGenerator> {
            MediaSessionStateMachine(
                configuration: .init(codec: .pcmu, canonicalName: "x", rtcpInterval: .seconds(100)),
                ntpEpoch: NTPTimestamp(rawValue: 0), generator: SeededGenerator(seed: 9))
        }
        var late = machine()
        let initialTimestamp = machine().sender.mediaTimestamp
        let actions = late.advance(to: .seconds(3)) { .silence }
        let sent = actions.compactMap { action -> [UInt8]? in
            if case .sendRTP(let bytes) = action { bytes } else { nil }
        }
        #expect(sent.count == 11)  // ticks at 2.80 ... 3.00 s
        #expect(late.nextAudioTick == .milliseconds(3020))
        // The media clock still moved on by the whole time, and the first
        // packet after the skip starts a talkspurt.
        let first = try RTPPacket(parsing: try #require(sent.first))
        #expect(first.timestamp == initialTimestamp &+ 2800 * 8)
        #expect(first.marker)
    }

    @Test("garbage datagrams are counted, our own looped packets ignored")
    func garbage() {
        var call = SimulatedCall()
        #expect(call.a.machine.rtpReceived([1, 2, 3], now: .zero).isEmpty)
        #expect(call.a.machine.rtcpReceived([0x80], now: .zero).isEmpty)
        #expect(call.a.machine.malformedDatagrams == 2)
        let own = RTPPacket(payloadType: 0, sequenceNumber: 1, timestamp: 1, ssrc: call.a.machine.sender.ssrc, payload: [0xFF])
        #expect(call.a.machine.rtpReceived(own.encoded(), now: .zero).isEmpty)
        #expect(call.a.machine.rtpReceived(own.encoded(), now: .zero).isEmpty)
        #expect(call.a.machine.receiver.statistics == nil)
        call.run(until: .milliseconds(100))
    }
}
