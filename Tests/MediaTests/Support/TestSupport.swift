import Foundation
@testable import Media

/// A seeded generator (SplitMix64, Steele et al., OOPSLA 2014) so that
/// "random" SSRCs, sequence numbers and intervals repeat from run to run.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh directory under the system's temporary directory, removed by
/// `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("media-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Samples of a sine at `frequency`, `amplitude` of full scale.
func sine(frequency: Double, count: Int, sampleRate: Int = 8000, amplitude: Double = 0.5) -> [Int16] {
    (0..<count).map { Int16((sin(2 * .pi * frequency * Double($0) / Double(sampleRate)) * amplitude * 32767).rounded()) }
}

/// Little-endian bytes of 16-bit samples, as WAV and raw ALSA files hold them.
func littleEndianBytes(_ samples: [Int16]) -> [UInt8] {
    samples.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
}

func samples(fromLittleEndian bytes: [UInt8]) -> [Int16] {
    stride(from: 0, to: bytes.count - 1, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
}

/// A WAV file's bytes, built by hand (independently of `WAVFile.header`).
func wavBytes(
    samples: [Int16], sampleRate: Int = 8000, channels: Int = 1, formatTag: UInt16 = 1, bitsPerSample: UInt16 = 16,
    dataSize: UInt32? = nil, extraChunks: [UInt8] = []
) -> [UInt8] {
    func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    let data = littleEndianBytes(samples)
    let blockAlign = UInt16(channels) * bitsPerSample / 8
    var fmt = le16(formatTag) + le16(UInt16(channels)) + le32(UInt32(sampleRate))
    fmt += le32(UInt32(sampleRate) * UInt32(blockAlign)) + le16(blockAlign) + le16(bitsPerSample)
    var body = Array("WAVE".utf8) + Array("fmt ".utf8) + le32(UInt32(fmt.count)) + fmt + extraChunks
    body += Array("data".utf8) + le32(dataSize ?? UInt32(data.count)) + data
    return Array("RIFF".utf8) + le32(UInt32(body.count)) + body
}
