import Synchronization

/// The only way into the UI thread: any thread or task posts events here,
/// and the UI thread drains them after `wake` interrupts its wait. A Mutex
/// and a wake-up, no shared curses state.
public final class TUIInbox: Sendable {
    private struct State {
        var events: [TUIEvent] = []
        var stopped = false
    }

    private let state = Mutex(State())
    private let wake: @Sendable () -> Void

    /// `wake` must make the UI thread's `readInput` return (a write to its
    /// wake pipe); it is called after every post.
    public init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    public func post(_ event: TUIEvent) {
        state.withLock { $0.events.append(event) }
        wake()
    }

    /// Asks the UI loop to finish after the events already posted.
    public func stop() {
        state.withLock { $0.stopped = true }
        wake()
    }

    /// Everything posted since the last drain, and whether to stop.
    func drain() -> (events: [TUIEvent], stop: Bool) {
        state.withLock { state in
            defer { state.events.removeAll(keepingCapacity: true) }
            return (state.events, state.stopped)
        }
    }
}
