import Foundation
import GRDB

/// Instant messages in a `SwitchboardStore`, written as they go.
///
/// An incoming message is appended as `received`. An outgoing one is appended
/// as `sending` before the MESSAGE goes out and finished with `delivered` or
/// `failed` when the answer comes, so the history holds every message the
/// user sent even if the program stops in between; the next store opened
/// alone marks what is still `sending` as failed without a code.
///
/// Throws `MessageHistoryError` for writes that do not fit, GRDB's
/// `DatabaseError` when SQLite fails. Writes finish even if the calling task
/// is cancelled.
public struct MessageHistory: Sendable {
    public static let maximumBytes = 65_536

    let database: DatabasePool
    /// Held so that the store counts as open while this value is in use.
    let session: SessionLock

    /// Records a message: incoming ones as received, outgoing ones as sending.
    @discardableResult
    public func append(account: String, direction: MessageDirection, peerURI: String,
                       text: String, at time: Date) async throws -> InstantMessage {
        guard !peerURI.isEmpty else { throw MessageHistoryError.emptyPeer }
        guard text.utf8.count <= Self.maximumBytes else { throw MessageHistoryError.tooLong(bytes: text.utf8.count) }
        let state: InstantMessage.State = direction == .incoming ? .received : .sending
        let sentAt = StoredTime.milliseconds(time)
        return try await database.uncancelledWrite { db in
            try db.execute(sql: """
                INSERT INTO message (account, direction, peer_uri, sent_at, body, state)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [account, direction.rawValue, peerURI, sentAt, text, state.text])
            return try Self.existing(db, InstantMessage.ID(rawValue: db.lastInsertedRowID))
        }
    }

    /// The 2xx answer to an outgoing message arrived.
    @discardableResult
    public func delivered(_ id: InstantMessage.ID, statusCode: Int = 200) async throws -> InstantMessage {
        guard (200...299).contains(statusCode) else { throw MessageHistoryError.invalidStatusCode(statusCode) }
        return try await finish(id, .delivered(statusCode: statusCode))
    }

    /// The outgoing message was refused (3xx–6xx) or never answered (nil).
    @discardableResult
    public func failed(_ id: InstantMessage.ID, statusCode: Int?) async throws -> InstantMessage {
        if let statusCode, !(300...699).contains(statusCode) { throw MessageHistoryError.invalidStatusCode(statusCode) }
        return try await finish(id, .failed(statusCode: statusCode))
    }

    /// The conversation with one peer, oldest first: the last `limit` messages
    /// (all when nil), in the order they were sent (ties by id).
    public func history(peer peerURI: String, limit: Int? = nil) async throws -> [InstantMessage] {
        if let limit, limit < 0 { throw MessageHistoryError.invalidLimit(limit) }
        return try await database.read { db in
            let newest = try Row.fetchAll(db, sql: Self.selection + """
                 WHERE peer_uri = ? ORDER BY sent_at DESC, id DESC LIMIT ?
                """, arguments: [peerURI, limit ?? -1]).map(Self.decode)
            return newest.reversed()
        }
    }

    /// One message, or nil when there is no such id.
    public func message(_ id: InstantMessage.ID) async throws -> InstantMessage? {
        try await database.read { db in try Self.fetch(db, id) }
    }

    /// Marks every outgoing message still waiting as failed without a code.
    /// Only for opening, when no other store has the file open.
    static func failUnanswered(_ database: DatabasePool) throws -> [InstantMessage.ID] {
        try database.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE state = 'sending' ORDER BY id")
            try db.execute(sql: "UPDATE message SET state = 'failed' WHERE state = 'sending'")
            return ids.map(InstantMessage.ID.init(rawValue:))
        }
    }

    // MARK: - Rows

    private func finish(_ id: InstantMessage.ID, _ state: InstantMessage.State) async throws -> InstantMessage {
        try await database.uncancelledWrite { db in
            let message = try Self.existing(db, id)
            guard message.state == .sending else { throw MessageHistoryError.notSending(id, state: message.state.text) }
            try db.execute(sql: "UPDATE message SET state = ?, status_code = ? WHERE id = ?",
                           arguments: [state.text, state.statusCode, id.rawValue])
            return try Self.existing(db, id)
        }
    }

    private static let selection = "SELECT id, account, direction, peer_uri, sent_at, body, state, status_code FROM message"

    private static func fetch(_ db: Database, _ id: InstantMessage.ID) throws -> InstantMessage? {
        try Row.fetchOne(db, sql: selection + " WHERE id = ?", arguments: [id.rawValue]).map(decode)
    }

    private static func existing(_ db: Database, _ id: InstantMessage.ID) throws -> InstantMessage {
        guard let message = try fetch(db, id) else { throw MessageHistoryError.unknownMessage(id) }
        return message
    }

    private static func decode(_ row: Row) throws -> InstantMessage {
        let id = InstantMessage.ID(rawValue: row["id"])
        let directionText: String = row["direction"]
        guard let direction = MessageDirection(rawValue: directionText) else {
            throw MessageHistoryError.unreadableRow(id, reason: "direction \"\(directionText)\"")
        }
        let stateText: String = row["state"]
        guard let state = InstantMessage.State(text: stateText, statusCode: row["status_code"]) else {
            throw MessageHistoryError.unreadableRow(id, reason: "state \"\(stateText)\"")
        }
        return InstantMessage(id: id, account: row["account"], direction: direction, peerURI: row["peer_uri"],
                              time: StoredTime.date(row["sent_at"]), text: row["body"], state: state)
    }
}
