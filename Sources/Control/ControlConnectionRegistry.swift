import NIOCore

/// The server's shared table: open connections with their event filters, and
/// the handler tasks in flight. Connections register and update themselves
/// from their event loops; `publish` may be called from any thread.
final class ControlConnectionRegistry: Sendable {
    struct ConnectionID: Hashable, Sendable {
        fileprivate let rawValue: Int
    }

    /// How an event reaches a connection: called on `eventLoop`.
    typealias Deliver = @Sendable (_ eventLine: [UInt8]) -> Void

    private struct Connection: Sendable {
        let channel: any Channel
        let deliver: Deliver
        var filter: EventFilter
    }

    private struct State: Sendable {
        var isAccepting = true
        var nextID = 0
        var connections: [ConnectionID: Connection] = [:]
        /// Connections whose filter is not empty, so that `publish` can
        /// return at once when nobody listens.
        var subscriberCount = 0
        var tasks: [Int: Task<Void, Never>] = [:]
    }

    private let state = LockedValue(State())

    /// Adds a connection; nil once the server has started shutting down.
    func register(channel: any Channel, deliver: @escaping Deliver) -> ConnectionID? {
        state.withLock { state in
            guard state.isAccepting else { return nil }
            let id = ConnectionID(rawValue: state.nextID)
            state.nextID += 1
            state.connections[id] = Connection(channel: channel, deliver: deliver, filter: .none)
            return id
        }
    }

    func deregister(_ id: ConnectionID) {
        state.withLock { state in
            guard let removed = state.connections.removeValue(forKey: id) else { return }
            if !removed.filter.isEmpty { state.subscriberCount -= 1 }
        }
    }

    func updateFilter(_ filter: EventFilter, for id: ConnectionID) {
        state.withLock { state in
            guard let old = state.connections[id]?.filter else { return }
            state.connections[id]?.filter = filter
            state.subscriberCount += (filter.isEmpty ? 0 : 1) - (old.isEmpty ? 0 : 1)
        }
    }

    var connectionCount: Int { state.withLock { $0.connections.count } }
    var subscriberCount: Int { state.withLock { $0.subscriberCount } }
    var taskCount: Int { state.withLock { $0.tasks.count } }

    /// Queues the event on every connection whose filter wants it and says
    /// how many that was. `data` is only built when someone listens. Filters
    /// are read here, under the lock: a connection counted here gets the
    /// event, and one whose subscribe was applied before this call does not.
    func publish(event name: String, data: () -> JSONValue) -> Int {
        let targets: [Connection] = state.withLock { state in
            guard state.subscriberCount > 0 else { return [] }
            return state.connections.values.filter { $0.filter.matches(name) }
        }
        guard !targets.isEmpty else { return 0 }
        let line = ControlWire.eventLine(name, data: data())
        for target in targets {
            let deliver = target.deliver
            target.channel.eventLoop.execute { deliver(line) }
        }
        return targets.count
    }

    /// Runs `work` in a task the registry tracks, so that shutdown can cancel
    /// and await it. Does nothing once shutdown has begun.
    func spawn(_ work: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            guard state.isAccepting else { return }
            let key = state.nextID
            state.nextID += 1
            // The task takes the lock when it ends; it cannot get it before
            // this closure has stored it, so it never removes itself too early.
            state.tasks[key] = Task { [weak self] in
                await work()
                self?.state.withLock { _ = $0.tasks.removeValue(forKey: key) }
            }
        }
    }

    /// Stops taking connections and tasks, and hands back what is open.
    func closeForShutdown() -> (channels: [any Channel], tasks: [Task<Void, Never>]) {
        state.withLock { state in
            state.isAccepting = false
            return (state.connections.values.map(\.channel), Array(state.tasks.values))
        }
    }
}
