/// Converts a whole recording to 8 kHz, simply: good enough for a prompt or
/// a test signal played into a call, not for music.
///
/// - Rates that are multiples of 8 kHz (16, 24, 32, 48 kHz) are decimated
///   after averaging each group of samples (a box filter, which removes most
///   of what would alias into the telephone band).
/// - Other rates above 8 kHz (11.025, 22.05, 44.1 kHz) are averaged over a
///   window as wide as the rate ratio, then linearly interpolated at the
///   8 kHz instants.
/// - Rates below 8 kHz are linearly interpolated.
public enum Resampler {
    public static func resample(_ samples: [Int16], from rate: Int, to targetRate: Int = AudioFrame.sampleRate) -> [Int16] {
        guard rate != targetRate, rate > 0, targetRate > 0, !samples.isEmpty else { return samples }
        if rate > targetRate, rate % targetRate == 0 {
            return decimate(samples, by: rate / targetRate)
        }
        let ratio = Double(rate) / Double(targetRate)
        let source = ratio > 1 ? movingAverage(samples, width: Int(ratio.rounded())) : samples
        return interpolate(source, ratio: ratio)
    }

    static func decimate(_ samples: [Int16], by factor: Int) -> [Int16] {
        stride(from: 0, to: samples.count - factor + 1, by: factor).map { start in
            let sum = samples[start..<start + factor].reduce(0) { $0 + Int($1) }
            return Int16(sum / factor)
        }
    }

    /// Each output sample is the mean of `width` inputs centred on it.
    static func movingAverage(_ samples: [Int16], width: Int) -> [Int16] {
        guard width > 1 else { return samples }
        var output: [Int16] = []
        output.reserveCapacity(samples.count)
        var sum = 0
        var window = 0
        let before = width / 2
        // Sliding sum over [index - before, index - before + width).
        for index in 0..<(samples.count + before) {
            if index < samples.count {
                sum += Int(samples[index])
                window += 1
            }
            let outgoing = index - width
            if outgoing >= 0 {
                sum -= Int(samples[outgoing])
                window -= 1
            }
            if index >= before { output.append(Int16(sum / max(window, 1))) }
        }
        return output
    }

    static func interpolate(_ samples: [Int16], ratio: Double) -> [Int16] {
        let count = Int(Double(samples.count) / ratio)
        return (0..<count).map { index in
            let position = Double(index) * ratio
            let lower = min(Int(position), samples.count - 1)
            let upper = min(lower + 1, samples.count - 1)
            let fraction = position - Double(lower)
            return Int16((Double(samples[lower]) * (1 - fraction) + Double(samples[upper]) * fraction).rounded())
        }
    }
}
