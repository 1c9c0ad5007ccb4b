import GRDB

/// Switchboard's one database file: call history, the buddy list, instant
/// messages and publication ETags, each as migrations appended to `StoreSchema`.
///
/// Opening checks the file before anything may write to it (`DatabaseFile`,
/// then a read-only `PRAGMA quick_check`), so a damaged or foreign file is
/// reported and left byte for byte as it was. Then the schema is migrated and
/// calls that a crashed process left in progress are closed as interrupted.
///
/// The connection is a GRDB `DatabasePool`: it puts the file in WAL mode and
/// keeps one writer and separate readers, so listing the history (the UI,
/// `switchboard history` in another process) never waits for a call being
/// written and never sees half of a write. Writes are serialized by GRDB's one
/// writer connection; each is a single immediate transaction. A
/// `DatabaseQueue` would run reads and writes on one connection, one after
/// another, and leave the journal mode to us.
///
/// WAL with `synchronous = NORMAL` (GRDB's setting) survives a crash of the
/// program with every committed write; a power cut may lose the last
/// transactions but never leaves a half-written one.
///
/// The store is a `Sendable` class over GRDB's async API rather than an
/// actor: the pool already serializes writes and runs reads beside them, and
/// an actor would queue every read behind every write. Share it freely between
/// tasks. Opening does blocking file I/O; do it once, at startup.
public final class SwitchboardStore: Sendable {
    public let path: String
    /// Calls that were in progress when the store was opened, with no other store
    /// open, and have now been closed as interrupted (oldest first). Empty normally.
    public let interruptedCalls: [CallRecord]
    /// Outgoing messages that were waiting for their answer when the store was
    /// opened alone, now marked failed (oldest first). Empty normally.
    public let unansweredMessages: [InstantMessage.ID]

    let database: DatabasePool
    private let session: SessionLock

    /// Opens the database at `path`, creating it (0600) and missing directories (0700).
    /// - Throws: `StoreError`; the file is unchanged when opening fails.
    public init(path: String) throws(StoreError) {
        self.path = path
        try DatabaseFile.prepare(path: path)
        let migrator = StoreSchema.migrator
        try Self.inspect(path: path, migrator: migrator)

        // Alone, this store migrates and closes interrupted calls while holding
        // the session lock exclusively. Otherwise it waits for any store doing
        // that to finish, so two processes never migrate a new file at once.
        session = try SessionLock(databasePath: path)
        let alone = try session.tryExclusive()
        if !alone { try session.share() }
        database = try Self.openPool(path: path)
        do {
            try migrator.migrate(database)
            interruptedCalls = alone ? try CallHistory.closeInterruptedCalls(database) : []
            unansweredMessages = alone ? try MessageHistory.failUnanswered(database) : []
        } catch {
            throw Self.storeError(error, path: path)
        }
        if alone { try session.share() }
    }

    /// The history of calls in this database.
    public var callHistory: CallHistory { CallHistory(database: database, session: session) }

    /// The buddy list.
    public var buddies: BuddyList { BuddyList(database: database, session: session) }

    /// Instant messages sent and received.
    public var messages: MessageHistory { MessageHistory(database: database, session: session) }

    /// The SIP-ETags of the accounts' presence publications.
    public var publications: PublicationTags { PublicationTags(database: database, session: session) }

    /// Closes the database now rather than when the last reference goes away.
    /// Later reads and writes throw.
    public func close() throws {
        try database.close()
        session.release()
    }

    /// The read-only look before any writable connection exists: SQLite's own
    /// consistency check, then whose database it is and whose schema.
    private static func inspect(path: String, migrator: DatabaseMigrator) throws(StoreError) {
        let sideFiles = DatabaseFile.existingSideFiles(of: path)
        do {
            try inspectReadOnly(path: path, migrator: migrator)
        } catch {
            DatabaseFile.removeSideFiles(of: path, except: sideFiles)
            throw error
        }
    }

    private static func inspectReadOnly(path: String, migrator: DatabaseMigrator) throws(StoreError) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "Switchboard.store.inspect"
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                // Reads every page, so it costs time in proportion to the file:
                // measured 0.12 s for 100 000 calls (16 MB, debug build). It is the
                // only way to find a damaged page before a write builds on it;
                // SQLite itself notices a truncated file but not a zeroed page.
                let problems = try String.fetchAll(db, sql: "PRAGMA quick_check")
                guard problems == ["ok"] else {
                    throw StoreError.corrupt(path: path, detail: problems.prefix(3).joined(separator: "; "))
                }
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let isEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0
                guard applicationID == StoreSchema.applicationID || (applicationID == 0 && isEmpty) else {
                    throw StoreError.foreignDatabase(path: path, applicationID: applicationID)
                }
                let unknown = try migrator.appliedIdentifiers(db).subtracting(migrator.migrations)
                guard unknown.isEmpty else {
                    throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
                }
            }
        } catch {
            throw storeError(error, path: path)
        }
    }

    private static func openPool(path: String) throws(StoreError) -> DatabasePool {
        var configuration = Configuration()
        configuration.label = "Switchboard.store"
        // Another process (a one-shot command beside the daemon) may hold the
        // write lock for a moment; wait for it instead of failing at once.
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 2
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw storeError(error, path: path)
        }
    }

    /// SQLite's and our own errors as the one error type of opening.
    static func storeError(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return .cannotOpen(path: path, reason: String(describing: error))
        }
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: error.message ?? "SQLite reports corruption")
        case .SQLITE_READONLY, .SQLITE_PERM: return .readOnly(path: path)
        default: return .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
