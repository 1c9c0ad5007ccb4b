import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Records what is heard to a WAV file (8 kHz, mono, 16-bit PCM).
///
/// Crash safety: the header is valid from the start (sizes for no data) and
/// is rewritten with the true sizes after every second of audio and on
/// `close()`, so a process that dies leaves a file any reader accepts,
/// missing at most the last second.
public final class WAVFileRecorder: AudioSink {
    public let path: String
    /// The header is refreshed after this many bytes of samples (1 s).
    static let headerRefreshBytes = AudioFrame.sampleRate * 2
    /// RIFF sizes are 32-bit: stop before the header would overflow.
    static let maximumDataBytes = Int(UInt32.max) - 36

    private struct State {
        var descriptor: Int32
        var dataBytes = 0
        var bytesSinceHeader = 0
        /// The first write error; later frames are dropped and `close()`
        /// reports it.
        var failure: WAVFileError?
    }

    private let state: Mutex<State>

    /// Creates (or truncates) the file and writes an empty file's header.
    public init(path: String) throws(WAVFileError) {
        self.path = path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: path, message: String(cString: strerror(errno))) }
        var state = State(descriptor: descriptor)
        Self.writeHeader(&state, path: path)
        if let failure = state.failure {
            Glibc.close(descriptor)
            throw failure
        }
        self.state = Mutex(state)
    }

    public func play(_ frame: AudioFrame) {
        state.withLock { state in
            guard state.descriptor >= 0, state.failure == nil else { return }
            guard state.dataBytes + 2 * frame.samples.count <= Self.maximumDataBytes else { return }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(2 * frame.samples.count)
            for sample in frame.samples {
                let bits = UInt16(bitPattern: sample)
                bytes.append(UInt8(bits & 0xFF))
                bytes.append(UInt8(bits >> 8))
            }
            guard Self.write(bytes, at: 44 + state.dataBytes, in: &state, path: path) else { return }
            state.dataBytes += bytes.count
            state.bytesSinceHeader += bytes.count
            if state.bytesSinceHeader >= Self.headerRefreshBytes {
                Self.writeHeader(&state, path: path)
                state.bytesSinceHeader = 0
            }
        }
    }

    /// Bytes of samples written so far.
    public var dataBytes: Int { state.withLock { $0.dataBytes } }

    /// Writes the final header and closes the file; idempotent.
    public func close() throws {
        let failure: WAVFileError? = state.withLock { state in
            guard state.descriptor >= 0 else { return state.failure }
            Self.writeHeader(&state, path: path)
            if Glibc.close(state.descriptor) != 0, state.failure == nil {
                state.failure = .io(path: path, message: String(cString: strerror(errno)))
            }
            state.descriptor = -1
            return state.failure
        }
        if let failure { throw failure }
    }

    deinit {
        // A recorder dropped without close() still leaves a correct file.
        try? close()
    }

    private static func writeHeader(_ state: inout State, path: String) {
        let header = WAVFile.header(sampleRate: AudioFrame.sampleRate, dataBytes: UInt32(state.dataBytes))
        _ = write(header, at: 0, in: &state, path: path)
    }

    /// pwrite(2) all of `bytes` at `offset`, retrying short writes and EINTR.
    private static func write(_ bytes: [UInt8], at offset: Int, in state: inout State, path: String) -> Bool {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                pwrite(state.descriptor, buffer.baseAddress! + written, buffer.count - written, off_t(offset + written))
            }
            if result < 0 {
                if errno == EINTR { continue }
                state.failure = state.failure ?? .io(path: path, message: String(cString: strerror(errno)))
                return false
            }
            written += result
        }
        return true
    }
}
