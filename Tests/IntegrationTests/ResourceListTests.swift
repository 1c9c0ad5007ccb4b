import Foundation
import PhoneCore
import SwitchboardTestKit
import Testing

/// Resource lists (RFC 4662) against the real Kamailio `rls`: one
/// subscription carries the state of every member.
@Suite("Resource lists against Kamailio")
struct ResourceListTests {
    func phone(_ user: String, _ server: KamailioServer) async throws -> (PhoneCore, String) {
        let core = PhoneCore(options: fastOptions())
        let id = try await core.addAccount(try testAccount(user, password: "\(user)pw",
                                                           proxy: "sip:127.0.0.1:\(server.udpPort)"))
        try await core.register(id)
        return (core, id)
    }

    func members(_ core: PhoneCore, _ id: String, timeout: Duration = .seconds(30),
                 until: ([String: BuddySnapshot]) -> Bool) async throws -> [String: BuddySnapshot] {
        let deadline = ContinuousClock.now + timeout
        var last: [String: BuddySnapshot] = [:]
        while ContinuousClock.now < deadline {
            last = Dictionary(await core.buddies(account: id).map { ($0.uri, $0) }, uniquingKeysWith: { $1 })
            if until(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    @Test("alice's 3-member list is one subscription; bob's and carol's statuses arrive through it")
    func threeMembers() async throws {
        try await withKamailio { server in
            let (bob, bobID) = try await phone("bob", server)
            let (carol, carolID) = try await phone("carol", server)
            let (alice, aliceID) = try await phone("alice", server)
            let list = ["sip:bob@example.test", "sip:carol@example.test", "sip:dave@example.test"]
            let first = try await alice.watchList(listURI: "sip:alice-buddies@example.test", members: list,
                                                  account: aliceID, xcapRoot: server.xcapRoot)
            #expect(first.map(\.uri) == list)
            #expect(first.allSatisfy { $0.status == "unknown" })
            // bob and carol publish once the list subscription stands, so their
            // states come as partial NOTIFYs: Kamailio's full-state NOTIFY over
            // db_text can leave members out (docs/DECISIONS.md §31)
            // Kamailio's RLS can also miss a member's first change while its
            // back-end subscription to that member is still being set up (it
            // happened in about half of the runs here): a member whose state
            // has not arrived publishes again, with a new note, a few times.
            try await Task.sleep(for: .seconds(3))
            var seen: [String: BuddySnapshot] = [:]
            for attempt in 1...6 {
                if seen["sip:bob@example.test"]?.status != "busy" {
                    try await bob.setStatus(OwnStatus(activity: "busy", note: "in a meeting \(attempt)"), account: bobID)
                }
                if seen["sip:carol@example.test"]?.status != "away" {
                    try await carol.setStatus(OwnStatus(activity: "away", note: "lunch \(attempt)"), account: carolID)
                }
                seen = try await members(alice, aliceID, timeout: .seconds(5)) {
                    $0["sip:bob@example.test"]?.status == "busy" && $0["sip:carol@example.test"]?.status == "away"
                }
                if seen["sip:bob@example.test"]?.status == "busy" && seen["sip:carol@example.test"]?.status == "away" { break }
            }
            #expect(seen["sip:bob@example.test"]?.status == "busy", "\(seen)\n\(server.logTail())")
            #expect(seen["sip:bob@example.test"]?.note?.hasPrefix("in a meeting") == true)
            #expect(seen["sip:carol@example.test"]?.status == "away", "\(seen)")
            #expect(seen["sip:carol@example.test"]?.note?.hasPrefix("lunch") == true)
            #expect(seen["sip:bob@example.test"]?.presenceSubscription == "active")
            // dave never published: the RLS has no state for him, so he is not shown as anything
            #expect(seen["sip:dave@example.test"]?.status != "busy")
            // one subscription for the list, none per member
            let keys = await alice.subscriptionKeys(account: aliceID)
            #expect(keys == ["sip:alice-buddies@example.test (presence)"], "\(keys)")

            // a change reaches alice through the same subscription
            try await bob.setStatus(OwnStatus(activity: "available"), account: bobID)
            let changed = try await members(alice, aliceID) { $0["sip:bob@example.test"]?.status == "available" }
            #expect(changed["sip:bob@example.test"]?.status == "available", "\(changed)")
            await alice.shutdown()
            await bob.shutdown()
            await carol.shutdown()
        }
    }
}
