import Foundation
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import Media

/// What a session's event stream delivered, collected by a task.
final class SessionEventLog: Sendable {
    private let events = Mutex<[RTPMediaSession.Event]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(_ session: RTPMediaSession) {
        let reader = Task { [self] in
            for await event in session.events { append(event) }
        }
        task.withLock { $0 = reader }
    }

    private func append(_ event: RTPMediaSession.Event) {
        events.withLock { $0.append(event) }
    }

    var digits: String {
        events.withLock { events in
            String(events.compactMap { if case .dtmf(let digit) = $0 { digit.character } else { nil } })
        }
    }

    var qualities: [CallQuality] {
        events.withLock { events in events.compactMap { if case .quality(let quality) = $0 { quality } else { nil } } }
    }

    var goodbyes: Int {
        events.withLock { events in events.filter { if case .remoteGoodbye = $0 { true } else { false } }.count }
    }

    /// Waits until the stream has finished (the session stopped).
    func finished() async {
        await task.withLock { $0 }?.value
    }
}

/// Two real sessions on 127.0.0.1: sockets, the NIO clock, devices.
@Suite("RTP media session over loopback", .timeLimit(.minutes(1)))
struct RTPMediaSessionTests {
    func configuration(_ codec: AudioCodec, name: String) -> RTPMediaSession.Configuration {
        RTPMediaSession.Configuration(
            localHost: "127.0.0.1", remoteRTP: nil,
            media: .init(codec: codec, canonicalName: name, rtcpInterval: .milliseconds(500)))
    }

    /// Waits (polling, up to `limit`) until `condition` holds.
    func eventually(_ limit: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await condition()
    }

    @Test("two sessions exchange tones, DTMF and reports, then free their ports")
    func loopbackCall() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let alice = try await RTPMediaSession.start(
            configuration(.pcmu, name: "alice@127.0.0.1"), source: try #require(ToneSource(frequency: 1000)),
            sink: try WAVFileRecorder(path: directory.path("alice-heard.wav")))
        let bob = try await RTPMediaSession.start(
            configuration(.pcma, name: "bob@127.0.0.1"), source: try #require(ToneSource(frequency: 440)),
            sink: try WAVFileRecorder(path: directory.path("bob-heard.wav")))
        let aliceEvents = SessionEventLog(alice)
        let bobEvents = SessionEventLog(bob)

        // RFC 3550 §11: RTP on an even port, RTCP on the next one.
        let alicePort = try #require(alice.localRTPAddress.port)
        #expect(alicePort % 2 == 0)
        #expect(alice.localRTCPAddress.port == alicePort + 1)

        alice.setRemote(rtp: bob.localRTPAddress)
        bob.setRemote(rtp: alice.localRTPAddress)
        try await Task.sleep(for: .milliseconds(400))
        #expect(await alice.sendDTMF(DTMFDigit.digits("15#")!, duration: .milliseconds(60)))
        try await Task.sleep(for: .milliseconds(900))

        // Reports both ways, with a round-trip time, before hanging up.
        let reported = await eventually {
            let a = await alice.quality()
            let b = await bob.quality()
            return a.roundTripMilliseconds != nil && b.roundTripMilliseconds != nil
        }
        #expect(reported)
        #expect(await eventually { bobEvents.digits == "15#" })
        let quality = await alice.quality()
        #expect(quality.lossPercent == 0)
        #expect(quality.packetsReceived > 40)
        #expect(quality.jitterMilliseconds < 50)
        #expect((quality.roundTripMilliseconds ?? -1) >= 0 && (quality.roundTripMilliseconds ?? 1000) < 500)
        #expect(quality.remoteLossPercent == 0)

        try await alice.stop()
        try await bob.stop()
        try await alice.stop()  // idempotent
        await aliceEvents.finished()
        await bobEvents.finished()
        #expect(!aliceEvents.qualities.isEmpty)
        #expect(bobEvents.goodbyes <= 1)
        #expect(aliceEvents.digits.isEmpty)
        #expect(await alice.sendDTMF([DTMFDigit("1")!]) == false)

