/// Sends DTMF digits as RFC 4733 telephone events, one after another.
///
/// For each digit (§2.5.1):
/// - a first packet with the marker bit and duration 0, at once (§2.5.1.2);
/// - an update every `updateInterval` (50 ms) with the duration so far;
/// - when the digit's duration is reached, an end packet (E bit) with the
///   final duration, sent three times at the update interval (§2.5.1.4);
/// - every packet of one digit carries the same RTP timestamp: the media
///   clock when the digit began (§2.5.1.2). The RTP sender gives each its
///   own sequence number.
/// Audio is not sent while a digit is (`isSending`); after the last end
/// packet the sender waits `gap` before the next digit. Durations are capped
/// at 5 s so that an event never needs the long-event segments of §2.5.1.3.
///
/// Pure: the driver calls `poll` at `nextDeadline` with the current time.
public struct DTMFSender: Sendable {
    public struct Configuration: Sendable, Hashable {
        public var updateInterval: Duration = .milliseconds(50)
        /// Pause between the last end packet of one digit and the next digit.
        public var gap: Duration = .milliseconds(50)
        /// Power level in -dBm0 (§2.3.4); 10 is what telephones send.
        public var volume: UInt8 = 10
        /// Times the end packet is sent (§2.5.1.4: three).
        public var endPacketCount = 3

        public init() {}
    }

    /// A telephone-event payload and the RTP header fields it needs.
    public struct Packet: Sendable, Hashable {
        public var event: TelephoneEvent
        public var timestamp: UInt32
        public var marker: Bool
    }

    static let maximumDuration: Duration = .seconds(5)

    private struct Pending: Sendable {
        var digit: DTMFDigit
        var duration: Duration
    }

    private struct Sending: Sendable {
        var digit: DTMFDigit
        /// Final duration in timestamp units.
        var duration: UInt16
        var startTime: Duration
        var endTime: Duration
        var timestamp: UInt32
        var nextPacket: Duration
        var endPacketsSent = 0
    }

    public let configuration: Configuration
    private var queue: [Pending] = []
    private var sending: Sending?
    /// Earliest time the next digit may start.
    private var readyAt: Duration = .zero

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// True while a digit occupies the media stream: audio must pause.
    public var isSending: Bool { sending != nil }

    /// Digits waiting, the one being sent excluded.
    public var queuedCount: Int { queue.count }

    /// When `poll` has something to do, if ever.
    public var nextDeadline: Duration? {
        if let sending { return sending.nextPacket }
        return queue.isEmpty ? nil : readyAt
    }

    /// Queues digits to send, each lasting `duration` (at least one update
    /// interval, at most 5 s); the first may start at `now`.
    public mutating func enqueue(_ digits: [DTMFDigit], duration: Duration = .milliseconds(160), now: Duration) {
        let duration = min(max(duration, configuration.updateInterval), Self.maximumDuration)
        if sending == nil, queue.isEmpty { readyAt = max(readyAt, now) }
        queue += digits.map { Pending(digit: $0, duration: duration) }
    }

    /// Forgets queued digits; one being sent is finished properly.
    public mutating func cancelQueued() {
        queue.removeAll()
    }

    /// The packets due at `now`. `mediaTimestamp` is the sender's media
    /// clock, which becomes the timestamp of a digit that starts now.
    public mutating func poll(now: Duration, mediaTimestamp: UInt32) -> [Packet] {
        var packets: [Packet] = []
        while true {
            if var current = sending {
                guard now >= current.nextPacket else { break }
                packets.append(packet(for: &current, now: now))
                if current.endPacketsSent >= configuration.endPacketCount {
                    sending = nil
                    readyAt = now + configuration.gap
                } else {
                    sending = current
                }
            } else {
                guard !queue.isEmpty, now >= readyAt else { break }
                let next = queue.removeFirst()
                let current = Sending(
                    digit: next.digit, duration: Self.timestampUnits(next.duration), startTime: now,
                    endTime: now + next.duration, timestamp: mediaTimestamp,
                    nextPacket: min(now + configuration.updateInterval, now + next.duration))
                sending = current
                packets.append(Packet(
                    event: TelephoneEvent(event: next.digit.event, isEnd: false, volume: configuration.volume, duration: 0),
                    timestamp: mediaTimestamp, marker: true))
            }
        }
        return packets
    }

    /// An update or end packet for the digit being sent, and when the next
    /// one is due. A late poll sends one packet, not a burst.
    private func packet(for current: inout Sending, now: Duration) -> Packet {
        let ended = now >= current.endTime
        let duration = ended ? current.duration : min(Self.timestampUnits(now - current.startTime), current.duration)
        if ended { current.endPacketsSent += 1 }
        var next = current.nextPacket + configuration.updateInterval
        if next <= now { next = now + configuration.updateInterval }
        if !ended { next = min(next, current.endTime) }  // end exactly on time
        current.nextPacket = next
        return Packet(
            event: TelephoneEvent(event: current.digit.event, isEnd: ended, volume: configuration.volume, duration: duration),
            timestamp: current.timestamp, marker: false)
    }

    /// A duration in 8 kHz timestamp units, at most 16 bits.
    static func timestampUnits(_ duration: Duration) -> UInt16 {
        let (seconds, attoseconds) = duration.components
        let units = seconds * Int64(AudioFrame.sampleRate) + attoseconds / 125_000_000_000_000
        return UInt16(clamping: max(0, units))
    }
}
