import Foundation
import Testing
@testable import Media

/// ALSA without a sound card: the `file` PCM plugin writes what is played
/// to a file (over the `null` PCM, which takes anything at any speed) and
/// reads what is captured from an `infile`. Devices are named either with
/// the system configuration's `file:` PCM or with configuration text of our
/// own (snd_pcm_open_lconf), so no environment variable is changed.
@Suite("ALSA devices through the file plugin", .timeLimit(.minutes(1)))
struct ALSATests {
    func configuration(name: String, file: String, infile: String? = nil) -> String {
        """
        pcm.\(name) {
            type file
            slave.pcm { type null }
            file "\(file)"
            \(infile.map { "infile \"\($0)\"" } ?? "")
            format "raw"
        }
        """
    }

    func rawSamples(_ path: String) throws -> [Int16] {
        samples(fromLittleEndian: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test("playback to the system's file: PCM records the tone")
    func playbackThroughFilePCM() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("played.raw")
        // The null PCM takes frames as fast as they come, but the test hands
        // them over faster still: let them all wait.
        let playback = try ALSAPlayback(device: ALSADeviceName("file:'\(path)',raw"), maximumQueuedFrames: 100)
        let tone = try #require(ToneSource(frequency: 1000, amplitude: 0.5))
        for _ in 0..<50 { playback.play(tone.nextFrame()!) }
        try playback.close()
        let played = try rawSamples(path)
        #expect(played.count >= 8000)
        let expected = sine(frequency: 1000, count: 8000, amplitude: 0.5)
        #expect(zip(played, expected).filter { $0 != $1 }.isEmpty)
        #expect(Goertzel.relativePower(of: 1000, in: played.prefix(8000)) > 0.99)
        #expect(Goertzel.relativePower(of: 440, in: played.prefix(8000)) < 0.01)
    }

    @Test("playback to a PCM defined in our own configuration text")
    func playbackThroughLocalConfiguration() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("played.raw")
        let device = ALSADeviceName("switchboard_test", configuration: configuration(name: "switchboard_test", file: path))
        let playback = try ALSAPlayback(device: device, maximumQueuedFrames: 100)
        let tone = try #require(ToneSource(frequency: 440, amplitude: 0.3))
        for _ in 0..<25 { playback.play(tone.nextFrame()!) }
        try playback.close()
        let played = Array(try rawSamples(path).prefix(4000))
        #expect(played.count == 4000)
        #expect(Goertzel.relativePower(of: 440, in: played) > 0.99)
        #expect(Goertzel.relativePower(of: 1000, in: played) < 0.01)
    }

    @Test("the PCM wrapper reads exactly what the infile holds")
    func captureWrapper() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.path("mic.raw")
        let tone = sine(frequency: 1000, count: 1600)
        try Data(littleEndianBytes(tone)).write(to: URL(fileURLWithPath: input))
        let pcm = try ALSAPCM(
            device: "mic", stream: .capture,
            configuration: configuration(name: "mic", file: "/dev/null", infile: input))
        let captured = try (0..<10).flatMap { _ in try pcm.read(count: 160) }
        pcm.close()
        #expect(captured == tone)
    }

    @Test("the capture device hands frames from its own thread")
    func captureDevice() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A FIFO paces the capture thread: it reads the tone, then blocks
        // like a microphone waiting for sound, instead of racing ahead.
        let fifo = directory.path("mic.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = open(fifo, O_RDWR)  // O_RDWR: opening does not wait for a reader
        #expect(writer >= 0)
        let bytes = littleEndianBytes(sine(frequency: 1000, count: 1600))
        #expect(bytes.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) } == bytes.count)

        let capture = try ALSACapture(device: ALSADeviceName(
            "mic", configuration: configuration(name: "mic", file: "/dev/null", infile: fifo)))
        var heard: [Int16] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while heard.count < 800, ContinuousClock.now < deadline {
            if let frame = capture.nextFrame(), frame != .silence {
                heard += frame.samples
            } else {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        close(writer)  // EOF unblocks the thread's read
        capture.close()
        #expect(capture.nextFrame() == nil)
        #expect(capture.failure == nil)
        #expect(heard.count >= 800)
        #expect(Goertzel.relativePower(of: 1000, in: heard.prefix(800)) > 0.99)
    }

    @Test("an unknown device is a clear error")
    func unknownDevice() {
        #expect {
            try ALSAPlayback(device: ALSADeviceName("switchboard_no_such_device"))
        } throws: { error in
            guard let error = error as? ALSAError else { return false }
            return error.operation == "snd_pcm_open" && error.description.contains("switchboard_no_such_device")
        }
        #expect(throws: ALSAError.self) {
            try ALSACapture(device: ALSADeviceName("x", configuration: "pcm.x { type"))
        }
    }
}
