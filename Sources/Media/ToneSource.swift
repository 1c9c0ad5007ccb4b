import Foundation
import Synchronization

/// A sine wave generator: a test signal to send instead of a microphone.
public final class ToneSource: AudioSource {
    public let frequency: Double
    /// Peak level as a fraction of full scale, 0...1.
    public let amplitude: Double

    private struct State {
        /// Phase of the next sample, in cycles (0..<1), carried between
        /// frames so that consecutive frames join without clicks.
        var phase = 0.0
        var isClosed = false
    }

    private let state = Mutex(State())

    /// A tone of `frequency` Hz at `amplitude` of full scale (clamped to
    /// 0...1); nil unless 0 <= frequency < 4000 Hz, the Nyquist frequency
    /// at 8 kHz.
    public init?(frequency: Double, amplitude: Double = 0.5) {
        guard frequency >= 0, frequency < Double(AudioFrame.sampleRate) / 2 else { return nil }
        self.frequency = frequency
        self.amplitude = min(max(amplitude, 0), 1)
    }

    public func nextFrame() -> AudioFrame? {
        state.withLock { state in
            guard !state.isClosed else { return nil }
            let step = frequency / Double(AudioFrame.sampleRate)
            var samples: [Int16] = []
            samples.reserveCapacity(AudioFrame.sampleCount)
            for _ in 0..<AudioFrame.sampleCount {
                samples.append(Int16((sin(2 * .pi * state.phase) * amplitude * 32767).rounded()))
                state.phase += step
                state.phase -= state.phase.rounded(.down)
            }
            return AudioFrame(samples: samples)
        }
    }

    public func close() {
        state.withLock { $0.isClosed = true }
    }
}
