import Foundation
import Synchronization

/// A WAV file played as the microphone: read whole and converted to 8 kHz
/// mono when opened, so `nextFrame()` never touches the disk.
public final class WAVFileSource: AudioSource {
    public let path: String
    /// The file's own format, before conversion.
    public let fileFormat: WAVFile.Format
    /// Start again at the end, or end the source.
    public let loops: Bool
    private let samples: [Int16]

    private struct State {
        var position = 0
        var isClosed = false
    }

    private let state = Mutex(State())

    public init(path: String, loops: Bool = false) throws(WAVFileError) {
        let bytes = try Self.read(path)
        let audio = try WAVFile.parse(bytes)
        self.path = path
        self.loops = loops
        self.fileFormat = audio.format
        self.samples = Resampler.resample(audio.samples, from: audio.format.sampleRate)
    }

    /// The file's duration at 8 kHz.
    public var duration: Duration {
        .milliseconds(samples.count * 1000 / AudioFrame.sampleRate)
    }

    public func nextFrame() -> AudioFrame? {
        state.withLock { state in
            guard !state.isClosed, !samples.isEmpty else { return nil }
            if state.position >= samples.count {
                guard loops else { return nil }
                state.position = 0
            }
            var frame = Array(samples[state.position..<min(samples.count, state.position + AudioFrame.sampleCount)])
            state.position += frame.count
            if frame.count < AudioFrame.sampleCount, loops {
                // Wrap within the frame so that a loop has no gap.
                while frame.count < AudioFrame.sampleCount {
                    let take = min(AudioFrame.sampleCount - frame.count, samples.count)
                    frame += samples[0..<take]
                    state.position = take
                }
            }
            return AudioFrame(samples: frame)
        }
    }

    public func close() {
        state.withLock { $0.isClosed = true }
    }

    private static func read(_ path: String) throws(WAVFileError) -> [UInt8] {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = (attributes[.size] as? NSNumber)?.intValue, size > WAVFile.maximumFileSize {
                throw WAVFileError.tooLarge(bytes: size)
            }
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as WAVFileError {
            throw error
        } catch {
            throw .io(path: path, message: Self.message(for: error))
        }
    }

    private static func message(for error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}
