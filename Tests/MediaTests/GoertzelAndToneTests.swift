import Testing
@testable import Media

@Suite("Goertzel detector, tone generator, resampler")
struct GoertzelAndToneTests {
    @Test("a full-scale sine on a bin gives amplitude² / 4; silence gives 0")
    func power() {
        let tone = sine(frequency: 1000, count: 800, amplitude: 1)
        #expect(abs(Goertzel.power(of: 1000, in: tone) - 0.25) < 0.001)
        #expect(Goertzel.power(of: 1000, in: [Int16](repeating: 0, count: 800)) == 0)
        #expect(Goertzel.power(of: 1000, in: [Int16]()) == 0)
    }

    @Test("it tells 1 kHz from 440 Hz, and both from DTMF-like pairs")
    func discrimination() {
        let a = sine(frequency: 1000, count: 1600)
        let b = sine(frequency: 440, count: 1600)
        #expect(Goertzel.relativePower(of: 1000, in: a) > 0.95)
        #expect(Goertzel.relativePower(of: 440, in: a) < 0.01)
        #expect(Goertzel.relativePower(of: 440, in: b) > 0.95)
        #expect(Goertzel.relativePower(of: 1000, in: b) < 0.01)
        let mixed = zip(sine(frequency: 697, count: 1600), sine(frequency: 1209, count: 1600)).map { $0 / 2 + $1 / 2 }
        #expect(Goertzel.dominantFrequency(among: [697, 770, 852, 941], in: mixed) == 697)
        #expect(Goertzel.dominantFrequency(among: [1209, 1336, 1477], in: mixed) == 1209)
    }

    @Test("relative power does not depend on the level")
    func levelIndependent() {
        let quiet = sine(frequency: 1000, count: 800, amplitude: 0.01)
        let loud = sine(frequency: 1000, count: 800, amplitude: 0.9)
        #expect(abs(Goertzel.relativePower(of: 1000, in: quiet) - Goertzel.relativePower(of: 1000, in: loud)) < 0.02)
        #expect(Goertzel.relativePower(of: 1000, in: [Int16](repeating: 0, count: 100)) == 0)
    }

    @Test("blockwise: a tone with gaps and phase jumps is still found")
    func blockwise() {
        // 1 kHz in 50 ms bursts, each starting at a different phase, with
        // silence between: one long measurement loses most of it.
        var broken: [Int16] = []
        for burst in 0..<10 {
            broken += sine(frequency: 1000, count: 400 + burst * 7).suffix(400)
            broken += [Int16](repeating: 0, count: 400)
        }
        #expect(Goertzel.relativePower(of: 1000, in: broken) < 0.5)
        #expect(Goertzel.blockwiseRelativePower(of: 1000, in: broken) > 0.99)
        #expect(Goertzel.blockwiseRelativePower(of: 440, in: broken) < 0.01)
        #expect(Goertzel.blockwiseRelativePower(of: 1000, in: [Int16](repeating: 0, count: 1000)) == 0)
        #expect(Goertzel.blockwiseRelativePower(of: 1000, in: [Int16](repeating: 0, count: 10)) == 0)
    }

    @Test("the tone source is continuous across frames at the set level")
    func toneSource() throws {
        let source = try #require(ToneSource(frequency: 440, amplitude: 0.25))
        let samples = (0..<50).flatMap { _ in source.nextFrame()!.samples }
        #expect(samples == sine(frequency: 440, count: 8000, amplitude: 0.25))
        #expect(Goertzel.relativePower(of: 440, in: samples) > 0.99)
        #expect(abs(AudioFrame(samples: samples.prefix(160)).rms - 0.25 * 32767 / 2.squareRoot()) < 300)
        source.close()
        #expect(source.nextFrame() == nil)
        #expect(ToneSource(frequency: 4000) == nil)
        #expect(ToneSource(frequency: -1) == nil)
    }

    @Test("the null device is silence in and nothing out")
    func nullDevice() {
        let device = NullAudioDevice()
        #expect(device.nextFrame() == .silence)
        device.play(.silence)
        device.close()
    }

    @Test("frames are always 160 samples")
    func frames() {
        #expect(AudioFrame(samples: [1, 2, 3]).samples.count == 160)
        #expect(AudioFrame(samples: [Int16](repeating: 7, count: 500)).samples.count == 160)
        #expect(AudioFrame.silence.rms == 0)
    }

    @Test("decimation averages groups; interpolation keeps the length ratio")
    func resampler() {
        #expect(Resampler.resample([10, 20, 30, 50], from: 16_000) == [15, 40])
        #expect(Resampler.resample([1, 2, 3], from: 8000) == [1, 2, 3])
        #expect(Resampler.resample([0, 100], from: 4000) == [0, 50, 100, 100])
        #expect(Resampler.resample(Array(repeating: 1000, count: 441), from: 44_100).count == 80)
        #expect(Resampler.resample(Array(repeating: 1000, count: 441), from: 44_100).allSatisfy { $0 == 1000 })
        // 3 kHz at 48 kHz survives; 6 kHz (it would alias to 2 kHz) is mostly removed.
        let kept = Resampler.resample(sine(frequency: 3000, count: 48_000, sampleRate: 48_000), from: 48_000)
        let removed = Resampler.resample(sine(frequency: 6000, count: 48_000, sampleRate: 48_000), from: 48_000)
        #expect(AudioFrame(samples: kept.prefix(160)).rms > 2 * AudioFrame(samples: removed.prefix(160)).rms)
    }
}
