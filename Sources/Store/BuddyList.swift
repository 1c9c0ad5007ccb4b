import Foundation
import GRDB

/// The buddy list in a `SwitchboardStore`: add, remove, rename, group, list.
///
/// Each change is one immediate transaction that checks and writes together,
/// so two processes changing the list at once (the daemon and a `buddy add`
/// in a terminal) never lose an update or add one address twice. Addresses
/// are normalized (`BuddyURI.normalize`) on the way in, and every method takes
/// any spelling of an address that normalizes to the same one.
///
/// Methods throw `BuddyListError` for a change that does not fit the list,
/// and GRDB's `DatabaseError` when SQLite fails.
public struct BuddyList: Sendable {
    let database: DatabasePool
    /// Held so that the store counts as open while this value is in use.
    let session: SessionLock

    /// Adds a buddy. Throws `.duplicate` when the address is already on the list.
    @discardableResult
    public func add(uri: String, displayName: String? = nil, group: String? = nil, at time: Date) async throws -> Buddy {
        let key = try Self.key(uri)
        let name = try BuddyLabel.normalize(displayName).get()
        let group = try BuddyLabel.normalize(group).get()
        let created = StoredTime.milliseconds(time)
        return try await database.uncancelledWrite { db in
            guard try Self.fetch(db, key) == nil else { throw BuddyListError.duplicate(key) }
            try db.execute(sql: "INSERT INTO buddy (uri, display_name, group_name, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [key, name, group, created])
            return try Self.existing(db, key)
        }
    }

    /// Removes a buddy and returns what it was.
    @discardableResult
    public func remove(uri: String) async throws -> Buddy {
        let key = try Self.key(uri)
        return try await database.uncancelledWrite { db in
            let buddy = try Self.existing(db, key)
            try db.execute(sql: "DELETE FROM buddy WHERE uri = ?", arguments: [key])
            return buddy
        }
    }

    /// Sets (or with nil or an empty name, clears) the display name.
    @discardableResult
    public func rename(uri: String, to displayName: String?) async throws -> Buddy {
        try await update(uri, column: "display_name", to: displayName)
    }

    /// Moves the buddy into a group (nil or empty: out of every group).
    @discardableResult
    public func setGroup(uri: String, to group: String?) async throws -> Buddy {
        try await update(uri, column: "group_name", to: group)
    }

    /// One buddy, or nil when the address is not on the list (or is no address at all).
    public func buddy(uri: String) async throws -> Buddy? {
        guard let key = BuddyURI.normalize(uri) else { return nil }
        return try await database.read { db in try Self.fetch(db, key) }
    }

    /// The whole list: buddies without a group first, then by group, each
    /// group by name (the address when there is none), ties by address.
    public func list() async throws -> [Buddy] {
        try await database.read { db in
            try Row.fetchAll(db, sql: Self.selection + """
                 ORDER BY group_name IS NOT NULL, group_name COLLATE NOCASE, group_name,
                          coalesce(display_name, uri) COLLATE NOCASE, uri
                """).map(Self.decode)
        }
    }

    /// The names of the groups in use, sorted.
    public func groups() async throws -> [String] {
        try await database.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT group_name FROM buddy WHERE group_name IS NOT NULL
                ORDER BY group_name COLLATE NOCASE, group_name
                """)
        }
    }

    // MARK: - Rows

    private func update(_ uri: String, column: String, to label: String?) async throws -> Buddy {
        let key = try Self.key(uri)
        let value = try BuddyLabel.normalize(label).get()
        return try await database.uncancelledWrite { db in
            _ = try Self.existing(db, key)
            // `column` is one of two constants above, never input.
            try db.execute(sql: "UPDATE buddy SET \(column) = ? WHERE uri = ?", arguments: [value, key])
            return try Self.existing(db, key)
        }
    }

    private static func key(_ uri: String) throws(BuddyListError) -> String {
        guard let key = BuddyURI.normalize(uri) else { throw .invalidURI(uri) }
        return key
    }

    private static let selection = "SELECT uri, display_name, group_name, created_at FROM buddy"

    private static func fetch(_ db: Database, _ key: String) throws -> Buddy? {
        try Row.fetchOne(db, sql: selection + " WHERE uri = ?", arguments: [key]).map(decode)
    }

    private static func existing(_ db: Database, _ key: String) throws -> Buddy {
        guard let buddy = try fetch(db, key) else { throw BuddyListError.unknownBuddy(key) }
        return buddy
    }

    /// A row back into a buddy; a row that breaks the rules (written by hand
    /// past the CHECKs, e.g. with `PRAGMA ignore_check_constraints`) is an error,
    /// not a buddy the rest of the program would trip over.
    private static func decode(_ row: Row) throws -> Buddy {
        let uri: String = row["uri"]
        guard BuddyURI.normalize(uri) == uri else { throw BuddyListError.unreadableRow(uri, reason: "not a normalized address") }
        return Buddy(uri: uri, displayName: row["display_name"], group: row["group_name"],
                     created: StoredTime.date(row["created_at"]))
    }
}
