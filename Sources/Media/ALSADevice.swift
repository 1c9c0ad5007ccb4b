import Dispatch
import Foundation
import Synchronization

/// How to reach an ALSA PCM: its name, and optionally configuration text of
/// our own to look that name up in (asoundrc syntax) instead of the
/// system's, e.g. a `type file` PCM that records to disk.
public struct ALSADeviceName: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var configuration: String?
    /// The device buffer: how much scheduling delay is absorbed.
    public var latency: Duration

    public init(_ name: String = "default", configuration: String? = nil, latency: Duration = .milliseconds(100)) {
        self.name = name
        self.configuration = configuration
        self.latency = latency
    }

    public static let `default` = ALSADeviceName()

    public var description: String { name }
}

/// What an ALSA device's caller and its I/O thread share. The I/O thread
/// owns the PCM itself (it opens, uses and closes it), so no ALSA handle
/// ever crosses threads; only frames and flags do, under the mutex.
final class ALSAThreadControl: Sendable {
    struct State {
        var frames: [AudioFrame] = []
        var stopping = false
        var ended = false
        var failure: ALSAError?
        var droppedFrames = 0
        var recoveries = 0
    }

    let state = Mutex(State())
    /// Signalled once by the thread when the device is open (or failed).
    let opened = DispatchSemaphore(value: 0)
    /// Signalled by the caller when there is something to do.
    let wake = DispatchSemaphore(value: 0)
    /// Signalled once by the thread when it has closed the device.
    let finished = DispatchSemaphore(value: 0)

    /// Opens `device` on a dedicated thread (blocking ALSA calls must stay
    /// off Swift's cooperative pool and NIO's event loops) and runs `body`
    /// there, which must close the PCM before returning. Waits until the
    /// device is open; throws if it could not be.
    static func start(
        name: String, device: ALSADeviceName, stream: ALSAPCM.Stream,
        body: @escaping @Sendable (ALSAPCM, ALSAThreadControl) -> Void
    ) throws(ALSAError) -> ALSAThreadControl {
        let control = ALSAThreadControl()
        let thread = Thread {
            let pcm: ALSAPCM
            do throws(ALSAError) {
                pcm = try ALSAPCM(device: device.name, stream: stream, configuration: device.configuration, latency: device.latency)
            } catch {
                control.state.withLock { $0.failure = error }
                control.opened.signal()
                control.finished.signal()
                return
            }
            control.opened.signal()
            body(pcm, control)
            control.finished.signal()
        }
        thread.name = name
        thread.start()
        control.opened.wait()
        if let failure = control.state.withLock({ $0.failure }) {
            control.finished.wait()
            throw failure
        }
        return control
    }

    /// Asks the thread to finish and waits for it, at most `timeout` (a
    /// device stuck in the kernel must not hang the caller forever).
    func stop(timeout: Duration = .seconds(2)) -> ALSAError? {
        let alreadyStopping = state.withLock { state in
            defer { state.stopping = true }
            return state.stopping
        }
        if !alreadyStopping {
            wake.signal()
            let nanoseconds = Int(timeout.components.seconds) * 1_000_000_000 + Int(timeout.components.attoseconds / 1_000_000_000)
            _ = finished.wait(timeout: .now() + .nanoseconds(nanoseconds))
        }
        return state.withLock { $0.failure }
    }
}

/// The loudspeaker: frames from the session are queued and written by a
/// dedicated thread with blocking snd_pcm_writei; underruns are recovered.
public final class ALSAPlayback: AudioSink {
    public let device: ALSADeviceName
    /// Frames waiting beyond this are dropped, oldest first, so that a
    /// device clock slower than ours cannot build up delay.
    public let maximumQueuedFrames: Int
    private let control: ALSAThreadControl

    /// Opens the device (waiting until the I/O thread has it) or throws.
    /// At most `maximumQueuedFrames` (200 ms by default) wait for the device
    /// on top of its own buffer.
    public init(device: ALSADeviceName = .default, maximumQueuedFrames: Int = 10) throws(ALSAError) {
        self.device = device
        self.maximumQueuedFrames = max(1, maximumQueuedFrames)
        control = try ALSAThreadControl.start(name: "alsa-playback", device: device, stream: .playback) { pcm, control in
            Self.run(pcm, control: control)
            pcm.drainAndClose()
        }
    }

    private static func run(_ pcm: ALSAPCM, control: ALSAThreadControl) {
        while true {
            _ = control.wake.wait(timeout: .now() + .milliseconds(100))
            let (frames, stopping) = control.state.withLock { state in
                defer { state.frames.removeAll() }
                return (state.frames, state.stopping)
            }
            for frame in frames {
                do {
                    let recoveries = try pcm.write(frame.samples)
                    if recoveries > 0 { control.state.withLock { $0.recoveries += recoveries } }
                } catch {
                    control.state.withLock { $0.failure = error }
                    return
                }
            }
            if stopping { return }
        }
    }

    public func play(_ frame: AudioFrame) {
        let accepted = control.state.withLock { state in
            guard !state.stopping, state.failure == nil else { return false }
            state.frames.append(frame)
            if state.frames.count > maximumQueuedFrames {
                state.frames.removeFirst()
                state.droppedFrames += 1
            }
            return true
        }
        if accepted { control.wake.signal() }
    }

    /// Underruns recovered so far.
    public var recoveries: Int { control.state.withLock { $0.recoveries } }

    /// Plays what is queued, closes the device and ends the thread.
    public func close() throws {
        if let failure = control.stop() { throw failure }
    }

    deinit { _ = control.stop() }
}

/// The microphone: a dedicated thread reads 20 ms at a time with blocking
/// snd_pcm_readi into a short queue; `nextFrame()` takes from it, or gives
/// silence when the device is behind. Overruns are recovered.
public final class ALSACapture: AudioSource {
    public let device: ALSADeviceName
    /// Frames kept beyond this are dropped, oldest first, so that latency
    /// stays bounded when the session reads slower than the device records.
    static let maximumQueuedFrames = 5
    private let control: ALSAThreadControl

    public init(device: ALSADeviceName = .default) throws(ALSAError) {
        self.device = device
        control = try ALSAThreadControl.start(name: "alsa-capture", device: device, stream: .capture) { pcm, control in
            Self.run(pcm, control: control)
            pcm.close()
        }
    }

    private static func run(_ pcm: ALSAPCM, control: ALSAThreadControl) {
        while !control.state.withLock({ $0.stopping }) {
            let samples: [Int16]
            do {
                samples = try pcm.read(count: AudioFrame.sampleCount)
            } catch {
                control.state.withLock { $0.failure = error }
                return
            }
            control.state.withLock { state in
                if samples.isEmpty {
                    state.ended = true
                    return
                }
                state.frames.append(AudioFrame(samples: samples))
                if state.frames.count > Self.maximumQueuedFrames {
                    state.frames.removeFirst()
                    state.droppedFrames += 1
                }
            }
            if samples.count < AudioFrame.sampleCount { break }  // a file-backed device ran out
        }
        control.state.withLock { $0.ended = true }
    }

    /// The oldest captured frame; silence when none is ready; nil once
    /// closed, or once a device that can end (a file) has ended and been
    /// read out.
    public func nextFrame() -> AudioFrame? {
        control.state.withLock { state in
            if state.stopping { return nil }
            if !state.frames.isEmpty { return state.frames.removeFirst() }
            return state.ended ? nil : .silence
        }
    }

    /// The device's error, if reading failed.
    public var failure: ALSAError? { control.state.withLock { $0.failure } }

    public func close() {
        _ = control.stop()
    }

    deinit { _ = control.stop() }
}
