import Foundation
import Testing
@testable import Control

@Suite("Control server: events", .timeLimit(.minutes(1)))
struct ControlServerEventTests {
    /// Reads lines up to the reply with `id`, returning the events before it.
    static func events(before id: Int, on socket: RawSocket) async throws -> [JSONValue] {
        var events: [JSONValue] = []
        while let line = try await socket.readJSON() {
            if line["id"] == .int(id) { return events }
            events.append(line)
        }
        Issue.record("connection closed before reply \(id)")
        return events
    }

    @Test("a subscriber receives only the events it subscribed to")
    func filtered() async throws {
        try await withTestServer { server in
            let socket = try await RawSocket.connect(server.path)
            try await socket.send(#"{"id":1,"subscribe":["registration","call"]}"# + "\n")
            #expect(try await socket.readJSON() == ["id": 1, "ok": true, "data": ["subscribed": ["call", "registration"]]])
            #expect(server.server.publish(event: "presence", data: ["state": "away"]) == 0)
            #expect(server.server.publish(event: "call", data: ["state": "ringing"]) == 1)
            #expect(server.server.publish(event: "registration", data: ["registered": true]) == 1)
            #expect(server.server.publish(event: "dtmf") == 0)
            try await socket.send(#"{"id":2,"snapshot":true}"# + "\n")
            #expect(try await Self.events(before: 2, on: socket) == [
                ["event": "call", "data": ["state": "ringing"]],
                ["event": "registration", "data": ["registered": true]],
            ])
        }
    }

    @Test("\"*\" receives every event; an empty list unsubscribes")
    func everythingThenNothing() async throws {
        try await withTestServer { server in
            let socket = try await RawSocket.connect(server.path)
            try await socket.send(#"{"id":1,"subscribe":"*"}"# + "\n")
            #expect(try await socket.readJSON()?["data"] == ["subscribed": ["*"]])
            #expect(server.server.hasSubscribers)
            #expect(server.server.publish(event: "anything", data: 1) == 1)
            #expect(server.server.publish(event: "else", data: 2) == 1)
            // A request through the handler is a barrier: its reply is queued
            // behind events that were published before it was sent.
            try await socket.send(#"{"id":2,"snapshot":true}"# + "\n")
            #expect(try await Self.events(before: 2, on: socket).map { $0["event"] } == ["anything", "else"])
            try await socket.send(#"{"id":3,"subscribe":[]}"# + "\n")
            #expect(try await socket.readJSON() == ["id": 3, "ok": true, "data": ["subscribed": []]])
            #expect(!server.server.hasSubscribers)
            #expect(server.server.publish(event: "anything", data: 3) == 0)
            try await socket.send(#"{"id":4,"snapshot":true}"# + "\n")
            #expect(try await Self.events(before: 4, on: socket) == [])
        }
    }

    @Test("each connection gets what its own filter asks for")
    func severalSubscribers() async throws {
        try await withTestServer { server in
            let calls = try await RawSocket.connect(server.path)
            let all = try await RawSocket.connect(server.path)
            let none = try await RawSocket.connect(server.path)
            try await calls.send(#"{"id":1,"subscribe":["call"]}"# + "\n")
            try await all.send(#"{"id":1,"subscribe":"*"}"# + "\n")
            _ = try await calls.readLine()
            _ = try await all.readLine()
            #expect(server.server.publish(event: "call", data: 1) == 2)
            #expect(server.server.publish(event: "presence", data: 2) == 1)
            for socket in [calls, all, none] {
                try await socket.send(#"{"id":9,"snapshot":true}"# + "\n")
            }
            #expect(try await Self.events(before: 9, on: calls).map { $0["event"] } == ["call"])
            #expect(try await Self.events(before: 9, on: all).map { $0["event"] } == ["call", "presence"])
            #expect(try await Self.events(before: 9, on: none) == [])
        }
    }

    @Test("events after a subscriber disconnects go nowhere")
    func afterDisconnect() async throws {
        try await withTestServer { server in
            let socket = try await RawSocket.connect(server.path)
            try await socket.send(#"{"id":1,"subscribe":"*"}"# + "\n")
            _ = try await socket.readLine()
            #expect(server.server.subscriberCount == 1)
            await socket.close()
            #expect(await eventually { server.server.subscriberCount == 0 && server.server.connectionCount == 0 })
            #expect(server.server.publish(event: "call", data: 1) == 0)
        }
    }

    @Test("publishing with nobody listening does not even build the data")
    func cheapWithoutListeners() async throws {
        try await withTestServer { server in
            let built = LockedValue(0)
            func expensive() -> JSONValue {
                built.withLock { $0 += 1 }
                return ["big": true]
            }
            let idle = try await RawSocket.connect(server.path)  // connected, not subscribed
            try await idle.send(#"{"id":1,"snapshot":true}"# + "\n")
            _ = try await idle.readLine()
            for _ in 0..<1000 { server.server.publish(event: "call", data: expensive()) }
            #expect(built.withLock { $0 } == 0)

            try await idle.send(#"{"id":2,"subscribe":["call"]}"# + "\n")
            _ = try await idle.readLine()
            server.server.publish(event: "presence", data: expensive())
            #expect(built.withLock { $0 } == 0)
            server.server.publish(event: "call", data: expensive())
            #expect(built.withLock { $0 } == 1)
        }
    }

    @Test("a client that stops reading is dropped; the others keep getting events and replies")
    func slowClient() async throws {
        try await withTestServer(configure: { $0.maxOutboundBytesPerClient = 64 << 10 }) { server in
            let stalled = try await RawSocket.connect(server.path)
            try await stalled.send(#"{"id":1,"subscribe":"*"}"# + "\n")
            _ = try await stalled.readLine()
            let reader = try await ControlClient.connect(to: server.path)
            try await reader.subscribe(.all)
            var received = reader.events.makeAsyncIterator()
            let bystander = try await ControlClient.connect(to: server.path)
            // Connected is not yet registered: the server may still be checking credentials.
            #expect(await eventually { server.server.connectionCount == 3 })

            let payload = JSONValue.string(String(repeating: "x", count: 8 << 10))
            var published = 0
            // In batches the reader can keep up with; the stalled client cannot,
            // and falls past its limit once the kernel's socket buffer is full.
            for batch in 0..<100 where server.server.connectionCount == 3 {
                for index in 0..<10 {
                    server.server.publish(event: "tick", data: ["n": .int(batch * 10 + index), "pad": payload])
                    published += 1
                }
                for _ in 0..<10 {
                    guard await received.next() != nil else {
                        Issue.record("the reader was dropped after \(published) events")
                        return
                    }
                }
                #expect(try await bystander.send("echo \(batch)", timeout: .seconds(5)) == .ok(["echo": .string("\(batch)")]))
            }
            #expect(await eventually { server.server.connectionCount == 2 })
            #expect(published < 1000, "the stalled client was never dropped")

            // The stalled client finds what fitted in the socket buffer, then the end.
            var lines = 0
            while try await stalled.readLine() != nil, lines < 10_000 { lines += 1 }
            #expect(lines < published)

            server.server.publish(event: "tick", data: "after")
            #expect(await received.next() == ControlEvent(name: "tick", data: "after"))
            await reader.close()
            await bystander.close()
        }
    }
}
