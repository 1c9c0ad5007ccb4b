import Foundation
import Synchronization

/// Command lines still running (each in its own task, so a slow one never
/// holds up the screen or the next command). Finished ones remove
/// themselves; quitting cancels the rest.
final class RunningCommands: Sendable {
    private let tasks = Mutex<[UUID: Task<Void, Never>]>([:])

    func start(_ body: @escaping @Sendable () async -> Void) {
        let id = UUID()
        tasks.withLock { tasks in
            tasks[id] = Task { [weak self] in
                await body()
                self?.finished(id)
            }
        }
    }

    func cancelAll() {
        for task in tasks.withLock({ tasks in defer { tasks.removeAll() }; return Array(tasks.values) }) { task.cancel() }
    }

    var count: Int { tasks.withLock { $0.count } }

    private func finished(_ id: UUID) {
        _ = tasks.withLock { $0.removeValue(forKey: id) }
    }
}
