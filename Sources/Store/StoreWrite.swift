import GRDB

extension DatabasePool {
    /// Runs a write to its end even when the calling task has been cancelled.
    /// GRDB gives up (or interrupts) the write of a cancelled task, but a
    /// change the user asked for, or the record of a message that went out,
    /// must not be lost half way because the command or call was torn down.
    /// The unstructured task does not inherit the cancellation.
    func uncancelledWrite<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await Task { try await self.write(updates) }.value
    }
}
