import Foundation
import GRDB
import Store
import Testing

@Suite("Instant message history")
struct MessageHistoryTests {
    @Test("A conversation: received, sent and delivered, sent and failed; oldest first per peer")
    func conversation() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let messages = store.messages
            let hello = try await messages.append(account: "alice", direction: .incoming, peerURI: "sip:bob@x",
                                                  text: "hello", at: t0)
            #expect(hello.state == .received)
            let reply = try await messages.append(account: "alice", direction: .outgoing, peerURI: "sip:bob@x",
                                                  text: "hi Bob — ça va?", at: time(5))
            #expect(reply.state == .sending)
            #expect(try await messages.delivered(reply.id, statusCode: 202).state == .delivered(statusCode: 202))
            let lost = try await messages.append(account: "alice", direction: .outgoing, peerURI: "sip:bob@x",
                                                 text: "still there?", at: time(9))
            #expect(try await messages.failed(lost.id, statusCode: 480).state == .failed(statusCode: 480))
            try await messages.append(account: "alice", direction: .outgoing, peerURI: "sip:carol@x", text: "other", at: time(7))

            let withBob = try await messages.history(peer: "sip:bob@x")
            #expect(withBob.map(\.text) == ["hello", "hi Bob — ça va?", "still there?"])
            #expect(withBob.map(\.time) == [t0, time(5), time(9)])
            #expect(try await messages.history(peer: "sip:bob@x", limit: 2).map(\.text) == ["hi Bob — ça va?", "still there?"],
                    "a limit keeps the newest, still oldest first")
            #expect(try await messages.history(peer: "sip:nobody@x").isEmpty)
        }
    }

    @Test("Answers that do not fit are refused and change nothing")
    func refusals() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SwitchboardStore(path: directory.child("switchboard.sqlite"))
            defer { try? store.close() }
            let messages = store.messages
            let incoming = try await messages.append(account: "a", direction: .incoming, peerURI: "sip:b@x", text: "x", at: t0)
            await #expect(throws: MessageHistoryError.notSending(incoming.id, state: "received")) {
                try await messages.delivered(incoming.id)
            }
            let out = try await messages.append(account: "a", direction: .outgoing, peerURI: "sip:b@x", text: "y", at: t0)
            await #expect(throws: MessageHistoryError.invalidStatusCode(404)) { try await messages.delivered(out.id, statusCode: 404) }
            await #expect(throws: MessageHistoryError.invalidStatusCode(200)) { try await messages.failed(out.id, statusCode: 200) }
            try await messages.delivered(out.id)
            await #expect(throws: MessageHistoryError.notSending(out.id, state: "delivered")) {
                try await messages.failed(out.id, statusCode: nil)
            }
            let unknown = InstantMessage.ID(rawValue: 999)
            await #expect(throws: MessageHistoryError.unknownMessage(unknown)) { try await messages.delivered(unknown) }
            await #expect(throws: MessageHistoryError.emptyPeer) {
                try await messages.append(account: "a", direction: .outgoing, peerURI: "", text: "z", at: t0)
            }
            let big = String(repeating: "é", count: 40_000)  // 80 000 bytes
            await #expect(throws: MessageHistoryError.tooLong(bytes: 80_000)) {
                try await messages.append(account: "a", direction: .outgoing, peerURI: "sip:b@x", text: big, at: t0)
            }
            await #expect(throws: MessageHistoryError.invalidLimit(-1)) { try await messages.history(peer: "sip:b@x", limit: -1) }
            #expect(try await messages.history(peer: "sip:b@x").map(\.state) == [.received, .delivered(statusCode: 200)])
        }
    }

    @Test("A message still waiting for its answer when the process died is failed, without a code, by the next store alone")
    func crashLeavesSendingMessages() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.child("switchboard.sqlite")
            let store = try SwitchboardStore(path: path)
            let waiting = try await store.messages.append(account: "a", direction: .outgoing, peerURI: "sip:b@x", text: "?", at: t0)
            let done = try await store.messages.append(account: "a", direction: .outgoing, peerURI: "sip:b@x", text: "!", at: time(1))
            try await store.messages.delivered(done.id)

            // Files as a kill -9 leaves them: database and WAL, copied while open.
            let copy = directory.child("copy/switchboard.sqlite")
            try FileManager.default.createDirectory(atPath: directory.child("copy"), withIntermediateDirectories: false)
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")

            // Another store while the first is open leaves its message alone.
            let beside = try SwitchboardStore(path: path)
            #expect(beside.unansweredMessages.isEmpty)
            #expect(try await beside.messages.message(waiting.id)?.state == .sending)
            try beside.close()
            try store.close()

            let recovered = try SwitchboardStore(path: copy)
            defer { try? recovered.close() }
            #expect(recovered.unansweredMessages == [waiting.id])
            #expect(try await recovered.messages.history(peer: "sip:b@x").map(\.state)
                    == [.failed(statusCode: nil), .delivered(statusCode: 200)])
        }
    }

    @Test("JSON round trip keeps every field; a state that does not fit its code is refused")
    func json() async throws {
        let message = InstantMessage(id: .init(rawValue: 4), account: "alice", direction: .outgoing, peerURI: "sip:b@x",
                                     time: t0, text: "hi\n\"there\"", state: .failed(statusCode: 486))
        let data = try JSONEncoder().encode(message)
        #expect(try JSONDecoder().decode(InstantMessage.self, from: data) == message)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"state\":\"failed\"") && text.contains("\"statusCode\":486"))
        for bad in [#"{"id":1,"account":"a","direction":"out","peerURI":"p","time":"2025-01-31T09:15:02.125Z","text":"t","state":"delivered"}"#,
                    #"{"id":1,"account":"a","direction":"in","peerURI":"p","time":"2025-01-31T09:15:02.125Z","text":"t","state":"read"}"#,
                    #"{"id":1,"account":"a","direction":"in","peerURI":"p","time":"yesterday","text":"t","state":"received"}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(InstantMessage.self, from: Data(bad.utf8)) }
        }
    }

    @Test("The schema refuses rows that break the rules")
    func checkConstraints() async throws {
        try await withRawDatabase { queue in
            let insert = "INSERT INTO message (account, direction, peer_uri, sent_at, body, state, status_code) VALUES (?, ?, ?, ?, ?, ?, ?)"
            let bad: [(String, StatementArguments)] = [
                ("incoming but sending", ["a", "in", "p", 0, "t", "sending", nil]),
                ("outgoing but received", ["a", "out", "p", 0, "t", "received", nil]),
                ("delivered with a failure code", ["a", "out", "p", 0, "t", "delivered", 486]),
                ("delivered without a code", ["a", "out", "p", 0, "t", "delivered", nil]),
                ("failed with a success code", ["a", "out", "p", 0, "t", "failed", 200]),
                ("sending with a code", ["a", "out", "p", 0, "t", "sending", 200]),
                ("an unknown state", ["a", "out", "p", 0, "t", "read", nil]),
                ("an empty peer", ["a", "out", "", 0, "t", "sending", nil]),
            ]
            await expectRefused(insert, bad, on: queue)
        }
    }
}
