/// 20 ms of mono audio at 8 kHz: 160 signed 16-bit samples.
///
/// Every device and the media session work in these frames: 20 ms is the
/// default packetisation of RFC 3551 §4.5 for G.711 (`a=ptime:20`).
public struct AudioFrame: Sendable, Hashable {
    /// Samples per second.
    public static let sampleRate = 8000
    /// Samples in one frame.
    public static let sampleCount = 160
    /// The time one frame lasts.
    public static let duration: Duration = .milliseconds(20)

    /// Exactly `sampleCount` samples.
    public private(set) var samples: [Int16]

    /// A frame from up to `sampleCount` samples; a shorter input is padded
    /// with silence and a longer one cut, so every frame has the same length.
    public init(samples: some Collection<Int16>) {
        var samples = Array(samples.prefix(Self.sampleCount))
        if samples.count < Self.sampleCount {
            samples.append(contentsOf: repeatElement(0, count: Self.sampleCount - samples.count))
        }
        self.samples = samples
    }

    public static let silence = AudioFrame(samples: [])

    /// Root mean square of the samples, for level meters and tests.
    public var rms: Double {
        let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(samples.count)).squareRoot()
    }
}
