/// RIFF/WAVE files of 16-bit linear PCM: what we read as a microphone and
/// write as a recording (Microsoft/IBM "Multimedia Programming Interface and
/// Data Specifications 1.0", 1991, RIFF chunks and the WAVE `fmt ` chunk;
/// WAVE_FORMAT_EXTENSIBLE per Microsoft's WAVEFORMATEXTENSIBLE).
public enum WAVFile {
    /// Files larger than this are refused rather than read into memory:
    /// 256 MiB is 46 minutes of 48 kHz mono.
    public static let maximumFileSize = 256 << 20

    /// The fields of the `fmt ` chunk that matter to us.
    public struct Format: Sendable, Hashable {
        public var sampleRate: Int
        public var channels: Int
    }

    /// Audio read from a file: its format and its samples, mono.
    public struct Audio: Sendable, Hashable {
        public var format: Format
        public var samples: [Int16]
    }

    /// Parses a whole file. Accepts PCM (format 1, or 0xFFFE with a PCM
    /// subformat), 16 bits, one or two channels (two are mixed to one), any
    /// rate from 1 to 384 kHz. Chunks other than `fmt ` and `data` are
    /// skipped. A `data` size of 0xFFFFFFFF means "until the end of the
    /// file", as streaming writers leave it; any other size past the end of
    /// the file is an error.
    public static func parse(_ bytes: [UInt8]) throws(WAVFileError) -> Audio {
        var reader = LittleEndianReader(bytes)
        guard reader.readTag() == "RIFF", reader.readUInt32() != nil else { throw .notRIFF }
        guard reader.readTag() == "WAVE" else { throw .notWAVE }
        var format: Format?
        var data: Range<Int>?
        while format == nil || data == nil, reader.remaining > 0 {
            guard let id = reader.readTag(), let size = reader.readUInt32() else { throw .truncated(chunk: "chunk header") }
            let start = reader.offset
            let length: Int
            if id == "data" {
                length = size == 0xFFFF_FFFF ? reader.remaining : Int(size)
                guard length <= reader.remaining else { throw .truncated(chunk: id) }
                data = start..<start + length
            } else {
                length = Int(size)
                guard length <= reader.remaining else { throw .truncated(chunk: id) }
                if id == "fmt " { format = try parseFormat(Array(bytes[start..<start + length])) }
            }
            // Chunks are padded to an even length (RIFF), but a last chunk
            // may lack its pad byte.
            _ = reader.skip(min(length + length % 2, reader.remaining))
        }
        guard let format else { throw .missingChunk("fmt ") }
        guard let data else { throw .missingChunk("data") }
        let frameBytes = 2 * format.channels
        var samples: [Int16] = []
        samples.reserveCapacity(data.count / frameBytes)
        var offset = data.lowerBound
        while offset + frameBytes <= data.upperBound {
            var sum = 0
            for channel in 0..<format.channels {
                let low = Int(bytes[offset + 2 * channel])
                let high = Int(Int8(bitPattern: bytes[offset + 2 * channel + 1]))
                sum += high << 8 | low
            }
            samples.append(Int16(sum / format.channels))
            offset += frameBytes
        }
        return Audio(format: format, samples: samples)
    }

    private static func parseFormat(_ chunk: [UInt8]) throws(WAVFileError) -> Format {
        var reader = LittleEndianReader(chunk)
        guard var tag = reader.readUInt16(), let channels = reader.readUInt16(),
              let sampleRate = reader.readUInt32(), reader.readUInt32() != nil,
              let blockAlign = reader.readUInt16(), let bits = reader.readUInt16()
        else { throw .truncated(chunk: "fmt ") }
        if tag == 0xFFFE {
            // WAVE_FORMAT_EXTENSIBLE: cbSize, valid bits, channel mask, then
            // the subformat GUID whose first two bytes are the format tag.
            guard reader.skip(8), let subformat = reader.readUInt16() else { throw .truncated(chunk: "fmt ") }
            tag = subformat
        }
        guard tag == 1 else { throw .unsupportedEncoding(formatTag: tag) }
        guard bits == 16 else { throw .unsupportedSampleSize(bits: Int(bits)) }
        guard channels == 1 || channels == 2 else { throw .unsupportedChannelCount(Int(channels)) }
        guard (1...384_000).contains(sampleRate) else { throw .unsupportedSampleRate(Int(sampleRate)) }
        guard blockAlign == channels * 2 else { throw .inconsistentFormat }
        return Format(sampleRate: Int(sampleRate), channels: Int(channels))
    }

    /// The 44-byte header of a mono 16-bit PCM file with `dataBytes` of
    /// samples after it.
    public static func header(sampleRate: Int, dataBytes: UInt32) -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(44)
        func append(_ value: UInt32, bytes: Int) {
            for index in 0..<bytes { header.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }
        header += Array("RIFF".utf8)
        append(dataBytes &+ 36, bytes: 4)  // everything after this field
        header += Array("WAVEfmt ".utf8)
        append(16, bytes: 4)  // fmt chunk size
        append(1, bytes: 2)  // PCM
        append(1, bytes: 2)  // mono
        append(UInt32(sampleRate), bytes: 4)
        append(UInt32(sampleRate * 2), bytes: 4)  // bytes per second
        append(2, bytes: 2)  // block align
        append(16, bytes: 2)  // bits per sample
        header += Array("data".utf8)
        append(dataBytes, bytes: 4)
        return header
    }
}

/// Why a WAV file cannot be used.
public enum WAVFileError: Error, Sendable, Hashable, CustomStringConvertible {
    case io(path: String, message: String)
    case tooLarge(bytes: Int)
    case notRIFF
    case notWAVE
    case truncated(chunk: String)
    case missingChunk(String)
    case unsupportedEncoding(formatTag: UInt16)
    case unsupportedSampleSize(bits: Int)
    case unsupportedChannelCount(Int)
    case unsupportedSampleRate(Int)
    case inconsistentFormat

    public var description: String {
        switch self {
        case .io(let path, let message): "\(path): \(message)"
        case .tooLarge(let bytes): "WAV file of \(bytes) bytes is larger than the \(WAVFile.maximumFileSize >> 20) MiB we read"
        case .notRIFF: "not a RIFF file (no RIFF header)"
        case .notWAVE: "RIFF file is not WAVE"
        case .truncated(let chunk): "WAV file truncated in its '\(chunk)' chunk"
        case .missingChunk(let chunk): "WAV file has no '\(chunk)' chunk"
        case .unsupportedEncoding(let tag): "WAV encoding \(tag) is not PCM (1)"
        case .unsupportedSampleSize(let bits): "WAV samples of \(bits) bits, only 16 are supported"
        case .unsupportedChannelCount(let count): "WAV file with \(count) channels, only 1 or 2 are supported"
        case .unsupportedSampleRate(let rate): "WAV sample rate \(rate) Hz is not supported"
        case .inconsistentFormat: "WAV block alignment does not match channels and sample size"
        }
    }
}

/// Little-endian fields of RIFF, never reading past the end.
private struct LittleEndianReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - offset }

    mutating func readUInt16() -> UInt16? {
        guard remaining >= 2 else { return nil }
        defer { offset += 2 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    mutating func readUInt32() -> UInt32? {
        guard let low = readUInt16(), let high = readUInt16() else { return nil }
        return UInt32(low) | UInt32(high) << 16
    }

    /// A four-character chunk identifier.
    mutating func readTag() -> String? {
        guard remaining >= 4 else { return nil }
        defer { offset += 4 }
        return String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, remaining >= count else { return false }
        offset += count
        return true
    }
}
