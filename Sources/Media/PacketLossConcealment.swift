/// Fills samples that never arrived, after the idea of G.711 Appendix I:
/// repeat what was heard last and fade it out, rather than click to silence.
///
/// Simpler than Appendix I (no pitch detection, no overlap-add): the last
/// 20 ms heard are repeated at full level for the first 10 ms of a gap, then
/// attenuated linearly to silence at 60 ms, where Appendix I also goes
/// silent. Long gaps therefore sound like silence, short ones like a smear.
struct PacketLossConcealment: Sendable, Hashable {
    /// Samples repeated at full level before fading (10 ms).
    static let fullLevelSamples = 80
    /// Samples after which concealment is silence (60 ms).
    static let silentAfterSamples = 480

    private var history: [Int16] = []
    private var position = 0
    /// Samples concealed since real audio was last heard.
    private(set) var concealedRun = 0

    /// Records samples that were really received and played.
    mutating func heard(_ samples: ArraySlice<Int16>) {
        guard !samples.isEmpty else { return }
        history.append(contentsOf: samples)
        if history.count > AudioFrame.sampleCount {
            history.removeFirst(history.count - AudioFrame.sampleCount)
        }
        position = 0
        concealedRun = 0
    }

    /// `count` samples to play in place of missing ones.
    mutating func conceal(_ count: Int) -> [Int16] {
        var output: [Int16] = []
        output.reserveCapacity(count)
        for _ in 0..<count {
            defer { concealedRun += 1 }
            guard !history.isEmpty, concealedRun < Self.silentAfterSamples else {
                output.append(0)
                continue
            }
            let sample = history[position]
            position = (position + 1) % history.count
            let fading = concealedRun - Self.fullLevelSamples
            if fading <= 0 {
                output.append(sample)
            } else {
                let span = Self.silentAfterSamples - Self.fullLevelSamples
                output.append(Int16(Int(sample) * (span - fading) / span))
            }
        }
        return output
    }
}
