import Foundation
import GRDB
import Store
import Testing

@Suite("Buddy list")
struct BuddyListTests {
    @Test("Add, rename, group, remove; the list is ordered by group, then name")
    func lifecycle() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let buddies = store.buddies
            #expect(try await buddies.list().isEmpty)

            let bob = try await buddies.add(uri: "sip:bob@example.com", displayName: "  Bob ", group: "Work", at: t0)
            #expect(bob == Buddy(uri: "sip:bob@example.com", displayName: "Bob", group: "Work", created: t0))
            try await buddies.add(uri: "mailto:carol@example.org", at: time(1))
            try await buddies.add(uri: "sip:alice@example.com", displayName: "Alice", group: "Work", at: time(2))
            try await buddies.add(uri: "sips:dave@example.net", displayName: "dave", group: "Family", at: time(3))

            #expect(try await buddies.list().map(\.uri) == [
                "mailto:carol@example.org",                     // no group first
                "sips:dave@example.net",                        // Family
                "sip:alice@example.com", "sip:bob@example.com", // Work, by name
            ])
            #expect(try await buddies.groups() == ["Family", "Work"])

            let renamed = try await buddies.rename(uri: "sip:bob@example.com", to: "Robert")
            #expect(renamed.displayName == "Robert")
            #expect(renamed.created == t0, "renaming keeps the creation time")
            #expect(try await buddies.rename(uri: "sip:bob@example.com", to: "   ").displayName == nil, "blank clears")
            let moved = try await buddies.setGroup(uri: "mailto:carol@example.org", to: "Friends")
            #expect(moved.group == "Friends")
            #expect(try await buddies.setGroup(uri: "mailto:carol@example.org", to: nil).group == nil)

            let removed = try await buddies.remove(uri: "sips:dave@example.net")
            #expect(removed.displayName == "dave")
            #expect(try await buddies.buddy(uri: "sips:dave@example.net") == nil)
            #expect(try await buddies.list().count == 3)
        }
    }

    @Test("One address is one buddy however it is spelled: scheme and host without case, user with case")
    func duplicatesAfterNormalization() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let buddies = store.buddies
            let bob = try await buddies.add(uri: "SIP:bob@Example.COM;transport=TCP", at: t0)
            #expect(bob.uri == "sip:bob@example.com;transport=TCP")
            await #expect(throws: BuddyListError.duplicate("sip:bob@example.com;transport=TCP")) {
                try await buddies.add(uri: "sip:bob@EXAMPLE.com;transport=TCP", displayName: "again", at: time(1))
            }
            // The user part is case-sensitive in SIP (RFC 3261 §19.1.4): another buddy.
            try await buddies.add(uri: "sip:Bob@example.com", at: time(2))
            #expect(try await buddies.list().count == 2)
            #expect(try await buddies.buddy(uri: "sip:bob@EXAMPLE.COM;transport=TCP")?.created == t0)
            #expect(try await buddies.list().first { $0.uri == "sip:bob@example.com;transport=TCP" }?.displayName == nil,
                    "the refused add changed nothing")
        }
    }

    @Test("Unknown buddies and bad input are refused and change nothing")
    func refusals() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let buddies = store.buddies
            try await buddies.add(uri: "sip:bob@example.com", displayName: "Bob", at: t0)

            await #expect(throws: BuddyListError.unknownBuddy("sip:nobody@example.com")) {
                try await buddies.remove(uri: "sip:nobody@example.com")
            }
            await #expect(throws: BuddyListError.unknownBuddy("sip:nobody@example.com")) {
                try await buddies.rename(uri: "sip:nobody@example.com", to: "X")
            }
            await #expect(throws: BuddyListError.unknownBuddy("sip:nobody@example.com")) {
                try await buddies.setGroup(uri: "sip:nobody@example.com", to: "X")
            }
            for bad in ["", "bob@example.com", "tel:+15551234", "sip:", "sip:bob@", "sip:bob @example.com",
                        "sip:bob@example.com\r\nX: y", "http://example.com", "sip:" + String(repeating: "a", count: 1100)] {
                await #expect(throws: BuddyListError.invalidURI(bad), "\(bad.debugDescription)") {
                    try await buddies.add(uri: bad, at: t0)
                }
            }
            await #expect(throws: BuddyListError.invalidLabel("Bob\u{7}")) {
                try await buddies.rename(uri: "sip:bob@example.com", to: "Bob\u{7}")
            }
            let long = String(repeating: "g", count: 257)
            await #expect(throws: BuddyListError.invalidLabel(long)) {
                try await buddies.add(uri: "sip:x@example.com", group: long, at: t0)
            }
            #expect(try await buddies.list() == [Buddy(uri: "sip:bob@example.com", displayName: "Bob", created: t0)])
        }
    }

    @Test("The list survives closing; a store in another process sees changes at once")
    func persistenceAndSharing() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let daemon = try SwitchboardStore(path: path)
            try await daemon.buddies.add(uri: "sip:bob@example.com", displayName: "Bob", group: "Work", at: t0)
            let command = try SwitchboardStore(path: path)  // e.g. `switchboard buddy add` beside the daemon
            try await command.buddies.add(uri: "sip:carol@example.com", at: time(1))
            try command.close()
            #expect(try await daemon.buddies.list().map(\.uri) == ["sip:carol@example.com", "sip:bob@example.com"])
            try daemon.close()

            let reopened = try SwitchboardStore(path: path)
            defer { try? reopened.close() }
            #expect(try await reopened.buddies.buddy(uri: "sip:bob@example.com")
                    == Buddy(uri: "sip:bob@example.com", displayName: "Bob", group: "Work", created: t0))
        }
    }

    @Test("The files as a killed process leaves them (database and WAL) hold every change made")
    func killedProcessKeepsChanges() async throws {
        try await withTemporaryDirectory { directory in
            let live = directory.child("live.sqlite")
            let store = try SwitchboardStore(path: live)
            defer { try? store.close() }
            try await store.buddies.add(uri: "sip:bob@example.com", displayName: "Bob", at: t0)
            try await store.buddies.add(uri: "sip:carol@example.com", at: time(1))
            try await store.buddies.setGroup(uri: "sip:bob@example.com", to: "Work")
            try await store.buddies.remove(uri: "sip:carol@example.com")

            let copy = directory.child("copy/switchboard.sqlite")
            try FileManager.default.createDirectory(atPath: directory.child("copy"), withIntermediateDirectories: false)
            try FileManager.default.copyItem(atPath: live, toPath: copy)
            try FileManager.default.copyItem(atPath: live + "-wal", toPath: copy + "-wal")
            let recovered = try SwitchboardStore(path: copy)
            defer { try? recovered.close() }
            #expect(try await recovered.buddies.list()
                    == [Buddy(uri: "sip:bob@example.com", displayName: "Bob", group: "Work", created: t0)])
        }
    }

    @Test("Concurrent adds of the same address: exactly one wins, the others are duplicates")
    func concurrentAdds() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let buddies = store.buddies
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask { (try? await buddies.add(uri: "sip:bob@example.com", displayName: "\(index)", at: t0)) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await buddies.list().count == 1)
        }
    }

    @Test("The schema refuses rows that break the rules, whoever writes them")
    func checkConstraints() async throws {
        try await withRawDatabase { queue in
            let insert = "INSERT INTO buddy (uri, display_name, group_name, created_at) VALUES (?, ?, ?, ?)"
            let bad: [(String, StatementArguments)] = [
                ("another scheme", ["tel:+1555", nil, nil, 0]),
                ("a scheme alone", ["sip:", nil, nil, 0]),
                ("a blank name", ["sip:a@b", "  ", nil, 0]),
                ("a blank group", ["sip:a@b", nil, "", 0]),
                ("no creation time", ["sip:a@b", nil, nil, nil]),
            ]
            await expectRefused(insert, bad, on: queue)
            try await queue.write { db in try db.execute(sql: insert, arguments: ["sip:a@b", "A", "G", 0]) }
            await #expect(throws: DatabaseError.self, "a duplicate") {
                try await queue.write { db in try db.execute(sql: insert, arguments: ["sip:a@b", nil, nil, 1]) }
            }
        }
    }
}
