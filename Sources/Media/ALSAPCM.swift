import CAlsa
#if canImport(Glibc)
import Glibc
#endif

/// Why an ALSA device could not be used.
public struct ALSAError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ALSA call that failed, e.g. "snd_pcm_open".
    public var operation: String
    public var device: String
    /// The negative error code ALSA returned.
    public var code: Int32

    public var description: String {
        "ALSA device '\(device)': \(operation) failed: \(String(cString: snd_strerror(code)))"
    }
}

/// One open ALSA PCM, 8 kHz mono signed 16-bit little-endian, blocking
/// I/O. Only ever used on the one thread that opened it (ALSAPlayback's and
/// ALSACapture's I/O threads), so it is deliberately not Sendable.
///
/// Uses only real library symbols (snd_pcm_open, snd_pcm_set_params,
/// snd_pcm_writei/readi, snd_pcm_recover), no macros, so no C shim is needed.
final class ALSAPCM {
    enum Stream {
        case playback, capture
    }

    let device: String
    private var handle: OpaquePointer?

    /// Opens `device` (an ALSA PCM name such as "default", "hw:0",
    /// "file:'/tmp/x.raw',raw"). `configuration`, when given, is ALSA
    /// configuration text (asoundrc syntax) in which `device` is looked up
    /// instead of the system configuration (snd_pcm_open_lconf).
    /// `latency` is the device buffer, which absorbs scheduling hiccups.
    init(device: String, stream: Stream, configuration: String? = nil, latency: Duration = .milliseconds(100)) throws(ALSAError) {
        self.device = device
        let direction = stream == .playback ? SND_PCM_STREAM_PLAYBACK : SND_PCM_STREAM_CAPTURE
        var handle: OpaquePointer?
        var status: Int32
        if let configuration {
            status = Self.openWithLocalConfiguration(&handle, device: device, stream: direction, text: configuration)
        } else {
            status = snd_pcm_open(&handle, device, direction, 0)
        }
        guard status >= 0, let handle else { throw ALSAError(operation: "snd_pcm_open", device: device, code: status) }
        self.handle = handle
        let microseconds = UInt32(clamping: latency.components.seconds * 1_000_000 + latency.components.attoseconds / 1_000_000_000_000)
        // Resampling allowed (1) in case the hardware cannot do 8 kHz itself.
        status = snd_pcm_set_params(
            handle, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, UInt32(AudioFrame.sampleRate), 1, microseconds)
        guard status >= 0 else {
            snd_pcm_close(handle)
            self.handle = nil
            throw ALSAError(operation: "snd_pcm_set_params", device: device, code: status)
        }
    }

    /// snd_pcm_open_lconf on a configuration tree parsed from `text`. The
    /// tree and the input buffer are freed before returning: the PCM keeps
    /// no reference to them (snd_pcm_open itself frees its tree after
    /// opening).
    private static func openWithLocalConfiguration(
        _ handle: inout OpaquePointer?, device: String, stream: snd_pcm_stream_t, text: String
    ) -> Int32 {
        var tree: OpaquePointer?
        var status = snd_config_top(&tree)
        guard status >= 0, let tree else { return status }
        defer { snd_config_delete(tree) }
        var input: OpaquePointer?
        let bytes = Array(text.utf8)
        status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { snd_input_buffer_open(&input, $0.baseAddress, buffer.count) }
        }
        guard status >= 0, let input else { return status }
        status = snd_config_load(tree, input)
        snd_input_close(input)
        guard status >= 0 else { return status }
        return snd_pcm_open_lconf(&handle, device, stream, 0, tree)
    }

    deinit {
        if let handle { snd_pcm_close(handle) }
    }

    /// Writes all samples, blocking while the device buffer is full.
    /// Underruns (EPIPE) and suspends (ESTRPIPE) are recovered from and the
    /// write continues; returns how many recoveries were needed.
    @discardableResult
    func write(_ samples: [Int16]) throws(ALSAError) -> Int {
        guard let handle else { throw ALSAError(operation: "snd_pcm_writei", device: device, code: -EBADFD) }
        let littleEndian = samples.map(\.littleEndian)
        var offset = 0
        var recoveries = 0
        while offset < littleEndian.count {
            let written = littleEndian.withUnsafeBufferPointer { buffer in
                snd_pcm_writei(handle, buffer.baseAddress! + offset, snd_pcm_uframes_t(buffer.count - offset))
            }
            if written < 0 {
                try recover(handle, from: Int32(written), operation: "snd_pcm_writei")
                recoveries += 1
                continue
            }
            offset += Int(written)
        }
        return recoveries
    }

    /// Reads `count` samples, blocking until they are there. Overruns are
    /// recovered from (the lost audio is simply missing).
    func read(count: Int) throws(ALSAError) -> [Int16] {
        guard let handle else { throw ALSAError(operation: "snd_pcm_readi", device: device, code: -EBADFD) }
        var samples = [Int16](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let read = samples.withUnsafeMutableBufferPointer { buffer in
                snd_pcm_readi(handle, buffer.baseAddress! + offset, snd_pcm_uframes_t(count - offset))
            }
            if read < 0 {
                try recover(handle, from: Int32(read), operation: "snd_pcm_readi")
                continue
            }
            if read == 0 { break }  // end of a file-backed stream
            offset += Int(read)
        }
        return samples.prefix(offset).map { Int16(littleEndian: $0) }
    }

    /// snd_pcm_recover handles EINTR, EPIPE (xrun) and ESTRPIPE (suspend);
    /// anything else, or a failed recovery, is an error.
    private func recover(_ handle: OpaquePointer, from code: Int32, operation: String) throws(ALSAError) {
        let status = snd_pcm_recover(handle, code, 1)  // 1: do not print to stderr
        guard status >= 0 else { throw ALSAError(operation: operation, device: device, code: code) }
    }

    /// Plays out what is buffered (playback), then closes.
    func drainAndClose() {
        guard let handle else { return }
        snd_pcm_drain(handle)
        snd_pcm_close(handle)
        self.handle = nil
    }

    /// Drops what is buffered and closes.
    func close() {
        guard let handle else { return }
        snd_pcm_drop(handle)
        snd_pcm_close(handle)
        self.handle = nil
    }
}
