import Foundation
import Testing
@testable import Media

@Suite("WAV files")
struct WAVFileTests {
    @Test("the header we write is the canonical 44-byte PCM header")
    func header() {
        let header = WAVFile.header(sampleRate: 8000, dataBytes: 320)
        let expected: [UInt8] = Array("RIFF".utf8) + [0x64, 0x01, 0, 0] + Array("WAVEfmt ".utf8)
            + [16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0]
            + Array("data".utf8) + [0x40, 0x01, 0, 0]
        #expect(header == expected)
        #expect(wavBytes(samples: Array(repeating: 0, count: 160)).prefix(44) == expected[...])
    }

    @Test("mono 16-bit PCM parses to its samples; other chunks are skipped")
    func parse() throws {
        let samples = sine(frequency: 440, count: 321)
        let list = Array("LIST".utf8) + [3, 0, 0, 0, 1, 2, 3, 0]  // odd size, padded
        let audio = try WAVFile.parse(wavBytes(samples: samples, extraChunks: list))
        #expect(audio.format == WAVFile.Format(sampleRate: 8000, channels: 1))
        #expect(audio.samples == samples)
    }

    @Test("stereo is mixed to mono; WAVE_FORMAT_EXTENSIBLE with a PCM subformat is PCM")
    func stereoAndExtensible() throws {
        let stereo = try WAVFile.parse(wavBytes(samples: [100, 300, -100, -301], channels: 2))
        #expect(stereo.samples == [200, -200])
        // Extensible: cbSize 22, valid bits, mask, subformat GUID starting 01 00.
        var bytes = wavBytes(samples: [1, 2, 3], formatTag: 0xFFFE)
        let extensionBytes: [UInt8] = [22, 0, 16, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]
        bytes.insert(contentsOf: extensionBytes, at: 36)
        bytes[16] = 40  // fmt size
        #expect(try WAVFile.parse(bytes).samples == [1, 2, 3])
    }

    @Test("a data size of 0xFFFFFFFF means until the end of the file")
    func streamingSize() throws {
        let audio = try WAVFile.parse(wavBytes(samples: [5, 6, 7], dataSize: 0xFFFF_FFFF))
        #expect(audio.samples == [5, 6, 7])
    }

    @Test("malformed files give clear errors", arguments: [
        ([] as [UInt8], WAVFileError.notRIFF),
        (Array("RIFX\u{0}\u{0}\u{0}\u{0}WAVE".utf8), .notRIFF),
        (Array("RIFF\u{4}\u{0}\u{0}\u{0}AVI ".utf8), .notWAVE),
        (Array("RIFF\u{4}\u{0}\u{0}\u{0}WAVE".utf8), .missingChunk("fmt ")),
        (Array(wavBytes(samples: [1, 2]).prefix(40)), .truncated(chunk: "chunk header")),
        (Array(wavBytes(samples: [1, 2]).prefix(30)), .truncated(chunk: "fmt ")),
        (Array(wavBytes(samples: [1, 2, 3, 4]).prefix(48)), .truncated(chunk: "data")),
        (wavBytes(samples: [1], dataSize: 0x7FFF_FFF0), .truncated(chunk: "data")),
        (wavBytes(samples: [1], formatTag: 3), .unsupportedEncoding(formatTag: 3)),
        (wavBytes(samples: [1], bitsPerSample: 8), .unsupportedSampleSize(bits: 8)),
        (wavBytes(samples: [1, 2, 3], channels: 3), .unsupportedChannelCount(3)),
        (wavBytes(samples: [1], sampleRate: 0), .unsupportedSampleRate(0)),
    ])
    func malformed(bytes: [UInt8], expected: WAVFileError) {
        #expect(throws: expected) { try WAVFile.parse(bytes) }
    }

