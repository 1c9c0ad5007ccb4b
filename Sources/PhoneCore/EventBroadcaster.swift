import Foundation
import Synchronization

/// Hands every PhoneCore event to each current listener (the daemon's control
/// socket, a command printing events, the TUI). A listener that stops
/// reading loses only its own oldest events (bounded buffer).
final class EventBroadcaster: Sendable {
    private let listeners = Mutex<[UUID: AsyncStream<PhoneEvent>.Continuation]>([:])

    func subscribe() -> AsyncStream<PhoneEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream.makeStream(of: PhoneEvent.self, bufferingPolicy: .bufferingNewest(4096))
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.removeValue(forKey: id) }
        }
        listeners.withLock { $0[id] = continuation }
        return stream
    }

    func yield(_ event: PhoneEvent) {
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    func finish() {
        for continuation in listeners.withLock({ listeners in
            defer { listeners.removeAll() }
            return Array(listeners.values)
        }) { continuation.finish() }
    }
}
