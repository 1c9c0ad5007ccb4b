import Foundation

/// The Goertzel algorithm: the power of one frequency in a block of
/// samples, in O(n) with no FFT (G. Goertzel, "An Algorithm for the
/// Evaluation of Finite Trigonometric Series", Amer. Math. Monthly 65, 1958;
/// the usual tool for detecting DTMF tones, ITU-T Q.24).
///
/// Used to check recordings: that a call carried the expected tone and not
/// another one.
public enum Goertzel {
    /// Power of `frequency` in `samples`, normalised so that a full-scale
    /// sine of exactly that frequency gives about 0.25 (amplitude² / 4) and
    /// silence gives 0, whatever the block length.
    public static func power(of frequency: Double, in samples: some Collection<Int16>, sampleRate: Int = AudioFrame.sampleRate) -> Double {
        let count = samples.count
        guard count > 0 else { return 0 }
        let coefficient = 2 * cos(2 * .pi * frequency / Double(sampleRate))
        var previous = 0.0
        var beforePrevious = 0.0
        for sample in samples {
            let current = Double(sample) / 32768 + coefficient * previous - beforePrevious
            beforePrevious = previous
            previous = current
        }
        // |X(k)|² = s[n-1]² + s[n-2]² - coefficient · s[n-1] · s[n-2].
        let magnitudeSquared = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
        return magnitudeSquared / Double(count * count)
    }

    /// Share of the block's total power (mean square) that lies at
    /// `frequency`, 0...1 (about 1 for a pure tone of that frequency, about 0
    /// for other tones and silence). Independent of level, so recordings
    /// that went through G.711 and a jitter buffer compare fairly.
    public static func relativePower(of frequency: Double, in samples: some Collection<Int16>, sampleRate: Int = AudioFrame.sampleRate) -> Double {
        let total = samples.reduce(0.0) { $0 + (Double($1) / 32768) * (Double($1) / 32768) } / Double(max(samples.count, 1))
        guard total > 0 else { return 0 }
        // A sine of amplitude a has mean square a²/2 and Goertzel power a²/4.
        return min(1, 2 * power(of: frequency, in: samples, sampleRate: sampleRate) / total)
    }

    /// Like `relativePower`, but measured in blocks of `blockSize` samples
    /// (50 ms by default) and summed: for recordings of calls, where gaps
    /// and phase jumps between blocks (loss, DTMF, a jitter buffer that
    /// re-synchronised) would make one long measurement miss a tone that is
    /// plainly there. Silent blocks count for nothing either way.
    public static func blockwiseRelativePower(
        of frequency: Double, in samples: some Collection<Int16>, blockSize: Int = 400,
        sampleRate: Int = AudioFrame.sampleRate
    ) -> Double {
        let samples = Array(samples)
        var atFrequency = 0.0
        var total = 0.0
        for start in stride(from: 0, to: samples.count - blockSize + 1, by: max(1, blockSize)) {
            let block = samples[start..<start + blockSize]
            atFrequency += 2 * power(of: frequency, in: block, sampleRate: sampleRate) * Double(blockSize)
            total += block.reduce(0.0) { $0 + (Double($1) / 32768) * (Double($1) / 32768) }
        }
        return total > 0 ? min(1, atFrequency / total) : 0
    }

    /// The loudest of `candidates` in `samples`.
    public static func dominantFrequency(among candidates: [Double], in samples: some Collection<Int16>, sampleRate: Int = AudioFrame.sampleRate) -> Double? {
        candidates.max { power(of: $0, in: samples, sampleRate: sampleRate) < power(of: $1, in: samples, sampleRate: sampleRate) }
    }
}
