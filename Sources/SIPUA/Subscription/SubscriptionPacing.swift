/// How a `SubscriptionSet` spreads new subscriptions over time.
///
/// baresip sends all 10,000 SUBSCRIBEs of a big list in 0.44 s; the 407s
/// that come back overflow its socket buffer and most subscriptions never
/// complete (shared/reference/baresip-scale.md). Here new subscriptions go
/// out at most `startsPerSecond`, each at a random point of its own slot
/// (slots of 1/rate), and the first one goes alone: the rest wait for its
/// answer, whose challenge nonce they then all reuse.
public struct SubscriptionPacing: Hashable, Sendable {
    /// New SUBSCRIBEs (new dialogs) per second, at most. Refreshes are not
    /// paced: their jitter (50–90 % of the interval) spreads them.
    public var startsPerSecond: Double
    /// Hold further starts until the first one is answered (or times out).
    public var probeFirst: Bool
    /// New SUBSCRIBEs awaiting their final response, at most. A server
    /// that slows down then slows the starts down with it, instead of
    /// drowning in retransmissions of requests it has not answered yet
    /// (measured: a storm of 10,000 against a loaded Kamailio grew to 15
    /// SUBSCRIBEs per buddy without a window). 50, not 200: measured with
    /// 10,000 buddies against the project's Kamailio, a window of 50 reached
    /// all of them in 7.4–8.1 s, 200 in 8.5–10.2 s and 400 in 12 s. What
    /// waits in the server's queue only adds latency and memory to both.
    public private(set) var maximumOutstanding: Int

    public init(startsPerSecond: Double = 50, probeFirst: Bool = true, maximumOutstanding: Int = 50) {
        self.startsPerSecond = startsPerSecond
        self.probeFirst = probeFirst
        self.maximumOutstanding = max(1, maximumOutstanding)
    }

    /// One start per slot of this width, in whole microseconds. (Whole
    /// milliseconds capped every rate at 1,000 starts per second: 2,000
    /// asked for got 1,000, and 10,000 buddies took 10 s of pacing alone.)
    /// Kept between 1 µs and an hour in Double before it becomes an integer:
    /// a rate of 1e-20 would not fit in Int64 and trap.
    public var slotWidth: Duration {
        let microseconds = startsPerSecond > 0 ? (1_000_000 / startsPerSecond).rounded() : 1_000_000
        return .microseconds(Int64(min(max(1, microseconds), 3_600_000_000)))
    }
}

/// The queue of subscriptions waiting to start, and when the next may go.
///
/// Each start takes one slot of `slotWidth`. When the previous slot is
/// over, a start goes at once; otherwise it waits for the next slot and
/// goes at a random point in it, so any window of length T holds at most
/// T / slotWidth + 1 starts. A late timer never makes up for lost time:
/// the next slot begins no earlier than the late firing.
struct SubscriptionStartPacer: Sendable {
    let slotWidth: Duration
    /// Set while the first start's answer is awaited.
    var isHolding = false
    private var queue: [SubscriptionKey] = []
    private var head = 0
    private var queued: Set<SubscriptionKey> = []
    /// When the next slot may begin (the end of the last one used).
    private var nextSlotStart: RegistrationInstant?
    /// The slot drawn for the head of the queue: its start and the point
    /// in it at which the head goes.
    private(set) var pendingSlot: (start: RegistrationInstant, deadline: RegistrationInstant)?

    init(slotWidth: Duration) { self.slotWidth = slotWidth }

    var waitingCount: Int { queued.count }

    mutating func enqueue(_ key: SubscriptionKey) {
        if queued.insert(key).inserted { queue.append(key) }
    }

    /// Forgets a waiting key (stopped or removed); its place is skipped.
    mutating func cancel(_ key: SubscriptionKey) { queued.remove(key) }

    /// When the driver's pacing timer should fire, if anything waits.
    var deadline: RegistrationInstant? { isHolding || queued.isEmpty ? nil : pendingSlot?.deadline }

    /// The next key whose start is due at `now`, if any. Call until nil.
    mutating func nextDue(now: RegistrationInstant, using generator: inout some RandomNumberGenerator)
        -> SubscriptionKey? {
        guard !isHolding, let key = firstWaiting() else { return nil }
        if let slot = pendingSlot {
            guard slot.deadline <= now else { return nil }
            pendingSlot = nil
            // a late firing starts the next slot now, never in the past
            nextSlotStart = max(slot.start + slotWidth, now)
            return pop(key)
        }
        let start = max(now, nextSlotStart ?? now)
        if start == now {
            // the last slot is over: this one is ours, at once
            nextSlotStart = now + slotWidth
            return pop(key)
        }
        let width = slotWidth.wholeMicroseconds
        let offset = Duration.microseconds(Int64.random(in: 0..<max(1, width), using: &generator))
        pendingSlot = (start, start + offset)
        return nil
    }

    private mutating func firstWaiting() -> SubscriptionKey? {
        while head < queue.count, !queued.contains(queue[head]) { head += 1 }
        compactIfWorthIt()
        return head < queue.count ? queue[head] : nil
    }

    private mutating func pop(_ key: SubscriptionKey) -> SubscriptionKey {
        head += 1
        queued.remove(key)
        return key
    }

    /// Drops the consumed front of the queue now and then, so a list of
    /// 10,000 does not keep them all.
    private mutating func compactIfWorthIt() {
        guard head > 1024, head * 2 > queue.count else { return }
        queue.removeFirst(head)
        head = 0
    }
}
