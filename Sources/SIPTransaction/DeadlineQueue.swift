/// Deadlines by identifier with the earliest always at hand: a binary
/// min-heap ordered by (deadline, scheduling order) with lazy deletion,
/// beside a dictionary holding each identifier's one live deadline.
/// Scheduling, cancelling and firing are O(log n) amortised and
/// `nextDeadline` is O(1), so 10,000 subscriptions with their transactions
/// cost no more per event than ten (a linear scan per event made a big
/// buddy list quadratic).
public struct DeadlineQueue<ID: Hashable & Sendable>: Hashable, Sendable {
    private struct Slot: Hashable, Sendable {
        var deadline: Duration
        /// Scheduling order: timers due at the same instant fire in the
        /// order they were set.
        var sequence: UInt64
    }

    private struct Entry: Sendable {
        var slot: Slot
        var id: ID

        func precedes(_ other: Entry) -> Bool {
            (slot.deadline, slot.sequence) < (other.slot.deadline, other.slot.sequence)
        }
    }

    private var live: [ID: Slot] = [:]
    /// May hold stale entries (cancelled or moved); the top never does.
    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0

    public init() {}

    public var count: Int { live.count }
    public var isEmpty: Bool { live.isEmpty }

    public func deadline(of id: ID) -> Duration? { live[id]?.deadline }

    /// The earliest live deadline.
    public var nextDeadline: Duration? { heap.first?.slot.deadline }

    /// Sets (or moves) the deadline of `id`.
    public mutating func schedule(_ id: ID, at deadline: Duration) {
        let slot = Slot(deadline: deadline, sequence: nextSequence)
        nextSequence += 1
        live[id] = slot
        push(Entry(slot: slot, id: id))
        pruneTop()
        compactIfWorthIt()
    }

    public mutating func cancel(_ id: ID) {
        guard live.removeValue(forKey: id) != nil else { return }
        pruneTop()
        compactIfWorthIt()
    }

    /// Removes and returns every deadline at or before `instant`, earliest
    /// first (ties in scheduling order).
    public mutating func fire(upTo instant: Duration) -> [(id: ID, deadline: Duration)] {
        var due: [(id: ID, deadline: Duration)] = []
        while let top = heap.first, top.slot.deadline <= instant {
            popTop()
            guard live[top.id] == top.slot else { continue }
            live[top.id] = nil
            due.append((top.id, top.slot.deadline))
        }
        pruneTop()
        return due
    }

    public static func == (lhs: DeadlineQueue, rhs: DeadlineQueue) -> Bool { lhs.live == rhs.live }
    public func hash(into hasher: inout Hasher) { hasher.combine(live) }

    // MARK: Heap

    private mutating func pruneTop() {
        while let top = heap.first, live[top.id] != top.slot { popTop() }
    }

    /// Stale entries are dropped in bulk once they outnumber the live ones.
    private mutating func compactIfWorthIt() {
        guard heap.count > 64, heap.count > 2 * live.count else { return }
        heap = live.map { Entry(slot: $0.value, id: $0.key) }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < heap.count, heap[left].precedes(heap[first]) { first = left }
            if right < heap.count, heap[right].precedes(heap[first]) { first = right }
            guard first != parent else { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
