/// Where the audio we send comes from: a microphone, a file, a generator.
///
/// The media session calls `nextFrame()` every 20 ms from its event loop, so
/// it must return at once: sources that wait on hardware (ALSA) read on a
/// thread of their own and hand over what they have (silence if nothing).
public protocol AudioSource: AnyObject, Sendable {
    /// The next 20 ms, or nil once the source has ended (a file that does
    /// not loop). Never blocks.
    func nextFrame() -> AudioFrame?
    /// Releases the device; `nextFrame()` returns nil afterwards.
    func close()
}

/// Where the audio we receive goes: a loudspeaker, a recording, nowhere.
///
/// The media session calls `play(_:)` every 20 ms from its event loop, with
/// silence when there is nothing to hear, so a sink sees a steady stream. It
/// must return at once (ALSA playback hands frames to its own thread; a WAV
/// recording appends 320 bytes).
public protocol AudioSink: AnyObject, Sendable {
    func play(_ frame: AudioFrame)
    /// Finishes the output (a recording gets its final header) and releases
    /// the device. Errors that `play` could not report surface here.
    func close() throws
}

/// A source of silence that never ends, and a sink that discards: for calls
/// without audio, and for tests.
public final class NullAudioDevice: AudioSource, AudioSink {
    public init() {}
    public func nextFrame() -> AudioFrame? { .silence }
    public func play(_ frame: AudioFrame) {}
    public func close() {}
}
