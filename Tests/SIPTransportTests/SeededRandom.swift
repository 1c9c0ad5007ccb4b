/// SplitMix64: a small seeded generator so jitter tests are repeatable.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A clock reading that tests move by hand.
struct FakeInstant: InstantProtocol, Hashable, Sendable {
    var sinceStart: Duration

    static let start = FakeInstant(sinceStart: .zero)

    func advanced(by duration: Duration) -> FakeInstant { FakeInstant(sinceStart: sinceStart + duration) }
    func duration(to other: FakeInstant) -> Duration { other.sinceStart - sinceStart }
    static func < (lhs: FakeInstant, rhs: FakeInstant) -> Bool { lhs.sinceStart < rhs.sinceStart }
}
