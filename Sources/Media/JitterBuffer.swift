/// Holds received audio until it is due, so that packets which arrive late,
/// early or out of order still play in order at a steady 20 ms pace.
///
/// Policy (fixed target depth with re-buffering, chosen for predictability):
/// - Packets are ordered by extended sequence number (16-bit wraparound, RFC
///   3550 §A.1) and placed in time by their RTP timestamp, so gaps in time
///   (loss, a DTMF event, silence suppression) are heard as gaps.
/// - Playout starts once `depth` of audio is buffered (60 ms by default),
///   from the oldest packet. A duplicate, or a packet whose time has already
///   been played, is dropped.
/// - Missing samples are concealed (`PacketLossConcealment`).
/// - When the buffer runs dry it starts buffering again up to `depth`: after
///   a delay spike or a pause the latency returns to `depth`, not more.
/// - When more than `maximumDepth` of audio is buffered (a burst, or a
///   sender clock faster than ours), the oldest is discarded down to `depth`.
/// - A jump in time larger than `maximumDepth` (the sender restarted its
///   clock) makes playout continue from the new timestamp at once.
public struct JitterBuffer: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Audio buffered before playout starts, in samples.
        public var depth: Int
        /// Audio buffered beyond which the oldest is discarded, in samples.
        public var maximumDepth: Int

        public init(depth: Duration = .milliseconds(60), maximumDepth: Duration = .milliseconds(300)) {
            self.depth = Self.samples(in: depth)
            self.maximumDepth = max(Self.samples(in: maximumDepth), self.depth + AudioFrame.sampleCount)
        }

        private static func samples(in duration: Duration) -> Int {
            let (seconds, attoseconds) = duration.components
            return Int(seconds) * AudioFrame.sampleRate + Int(attoseconds / 125_000_000_000_000)
        }
    }

    /// What happened to an inserted packet.
    public enum Insertion: Sendable, Hashable {
        case buffered
        case duplicate
        /// Its time has already been played (or concealed).
        case tooLate
    }

    /// Counts since the buffer was created, for diagnostics and tests.
    public struct Statistics: Sendable, Hashable {
        public var playedSamples = 0
        public var concealedSamples = 0
        public var duplicates = 0
        public var tooLate = 0
        public var discardedSamples = 0
        public var underruns = 0
    }

    private struct Entry: Sendable {
        var sequence: Int64
        var timestamp: Int64
        var samples: [Int16]
        var end: Int64 { timestamp + Int64(samples.count) }
    }

    public let configuration: Configuration
    public private(set) var statistics = Statistics()
    /// Sorted by extended sequence number.
    private var entries: [Entry] = []
    /// Highest extended sequence number and timestamp seen: the references
    /// against which new 16- and 32-bit values are extended.
    private var sequenceReference: Int64?
    private var timestampReference: Int64 = 0
    /// Timestamp of the next sample to play; nil while buffering.
    private var playout: Int64?
    private var lastPlayedSequence: Int64?
    private var concealment = PacketLossConcealment()

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// True while waiting for `depth` before playing.
    public var isBuffering: Bool { playout == nil }

    /// Audio waiting to be played, in samples: what the buffered packets
    /// hold, not the time they span (a gap is not audio).
    public var bufferedSamples: Int {
        var total = entries.reduce(0) { $0 + $1.samples.count }
        if let playout, let head = entries.first, head.timestamp < playout {
            total -= min(Int(playout - head.timestamp), head.samples.count)
        }
        return total
    }

    /// Adds a received packet's decoded samples.
    @discardableResult
    public mutating func insert(sequenceNumber: UInt16, timestamp: UInt32, samples: [Int16]) -> Insertion {
        guard !samples.isEmpty else { return .buffered }
        let sequence = SerialArithmetic.extend(sequenceNumber, near: sequenceReference ?? Int64(sequenceNumber))
        let time = sequenceReference == nil
            ? Int64(timestamp) : SerialArithmetic.extend(timestamp, near: timestampReference)
        if let lastPlayedSequence, sequence <= lastPlayedSequence {
            statistics.tooLate += 1
            return .tooLate
        }
        if let playout, time + Int64(samples.count) <= playout,
           time >= playout - Int64(configuration.maximumDepth) {
            statistics.tooLate += 1
            return .tooLate
        }
        let index = entries.firstIndex { $0.sequence >= sequence } ?? entries.endIndex
        if index < entries.endIndex, entries[index].sequence == sequence {
            statistics.duplicates += 1
            return .duplicate
        }
        entries.insert(Entry(sequence: sequence, timestamp: time, samples: samples), at: index)
        sequenceReference = max(sequenceReference ?? sequence, sequence)
        timestampReference = sequenceReference == sequence ? time : timestampReference
        discardExcess()
        return .buffered
    }

    /// The next 20 ms to play: received audio, concealment, or silence.
    public mutating func nextFrame() -> AudioFrame {
        if playout == nil {
            guard let first = entries.first, bufferedSamples >= configuration.depth else {
                return AudioFrame(samples: concealment.conceal(AudioFrame.sampleCount))
            }
            playout = first.timestamp
        }
        var output: [Int16] = []
        output.reserveCapacity(AudioFrame.sampleCount)
        while output.count < AudioFrame.sampleCount, var time = playout {
            let needed = AudioFrame.sampleCount - output.count
            guard let head = entries.first else {
                // Ran dry: conceal the rest and buffer up to `depth` again.
                statistics.underruns += 1
                statistics.concealedSamples += needed
                output += concealment.conceal(needed)
                playout = nil
                break
            }
            if head.end <= time {
                // Overtaken by a jump forward; nothing of it is still due.
                entries.removeFirst()
                continue
            }
            if head.timestamp > time + Int64(configuration.maximumDepth) {
                time = head.timestamp  // the sender's clock jumped: follow it
            }
            if head.timestamp > time {
                let gap = min(Int(head.timestamp - time), needed)
                statistics.concealedSamples += gap
                output += concealment.conceal(gap)
                playout = time + Int64(gap)
                continue
            }
            let start = Int(time - head.timestamp)
            let played = head.samples[start..<min(head.samples.count, start + needed)]
            output += played
            concealment.heard(played)
            statistics.playedSamples += played.count
            playout = time + Int64(played.count)
            if start + played.count == head.samples.count {
                lastPlayedSequence = head.sequence
                entries.removeFirst()
            }
        }
        return AudioFrame(samples: output)
    }

    /// Forgets everything buffered, for a new source (RFC 3550 §8.2).
    public mutating func reset() {
        let statistics = statistics
        self = JitterBuffer(configuration: configuration)
        self.statistics = statistics
    }

    private mutating func discardExcess() {
        guard bufferedSamples > configuration.maximumDepth else { return }
        while let first = entries.first, bufferedSamples - first.samples.count >= configuration.depth {
            let start = playout.map { max(0, Int($0 - first.timestamp)) } ?? 0
            statistics.discardedSamples += max(0, first.samples.count - start)
            lastPlayedSequence = first.sequence
            entries.removeFirst()
            if playout != nil, let next = entries.first { playout = next.timestamp }
        }
    }
}
