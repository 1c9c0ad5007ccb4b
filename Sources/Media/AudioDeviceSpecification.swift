/// An audio device named in one string, for command-line options and the
/// configuration file:
///
/// | text                   | as a source (microphone)      | as a sink (speaker)   |
/// |------------------------|-------------------------------|-----------------------|
/// | `null`                 | silence                       | discard               |
/// | `tone[:HZ[:LEVEL]]`    | a sine (default 440 Hz, 0.5)  | not a sink            |
/// | `file:PATH`            | play a WAV once, then silence | record to a WAV       |
/// | `loop:PATH`            | play a WAV over and over      | record to a WAV       |
/// | `alsa[:NAME]`          | ALSA capture (default device) | ALSA playback         |
public enum AudioDeviceSpecification: Sendable, Hashable, CustomStringConvertible {
    case null
    case tone(frequency: Double, amplitude: Double)
    case file(path: String, loops: Bool)
    case alsa(name: String)

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownKind(String)
        case invalidTone(String)
        case missingPath(String)

        public var description: String {
            switch self {
            case .unknownKind(let text): "unknown audio device '\(text)' (null, tone[:Hz[:level]], file:PATH, loop:PATH, alsa[:NAME])"
            case .invalidTone(let text): "invalid tone '\(text)': frequency 0-3999 Hz, level 0-1"
            case .missingPath(let text): "audio device '\(text)' needs a file path"
            }
        }
    }

    /// Why a device named here could not be opened.
    public enum OpenError: Error, Sendable, Hashable, CustomStringConvertible {
        case notASink(AudioDeviceSpecification)
        case file(WAVFileError)
        case alsa(ALSAError)

        public var description: String {
            switch self {
            case .notASink(let specification): "'\(specification)' can only be a source"
            case .file(let error): error.description
            case .alsa(let error): error.description
            }
        }
    }

    public init(parsing text: String) throws(ParseError) {
        let (kind, argument) = text.firstIndex(of: ":").map {
            (String(text[..<$0]), String(text[text.index(after: $0)...]))
        } ?? (text, nil)
        switch kind.lowercased() {
        case "null", "none":
            self = .null
        case "tone":
            let parts = argument?.split(separator: ":", omittingEmptySubsequences: false).map(String.init) ?? []
            let frequency = parts.isEmpty ? 440 : Double(parts[0])
            let amplitude = parts.count > 1 ? Double(parts[1]) : 0.5
            guard parts.count <= 2, let frequency, let amplitude,
                  (0..<4000).contains(frequency), (0...1).contains(amplitude)
            else { throw .invalidTone(text) }
            self = .tone(frequency: frequency, amplitude: amplitude)
        case "file", "loop":
            guard let argument, !argument.isEmpty else { throw .missingPath(text) }
            self = .file(path: argument, loops: kind.lowercased() == "loop")
        case "alsa":
            self = .alsa(name: argument.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
        default:
            throw .unknownKind(text)
        }
    }

    public var description: String {
        switch self {
        case .null: "null"
        case .tone(let frequency, let amplitude): "tone:\(frequency):\(amplitude)"
        case .file(let path, let loops): "\(loops ? "loop" : "file"):\(path)"
        case .alsa(let name): "alsa:\(name)"
        }
    }

    /// Opens the device as the audio we send. A file that ends is followed
    /// by silence (the call goes on).
    public func openSource() throws(OpenError) -> any AudioSource {
        switch self {
        case .null:
            return NullAudioDevice()
        case .tone(let frequency, let amplitude):
            // Parsing has checked the range, so the tone always exists.
            return ToneSource(frequency: frequency, amplitude: amplitude) ?? NullAudioDevice()
        case .file(let path, let loops):
            do throws(WAVFileError) {
                return try WAVFileSource(path: path, loops: loops)
            } catch {
                throw .file(error)
            }
        case .alsa(let name):
            do throws(ALSAError) {
                return try ALSACapture(device: ALSADeviceName(name))
            } catch {
                throw .alsa(error)
            }
        }
    }

    /// Opens the device as where received audio goes.
    public func openSink() throws(OpenError) -> any AudioSink {
        switch self {
        case .null:
            return NullAudioDevice()
        case .tone:
            throw .notASink(self)
        case .file(let path, _):
            do throws(WAVFileError) {
                return try WAVFileRecorder(path: path)
            } catch {
                throw .file(error)
            }
        case .alsa(let name):
            do throws(ALSAError) {
                return try ALSAPlayback(device: ALSADeviceName(name))
            } catch {
                throw .alsa(error)
            }
        }
    }
}
