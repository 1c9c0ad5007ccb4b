import GRDB
import Testing
import Store

@Suite("Schema and migrations")
struct SchemaTests {
    @Test("A new file gets every migration, Switchboard's application id and WAL mode")
    func migrationsCreateTheSchema() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let store = try SwitchboardStore(path: path)
            defer { try? store.close() }

            try inspect(path) { db throws in
                #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
                        == ["v1-call-history", "v2-buddies", "v3-messages", "v4-publications"])
                #expect(try db.columns(in: "buddy").map(\.name) == ["uri", "display_name", "group_name", "created_at"])
                #expect(try db.columns(in: "message").map(\.name)
                        == ["id", "account", "direction", "peer_uri", "sent_at", "body", "state", "status_code"])
                #expect(try db.columns(in: "publication").map(\.name) == ["account", "etag", "expires_at", "updated_at"])
                #expect(try Int32.fetchOne(db, sql: "PRAGMA application_id") == 0x5377_4264)  // "SwBd"
                #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
                let columns = try db.columns(in: "call").map(\.name)
                #expect(columns == ["id", "account", "direction", "peer_uri", "peer_display_name", "started_at",
                                    "answered_at", "ended_at", "last_known_at", "result", "status_code", "codec"])
                let indexes = try db.indexes(on: "call").map(\.name).sorted()
                #expect(indexes == ["call_by_peer", "call_by_start", "call_in_progress"])
            }
        }
    }

    @Test("Opening again applies no migration twice and keeps the rows")
    func reopeningKeepsData() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            try await makeClosedStore(at: path, calls: 3)
            let store = try SwitchboardStore(path: path)
            defer { try? store.close() }
            #expect(try await store.callHistory.history(limit: 10).count == 3)
            try inspect(path) { db throws in
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") == 4)
            }
        }
    }

    @Test("A file of the v1 schema (calls only) is upgraded in place and keeps its calls")
    func upgradeFromVersionOne() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            try await makeClosedStore(at: path, calls: 2)
            // Turn it back into what the first release wrote.
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: """
                    DROP TABLE buddy; DROP TABLE message; DROP TABLE publication;
                    DELETE FROM grdb_migrations WHERE identifier <> 'v1-call-history';
                    """)
            }
            try queue.close()

            let store = try SwitchboardStore(path: path)
            defer { try? store.close() }
            #expect(try await store.callHistory.history(limit: 10).count == 2)
            try await store.buddies.add(uri: "sip:bob@example.com", at: t0)
            #expect(try await store.buddies.list().count == 1)
        }
    }

    @Test("The schema itself refuses inconsistent rows, whoever writes them")
    func checkConstraintsRefuseInconsistentRows() async throws {
        try await withRawDatabase { queue in
            let insert = """
                INSERT INTO call (account, direction, peer_uri, started_at, answered_at, ended_at,
                                  last_known_at, result, status_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            let bad: [(String, StatementArguments)] = [
                ("ended without an end time", ["a", "out", "sip:x@y", 1000, nil, nil, 1000, "answered", nil]),
                ("in progress with an end time", ["a", "out", "sip:x@y", 1000, nil, 2000, 2000, "in_progress", nil]),
                ("unknown direction", ["a", "sideways", "sip:x@y", 1000, nil, nil, 1000, "in_progress", nil]),
                ("unknown result", ["a", "in", "sip:x@y", 1000, nil, 2000, 2000, "exploded", nil]),
                ("failed without a code", ["a", "out", "sip:x@y", 1000, nil, 2000, 2000, "failed", nil]),
                ("a code without failure", ["a", "out", "sip:x@y", 1000, nil, 2000, 2000, "busy", 486]),
                ("a code out of range", ["a", "out", "sip:x@y", 1000, nil, 2000, 2000, "failed", 200]),
                ("answered but never answered", ["a", "out", "sip:x@y", 1000, nil, 2000, 2000, "answered", nil]),
                ("missed but answered", ["a", "in", "sip:x@y", 1000, 1500, 2000, 2000, "missed", nil]),
                ("ended before it started", ["a", "out", "sip:x@y", 1000, nil, 500, 1000, "cancelled", nil]),
                ("ended before it was answered", ["a", "out", "sip:x@y", 1000, 1800, 1500, 1800, "answered", nil]),
            ]
            await expectRefused(insert, bad, on: queue)
            try await queue.write { db in
                try db.execute(sql: insert, arguments: ["a", "out", "sip:x@y", 1000, 1500, 2000, 2000, "answered", nil])
            }
        }
    }
}