        // Each recording holds the other side's tone. Bob's also has the
        // gaps where Alice sent DTMF instead of audio.
        let aliceHeard = try WAVFile.parse(Array(Data(contentsOf: directory.url.appendingPathComponent("alice-heard.wav"))))
        let bobHeard = try WAVFile.parse(Array(Data(contentsOf: directory.url.appendingPathComponent("bob-heard.wav"))))
        #expect(aliceHeard.samples.count > 8000)
        #expect(bobHeard.samples.count > 8000)
        #expect(Goertzel.blockwiseRelativePower(of: 440, in: aliceHeard.samples) > 0.8)
        #expect(Goertzel.blockwiseRelativePower(of: 1000, in: aliceHeard.samples) < 0.02)
        #expect(Goertzel.blockwiseRelativePower(of: 1000, in: bobHeard.samples) > 0.8)
        #expect(Goertzel.blockwiseRelativePower(of: 440, in: bobHeard.samples) < 0.02)

        // The ports are free again.
        for address in [alice.localRTPAddress, alice.localRTCPAddress, bob.localRTPAddress, bob.localRTCPAddress] {
            let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(to: address).get()
            try await channel.close()
        }
    }

    @Test("a port in use is an error naming it; an explicit even port is used as given")
    func ports() async throws {
        let first = try await RTPMediaSession.start(
            configuration(.pcmu, name: "a"), source: NullAudioDevice(), sink: NullAudioDevice())
        let port = try #require(first.localRTPAddress.port)
        var taken = configuration(.pcmu, name: "b")
        taken.localPort = port
        await #expect(throws: RTPMediaSessionError.self) {
            try await RTPMediaSession.start(taken, source: NullAudioDevice(), sink: NullAudioDevice())
        }
        try await first.stop()
        // other tests run in parallel and may hold the freed port for a moment
        var rebound: RTPMediaSession?
        for _ in 0..<40 where rebound == nil {
            rebound = try? await RTPMediaSession.start(taken, source: NullAudioDevice(), sink: NullAudioDevice())
            if rebound == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let again = try #require(rebound, "port \(port) stayed busy")
        #expect(again.localRTPAddress.port == port)
        #expect(again.localRTCPAddress.port == port + 1)
        try await again.stop()
    }

    @Test("a session dropped without stop() still closes its sockets")
    func droppedSession() async throws {
        var session: RTPMediaSession? = try await RTPMediaSession.start(
            configuration(.pcmu, name: "a"), source: NullAudioDevice(), sink: NullAudioDevice())
        let address = try #require(session?.localRTPAddress)
        session = nil
        let freed = await eventually {
            guard let channel = try? await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(to: address).get() else { return false }
            try? await channel.close()
            return true
        }
        #expect(freed)
    }

    @Test("hold: a recvonly side stops sending, the other hears silence")
    func hold() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let recorder = try WAVFileRecorder(path: directory.path("heard.wav"))
        let alice = try await RTPMediaSession.start(
            configuration(.pcmu, name: "alice"), source: try #require(ToneSource(frequency: 1000)), sink: NullAudioDevice())
        let bob = try await RTPMediaSession.start(configuration(.pcmu, name: "bob"), source: NullAudioDevice(), sink: recorder)
        alice.setRemote(rtp: bob.localRTPAddress)
        bob.setRemote(rtp: alice.localRTPAddress)
        try await Task.sleep(for: .milliseconds(500))
        alice.setDirection(.recvonly)
        #expect(await alice.sendDTMF([DTMFDigit("1")!]) == false)
        // Wait until Bob has received nothing new for a while.
        var last = await bob.quality().packetsReceived
        let settled = await eventually {
            try? await Task.sleep(for: .milliseconds(200))
            let now = await bob.quality().packetsReceived
            defer { last = now }
            return now == last
        }
        #expect(settled)
        let before = recorder.dataBytes
        try await Task.sleep(for: .milliseconds(300))
        try await alice.stop()
        try await bob.stop()
        let heard = try WAVFile.parse(Array(Data(contentsOf: directory.url.appendingPathComponent("heard.wav"))))
        let afterHold = heard.samples[(before / 2)...]
        #expect(afterHold.count > 0)
        #expect(afterHold.allSatisfy { $0 == 0 })
        #expect(Goertzel.blockwiseRelativePower(of: 1000, in: heard.samples[..<(before / 2)]) > 0.8)
    }
}
