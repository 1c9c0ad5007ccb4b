import Foundation
import Store
import Testing

@Suite("Publication entity tags")
struct PublicationTagsTests {
    @Test("A tag is kept per account, replaced, forgotten, and not returned once expired")
    func lifecycle() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let store = try SwitchboardStore(path: path)
            let tags = store.publications
            #expect(try await tags.tag(account: "alice", now: t0) == nil)
            try await tags.set(account: "alice", etag: "dx200xyz", expires: time(3600), at: t0)
            try await tags.set(account: "bob", etag: "b1", expires: time(60), at: t0)
            try await tags.set(account: "alice", etag: "kwj449s", expires: time(7200), at: time(3000))
            try store.close()

            let next = try SwitchboardStore(path: path)  // the next `status set`
            defer { try? next.close() }
            #expect(try await next.publications.tag(account: "alice", now: time(3001))
                    == PublicationTags.Tag(etag: "kwj449s", expires: time(7200)))
            #expect(try await next.publications.tag(account: "bob", now: time(59))?.etag == "b1")
            #expect(try await next.publications.tag(account: "bob", now: time(60)) == nil, "expired: the server dropped it")
            try await next.publications.remove(account: "alice")
            #expect(try await next.publications.tag(account: "alice", now: time(3001)) == nil)
        }
    }

    @Test("Tags that could not be sent back in SIP-If-Match are refused")
    func refusals() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            for (account, etag) in [("", "x"), ("a", ""), ("a", "two words"), ("a", "line\r\nbreak"),
                                    ("a", String(repeating: "e", count: 1025))] {
                await #expect(throws: PublicationTagError.invalid(account: account, etag: etag)) {
                    try await store.publications.set(account: account, etag: etag, expires: time(60), at: t0)
                }
            }
            #expect(try await store.publications.tag(account: "a", now: t0) == nil)
        }
    }
}
