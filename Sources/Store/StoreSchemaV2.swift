import GRDB

// The migrations after v1 (call history), one per feature, in the order they
// are registered in `StoreSchema.migrator`. Same rules: never edited once
// shipped, SQL written out, allowed values as CHECK constraints.
enum StoreSchemaV2 {
    /// v2: the buddy list. One list per user, shared by the accounts (as an
    /// address book is): a buddy is an address, not a subscription of one
    /// account. `uri` is the normalized form (`BuddyURI`), so the primary key
    /// is what makes a second add of the same address a duplicate. The CHECKs
    /// repeat the shape rules of `BuddyURI` and `BuddyLabel` for writers other
    /// than this code (a hand edit with the sqlite3 tool).
    static func createBuddies(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE buddy (
                uri          TEXT    NOT NULL PRIMARY KEY
                                     CHECK (uri GLOB 'sip:?*' OR uri GLOB 'sips:?*' OR uri GLOB 'mailto:?*')
                                     CHECK (length(uri) <= 1024),
                display_name TEXT    CHECK (display_name IS NULL OR length(trim(display_name)) BETWEEN 1 AND 256),
                group_name   TEXT    CHECK (group_name IS NULL OR length(trim(group_name)) BETWEEN 1 AND 256),
                created_at   INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX buddy_by_group ON buddy (group_name, display_name, uri);
            """)
    }

    /// v3: instant messages (RFC 3428 MESSAGE), one row per message, written
    /// when it is sent or received and updated when the answer to an outgoing
    /// one arrives. `state` 'sending' is an outgoing message without a final
    /// response yet; a crash leaves it so, and the next store opened alone
    /// marks it 'failed' without a status code (we never learned the answer).
    static func createMessages(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE message (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                account     TEXT    NOT NULL,
                direction   TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
                peer_uri    TEXT    NOT NULL CHECK (length(peer_uri) > 0),
                sent_at     INTEGER NOT NULL,
                body        TEXT    NOT NULL CHECK (length(CAST(body AS BLOB)) <= 65536),
                state       TEXT    NOT NULL CHECK (state IN ('sending', 'delivered', 'failed', 'received')),
                status_code INTEGER CHECK (status_code BETWEEN 200 AND 699),
                CHECK ((direction = 'in') = (state = 'received')),
                CHECK (state = 'delivered' OR state = 'failed' OR status_code IS NULL),
                CHECK (state <> 'delivered' OR coalesce(status_code BETWEEN 200 AND 299, 0)),
                CHECK (state <> 'failed' OR status_code IS NULL OR status_code >= 300)
            );
            CREATE INDEX message_by_peer ON message (peer_uri, sent_at, id);
            CREATE INDEX message_sending ON message (state) WHERE state = 'sending';
            """)
    }

    /// v4: the SIP-ETag of each account's presence publication (RFC 3903), so
    /// that a headless `status set` modifies the publication the previous one
    /// made instead of adding a second. `expires_at` is when the server drops
    /// the publication; an entity tag read after that is of no use.
    static func createPublications(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE publication (
                account    TEXT    NOT NULL PRIMARY KEY CHECK (length(account) > 0),
                etag       TEXT    NOT NULL CHECK (length(etag) BETWEEN 1 AND 1024),
                expires_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            """)
    }
}
