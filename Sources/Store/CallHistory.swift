import Foundation
import GRDB

/// The calls in a `SwitchboardStore`, written as each call goes on.
///
/// The writes follow the life of a call so that the history is whole at every
/// moment, whenever the program stops: `begin` when the INVITE is sent or
/// received, `answered` when it connects, `stillActive` now and then during a
/// long call, `ended` when it is over. Each is one transaction. A call the
/// program never ended (a crash) is closed as `.interrupted` by the next
/// opening of the store, at the last time it was known to be going on.
///
/// Times are taken as given, to the millisecond. If the wall clock stepped
/// back during a call, a later time is raised to the earlier one it follows
/// (answered to started, ended to answered), so durations are never negative.
///
/// Methods throw `CallHistoryError` for a write that does not fit the call's
/// state, and GRDB's `DatabaseError` when SQLite fails (disk full, I/O).
/// Writes finish even if the calling task is cancelled; reads honour
/// cancellation (GRDB throws `CancellationError`).
public struct CallHistory: Sendable {
    let database: DatabasePool
    /// Held so that the store counts as open while this value is in use.
    let session: SessionLock

    // MARK: - The life of a call

    /// Records a new call, in progress, at INVITE time.
    public func begin(account: String, direction: CallDirection, peerURI: String,
                      peerDisplayName: String? = nil, at started: Date) async throws -> CallRecord {
        let startedAt = StoredTime.milliseconds(started)
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO call (account, direction, peer_uri, peer_display_name,
                                      started_at, last_known_at, result)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [account, direction.rawValue, peerURI, peerDisplayName,
                            startedAt, startedAt, CallRecord.inProgressText])
            return try CallRow.existing(db, CallRecord.ID(rawValue: db.lastInsertedRowID)).record
        }
    }

    /// Records that the call was connected, and the codec agreed on if known.
    public func answered(_ id: CallRecord.ID, at time: Date, codec: String? = nil) async throws -> CallRecord {
        let requested = StoredTime.milliseconds(time)
        return try await write { db in
            let row = try Self.inProgress(db, id)
            guard row.record.answered == nil else { throw CallHistoryError.alreadyAnswered(id) }
            let answeredAt = max(requested, StoredTime.milliseconds(row.record.started))
            try db.execute(
                sql: """
                    UPDATE call SET answered_at = ?, last_known_at = ?, codec = coalesce(?, codec)
                    WHERE id = ?
                    """,
                arguments: [answeredAt, max(answeredAt, row.lastKnownAt), codec, id.rawValue])
            return try CallRow.existing(db, id).record
        }
    }

    /// Records that the call is still going on at `time`. Called every minute
    /// or so during a call, it bounds what a crash can lose: an interrupted call
    /// ends at its last such time rather than at its answer.
    public func stillActive(_ id: CallRecord.ID, at time: Date) async throws {
        let now = StoredTime.milliseconds(time)
        try await write { db in
            let row = try Self.inProgress(db, id)
            try db.execute(sql: "UPDATE call SET last_known_at = ? WHERE id = ?",
                           arguments: [max(now, row.lastKnownAt), id.rawValue])
        }
    }

    /// Records the end of the call and how it ended.
    public func ended(_ id: CallRecord.ID, at time: Date, result: CallResult) async throws -> CallRecord {
        if let code = result.statusCode, !CallResult.failureCodes.contains(code) {
            throw CallHistoryError.invalidStatusCode(code)
        }
        let requested = StoredTime.milliseconds(time)
        return try await write { db in
            let row = try Self.inProgress(db, id)
            let wasAnswered = row.record.answered != nil
            switch result {
            case .answered where !wasAnswered,
                 .missed where wasAnswered, .rejected where wasAnswered,
                 .cancelled where wasAnswered, .busy where wasAnswered:
                throw CallHistoryError.resultContradictsAnswer(id, result: result, wasAnswered: wasAnswered)
            default:
                break
            }
            let earliest = StoredTime.milliseconds(row.record.answered ?? row.record.started)
            let endedAt = max(requested, earliest)
            try db.execute(
                sql: """
                    UPDATE call SET ended_at = ?, last_known_at = ?, result = ?, status_code = ?
                    WHERE id = ?
                    """,
                arguments: [endedAt, max(endedAt, row.lastKnownAt), result.kind.rawValue,
                            result.statusCode, id.rawValue])
            return try CallRow.existing(db, id).record
        }
    }

    /// Runs a write to its end even when the calling task has been cancelled.
    /// GRDB gives up (or interrupts) the write of a cancelled task, but a call
    /// is often torn down by cancelling its task, and its end must still be
    /// recorded. The unstructured task does not inherit the cancellation.
    private func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await Task { try await database.write(updates) }.value
    }

    /// The row of a call that has not ended, or the reason it cannot be updated.
    private static func inProgress(_ db: Database, _ id: CallRecord.ID) throws -> CallRow {
        let row = try CallRow.existing(db, id)
        if let result = row.record.result { throw CallHistoryError.notInProgress(id, result: result) }
        return row
    }

    /// Closes every call still in progress as interrupted, ending at its last
    /// known time. Only for opening, when no other store has the file open.
    static func closeInterruptedCalls(_ database: DatabasePool) throws -> [CallRecord] {
        try database.write { db in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM call WHERE result = ? ORDER BY started_at, id",
                arguments: [CallRecord.inProgressText])
            try db.execute(
                sql: "UPDATE call SET result = ?, ended_at = last_known_at WHERE result = ?",
                arguments: [CallResult.Kind.interrupted.rawValue, CallRecord.inProgressText])
            return try ids.map { try CallRow.existing(db, CallRecord.ID(rawValue: $0)).record }
        }
    }

    // MARK: - Reading

    /// One call, or nil when there is no such id.
    public func record(_ id: CallRecord.ID) async throws -> CallRecord? {
        try await database.read { db in try CallRow.fetch(db, id)?.record }
    }

    /// The most recent `limit` calls, newest first (by start; ties by id).
    public func history(limit: Int) async throws -> [CallRecord] {
        try await history(CallHistoryQuery(limit: limit))
    }

    /// The calls that match every condition of `query`, newest first.
    public func history(_ query: CallHistoryQuery) async throws -> [CallRecord] {
        if let limit = query.limit, limit < 0 { throw CallHistoryError.invalidLimit(limit) }
        let (filter, arguments) = query.sqlFilter
        return try await database.read { db in
            try CallRow.records(db, filter + " ORDER BY started_at DESC, id DESC LIMIT ?",
                                arguments + [query.limit ?? -1])  // LIMIT -1: no limit
        }
    }

    /// Calls that have not ended, oldest first.
    public func activeCalls() async throws -> [CallRecord] {
        try await database.read { db in
            try CallRow.records(db, "WHERE result = ? ORDER BY started_at, id", [CallRecord.inProgressText])
        }
    }
}
