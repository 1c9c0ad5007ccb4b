import GRDB

// The database schema, as an ordered list of named migrations.
//
// Rules for growth (buddies, messages, publication ETags will come):
// - A shipped migration is never edited; changes are new migrations appended
//   at the end. The SQL is written out rather than built with GRDB's schema
//   DSL so that what a migration does cannot change with a library update.
// - One migration per feature, named "vN-what".
// - Each migration runs in its own transaction (DatabaseMigrator does this),
//   so a crash mid-upgrade leaves the previous schema, never half of the next.
// - A database that has migrations this version does not know was written by
//   a newer Switchboard and is refused (StoreError.newerSchema) rather than
//   written with assumptions that no longer hold.
// - Allowed values are CHECK constraints. Adding a value (a new call result)
//   therefore takes a migration that rebuilds the table, which also marks the
//   file as newer, so an older Switchboard never reads a value it cannot decode.
enum StoreSchema {
    /// PRAGMA application_id of Switchboard databases ("SwBd"), so that
    /// a database of another program at our path is recognised and left alone.
    static let applicationID: Int32 = 0x5377_4264

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-call-history", migrate: createCallHistory)
        migrator.registerMigration("v2-buddies", migrate: StoreSchemaV2.createBuddies)
        migrator.registerMigration("v3-messages", migrate: StoreSchemaV2.createMessages)
        migrator.registerMigration("v4-publications", migrate: StoreSchemaV2.createPublications)
        return migrator
    }

    /// v1: one row per call, written at INVITE and updated as the call goes on.
    /// Times are milliseconds since 1970 UTC (StoredTime). `last_known_at` is the
    /// latest time the program knew the call to be going on; after a crash it
    /// becomes the end of the call.
    private static func createCallHistory(_ db: Database) throws {
        try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        try db.execute(sql: """
            CREATE TABLE call (
                id                INTEGER PRIMARY KEY AUTOINCREMENT,
                account           TEXT    NOT NULL,
                direction         TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
                peer_uri          TEXT    NOT NULL,
                peer_display_name TEXT,
                started_at        INTEGER NOT NULL,
                answered_at       INTEGER CHECK (answered_at >= started_at),
                ended_at          INTEGER CHECK (ended_at >= started_at AND ended_at >= answered_at),
                last_known_at     INTEGER NOT NULL CHECK (last_known_at >= started_at),
                result            TEXT    NOT NULL CHECK (result IN ('in_progress', 'answered', 'missed',
                                      'rejected', 'cancelled', 'busy', 'failed', 'interrupted')),
                status_code       INTEGER CHECK (status_code BETWEEN 300 AND 699),
                codec             TEXT,
                CHECK ((result = 'in_progress') = (ended_at IS NULL)),
                CHECK ((result = 'failed') = (status_code IS NOT NULL)),
                CHECK (result <> 'answered' OR answered_at IS NOT NULL),
                CHECK (result NOT IN ('missed', 'rejected', 'cancelled', 'busy') OR answered_at IS NULL)
            );
            CREATE INDEX call_by_start ON call (started_at, id);
            CREATE INDEX call_by_peer ON call (peer_uri, started_at, id);
            CREATE INDEX call_in_progress ON call (result) WHERE result = 'in_progress';
            """)
    }
}