    @Test("a chunk claiming gigabytes is refused, not allocated")
    func hugeChunk() {
        var bytes = wavBytes(samples: [1])
        bytes[16...19] = [0xFF, 0xFF, 0xFF, 0x7F]  // fmt chunk of 2 GiB
        #expect(throws: WAVFileError.truncated(chunk: "fmt ")) { try WAVFile.parse(bytes) }
        let errors = [WAVFileError.truncated(chunk: "data"), .unsupportedSampleRate(5), .tooLarge(bytes: 1 << 30)]
        #expect(errors.map(\.description) == [
            "WAV file truncated in its 'data' chunk", "WAV sample rate 5 Hz is not supported",
            "WAV file of 1073741824 bytes is larger than the 256 MiB we read",
        ])
    }

    @Test("random bytes after a RIFF header never trap")
    func garbage() {
        var generator = SeededGenerator(seed: 44)
        for _ in 0..<5000 {
            let length = Int.random(in: 0...96, using: &generator)
            var bytes = Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVE".utf8)
            bytes += (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length >= 4, Bool.random(using: &generator) { bytes.replaceSubrange(12..<16, with: Array("fmt ".utf8)) }
            _ = try? WAVFile.parse(bytes)
        }
    }

    @Test("file source: 20 ms frames, then the end or a seamless loop")
    func fileSource() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let samples = (0..<400).map { Int16($0) }
        let path = directory.path("in.wav")
        try Data(wavBytes(samples: samples)).write(to: URL(fileURLWithPath: path))

        let once = try WAVFileSource(path: path)
        #expect(once.duration == .milliseconds(50))
        #expect(once.nextFrame()?.samples == Array(samples[0..<160]))
        #expect(once.nextFrame()?.samples == Array(samples[160..<320]))
        #expect(once.nextFrame()?.samples == Array(samples[320..<400]) + Array(repeating: 0, count: 80))
        #expect(once.nextFrame() == nil)

        let looping = try WAVFileSource(path: path, loops: true)
        let played = (0..<5).flatMap { _ in looping.nextFrame()!.samples }
        #expect(played == Array((samples + samples).prefix(800)))
        looping.close()
        #expect(looping.nextFrame() == nil)
    }

    @Test("file source: 16, 44.1 and 48 kHz files are converted to 8 kHz")
    func resampledSource() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for rate in [16_000, 44_100, 48_000, 8_000, 11_025] {
            let path = directory.path("tone-\(rate).wav")
            try Data(wavBytes(samples: sine(frequency: 1000, count: rate, sampleRate: rate), sampleRate: rate)).write(to: URL(fileURLWithPath: path))
            let source = try WAVFileSource(path: path)
            #expect(source.fileFormat.sampleRate == rate)
            let error = source.duration - .seconds(1)
            #expect(error <= .milliseconds(1) && error >= .milliseconds(-1), "\(rate) Hz")
            let audio = (0..<40).flatMap { _ in source.nextFrame()!.samples }
            #expect(Goertzel.relativePower(of: 1000, in: audio) > 0.9, "\(rate) Hz")
            #expect(Goertzel.relativePower(of: 440, in: audio) < 0.01, "\(rate) Hz")
        }
    }

    @Test("missing and non-WAV files give errors naming the file")
    func fileErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect {
            try WAVFileSource(path: directory.path("absent.wav"))
        } throws: { error in
            guard case WAVFileError.io(let path, _) = error else { return false }
            return path.hasSuffix("absent.wav")
        }
        let text = directory.path("text.wav")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: WAVFileError.notRIFF) { try WAVFileSource(path: text) }
    }

    @Test("recorder: the header is valid while recording and final after close")
    func recorder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("out.wav")
        let recorder = try WAVFileRecorder(path: path)
        // Valid (and empty) before anything is heard.
        #expect(try WAVFile.parse(Array(Data(contentsOf: URL(fileURLWithPath: path)))).samples.isEmpty)
        let tone = sine(frequency: 440, count: 8000 + 800)
        for start in stride(from: 0, to: tone.count, by: 160) {
            recorder.play(AudioFrame(samples: tone[start..<start + 160]))
        }
        // As if the process died now: the header already covers the first
        // second, the rest is after it.
        let crashed = try WAVFile.parse(Array(Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(crashed.samples == Array(tone.prefix(8000)))
        try recorder.close()
        try recorder.close()  // idempotent
        let closed = try WAVFile.parse(Array(Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(closed.samples == tone)
        #expect(recorder.dataBytes == tone.count * 2)
    }

    @Test("recorder: an unwritable path is an error at once")
    func recorderError() {
        #expect(throws: WAVFileError.self) { try WAVFileRecorder(path: "/nonexistent-dir/x.wav") }
    }
}
