import Foundation
import GRDB
import Store
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Opening the file: modes, and files that must be left alone")
struct FileSafetyTests {
    @Test("Missing directories are created 0700 and the file 0600 (its -wal and -shm too); existing ones are untouched")
    func createsPrivateFiles() async throws {
        try await withTemporaryDirectory { directory in
            let existing = directory.child("share")
            try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o755])
            let path = existing + "/switchboard/data/switchboard.sqlite"
            let store = try SwitchboardStore(path: path)
            defer { try? store.close() }
            _ = try await store.callHistory.begin(account: "a", direction: .incoming, peerURI: "sip:b@c", at: t0)

            #expect(permissions(existing) == 0o755)
            #expect(permissions(existing + "/switchboard") == 0o700)
            #expect(permissions(existing + "/switchboard/data") == 0o700)
            #expect(permissions(path) == 0o600)
            #expect(permissions(path + "-wal") == 0o600)
            #expect(permissions(path + "-shm") == 0o600)
            #expect(permissions(path + "-lock") == 0o600)
        }
    }

    @Test("An existing empty file is taken as a new database")
    func emptyFileBecomesDatabase() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            try write([], to: path)
            let store = try SwitchboardStore(path: path)
            defer { try? store.close() }
            #expect(try await store.callHistory.history(limit: 1).isEmpty)
        }
    }

    @Test("Random bytes: not a database, and not one byte changes")
    func randomBytesAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            var generator = SystemRandomNumberGenerator()
            let original = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try write(original, to: path)

            #expect(throws: StoreError.notADatabase(path: path)) { try SwitchboardStore(path: path) }
            #expect(try bytes(path) == original)
            #expect(try directory.names() == ["switchboard.sqlite"])
        }
    }

    @Test("Text that merely starts like SQLite's header is refused too", arguments: [
        "SQLite format 3\0 and then nothing sensible at all",
        "SQLite",
    ])
    func shortHeaderIsRefused(text: String) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let original = Array(text.utf8)
            try write(original, to: path)
            #expect(throws: StoreError.self) { try SwitchboardStore(path: path) }
            #expect(try bytes(path) == original)
        }
    }

    /// Cut points: inside the magic, just the header, the first page, half the file.
    /// Journal modes: our own WAL file, and one in rollback mode (a copy restored
    /// by a tool), where switching to WAL would write the header at once.
    @Test("A truncated database: damaged, and not one byte changes",
          arguments: [10, 100, 4096, -2], ["wal", "delete"])
    func truncatedDatabaseIsRefused(keep: Int, journalMode: String) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            try await makeClosedStore(at: path, calls: 200)
            if journalMode != "wal" {
                let queue = try DatabaseQueue(path: path)
                try await queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = \(journalMode)")
                }
                try queue.close()
            }
            let whole = try bytes(path)
            #expect(whole.count > 8 * 4096, "enough pages for the cuts to land inside the data")
            let original = Array(whole.prefix(keep > 0 ? keep : whole.count / -keep))
            try write(original, to: path)

            do throws(StoreError) {
                _ = try SwitchboardStore(path: path)
                Issue.record("opened a database cut to \(original.count) bytes")
            } catch {
                guard case .corrupt(let reported, _) = error else {
                    Issue.record("expected .corrupt, got \(error)")
                    return
                }
                #expect(reported == path)
                #expect(error.description.contains("left unchanged"))
            }
            #expect(try bytes(path) == original)
            let names = try directory.names()
            #expect(names == ["switchboard.sqlite", "switchboard.sqlite-lock"],
                    "no -wal or -shm appeared (the lock file is from the store that wrote the data)")
        }
    }

    /// SQLite itself notices a short file at once; a page overwritten in the
    /// middle it would notice only when a query reads that page, after the
    /// opening has already written. Only the read-only check finds it first.
    @Test("A database with a page zeroed in the middle: damaged, and not one byte changes",
          arguments: ["wal", "delete"])
    func damagedPageIsRefused(journalMode: String) async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            try await makeClosedStore(at: path, calls: 200)
            let queue = try DatabaseQueue(path: path)
            let pageSize = try await queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = \(journalMode)")
                return try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
            }
            try queue.close()
            var original = try bytes(path)
            let middle = original.count / pageSize / 2 * pageSize
            original.replaceSubrange(middle..<middle + pageSize, with: repeatElement(0, count: pageSize))
            try write(original, to: path)

            do throws(StoreError) {
                _ = try SwitchboardStore(path: path)
                Issue.record("opened a database with a zeroed page")
            } catch {
                guard case .corrupt = error else {
                    Issue.record("expected .corrupt, got \(error)")
                    return
                }
            }
            #expect(try bytes(path) == original)
            #expect(try directory.names() == ["switchboard.sqlite", "switchboard.sqlite-lock"])
        }
    }

    @Test("A directory at the path: a clear error, and the directory is left as it was")
    func directoryIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try write([1, 2, 3], to: path + "/inside")

            #expect(throws: StoreError.notAFile(path: path)) { try SwitchboardStore(path: path) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["inside"])
            #expect(try bytes(path + "/inside") == [1, 2, 3])
        }
    }

    @Test("A file where a directory should be: a clear error")
    func fileInPlaceOfDirectory() async throws {
        try await withTemporaryDirectory { directory in
            try write([1], to: directory.child("data"))
            let path = directory.child("data") + "/switchboard/switchboard.sqlite"
            do throws(StoreError) {
                _ = try SwitchboardStore(path: path)
                Issue.record("opened a store below a file")
            } catch {
                #expect(error == .cannotCreateDirectory(path: directory.child("data"),
                                                        reason: "something other than a directory is there"))
            }
        }
    }

    @Test("A symbolic link to a missing file is not followed to create one")
    func danglingSymlinkIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let target = directory.child("elsewhere.sqlite")
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
            #expect(throws: StoreError.cannotOpen(path: path, reason: "a symbolic link to a missing file")) {
                try SwitchboardStore(path: path)
            }
            #expect(try directory.names() == ["switchboard.sqlite"])
        }
    }

    @Test("A read-only database: a clear error, bytes and mode unchanged")
    func readOnlyFileIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            try await makeClosedStore(at: path, calls: 2)
            #expect(chmod(path, 0o400) == 0)
            let original = try bytes(path)

            #expect(throws: StoreError.readOnly(path: path)) { try SwitchboardStore(path: path) }
            #expect(try bytes(path) == original)
            #expect(permissions(path) == 0o400)
        }
    }

    @Test("Another program's SQLite database is recognised and left alone")
    func foreignDatabaseIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let other = try DatabaseQueue(path: path)
            try await other.write { db in
                try db.execute(sql: "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread')")
            }
            try other.close()
            let original = try bytes(path)

            #expect(throws: StoreError.foreignDatabase(path: path, applicationID: 0)) {
                try SwitchboardStore(path: path)
            }
            #expect(try bytes(path) == original)
        }
    }

    @Test("A database from a newer Switchboard is refused, not downgraded")
    func newerSchemaIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            try await makeClosedStore(at: path, calls: 1)
            let newer = try DatabaseQueue(path: path)
            try await newer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-holograms')")
            }
            try newer.close()
            let original = try bytes(path)

            #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["v9-holograms"])) {
                try SwitchboardStore(path: path)
            }
            #expect(try bytes(path) == original)
        }
    }

    @Test("Error messages name the file and say what to do")
    func errorDescriptions() {
        let path = "/home/a/.local/share/switchboard/switchboard.sqlite"
        #expect(StoreError.notADatabase(path: path).description
            == "\(path): not an SQLite database; left unchanged (move it aside to start a new history)")
        #expect(StoreError.readOnly(path: path).description.hasPrefix("\(path): the history database is read-only"))
        #expect(StoreError.notAFile(path: path).description.hasPrefix(path))
    }
}
