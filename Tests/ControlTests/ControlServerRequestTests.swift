import Foundation
import Testing
@testable import Control

@Suite("Control server: requests and replies", .timeLimit(.minutes(1)))
struct ControlServerRequestTests {
    @Test("a command gets the handler's data under its id")
    func commandReply() async throws {
        try await withTestServer { server in
            let socket = try await RawSocket.connect(server.path)
            try await socket.send(#"{"id":"first","command":"echo 'hello there'"}"# + "\n")
            #expect(try await socket.readLine() == #"{"id":"first","ok":true,"data":{"echo":"hello there"}}"#)
            try await socket.send(#"{"id":2,"command":"fail"}"# + "\n")
            #expect(try await socket.readLine() == #"{"id":2,"ok":false,"error":{"code":7,"message":"failed on purpose"}}"#)
            try await socket.send(#"{"id":3,"snapshot":true}"# + "\r\n")
            #expect(try await socket.readLine() == #"{"id":3,"ok":true,"data":{"snapshot":true}}"#)
            #expect(server.requests.withLock { $0 } == [.command("echo 'hello there'"), .command("fail"), .snapshot])
        }
    }

    @Test("bad lines get error replies and the connection keeps serving")
    func badInput() async throws {
        try await withTestServer { server in
            let socket = try await RawSocket.connect(server.path)
            var garbage: [UInt8] = Array("not json\n".utf8)
            garbage += [0x7B, 0x00, 0x7D, 0x0A]                       // a raw NUL
            garbage += [0x22, 0xFF, 0xFE, 0x22, 0x0A]                 // invalid UTF-8
            garbage += Array(#"[1,2]"#.utf8) + [0x0A]
            garbage += Array(#"{"id":5}"#.utf8) + [0x0A]
            garbage += Array(#"{"id":6,"command":"x","extra":1}"#.utf8) + [0x0A]
            garbage += Array(#"{"id":7,"id":8,"command":"x"}"#.utf8) + [0x0A]
            garbage += Array(#"{"id":9,"command":"echo still here"}"#.utf8) + [0x0A]
            try await socket.send(garbage)
            let expected: [(JSONValue, String)] = [
                (.null, "bad-json"), (.null, "bad-json"), (.null, "bad-json"), (.null, "bad-request"),
                (5, "bad-request"), (6, "bad-request"), (.null, "bad-request"),
            ]
            for (id, code) in expected {
                let reply = try #require(try await socket.readJSON())
                #expect(reply["id"] == id)
                #expect(reply["ok"] == false)
                #expect(reply["error"]?["code"] == .string(code), "\(reply)")
            }
            #expect(try await socket.readJSON() == ["id": 9, "ok": true, "data": ["echo": "still here"]])
            #expect(server.handledCount == 1)
        }
    }

    @Test("requests on one connection are answered in order, even when the first is slow")
    func inOrder() async throws {
        try await withTestServer { server in
            let socket = try await RawSocket.connect(server.path)
            let lines = [#"{"id":1,"command":"sleep 100"}"#, "oops", #"{"id":3,"command":"echo fast"}"#,
                         #"{"id":4,"subscribe":"*"}"#, #"{"id":5,"snapshot":true}"#]
            try await socket.send(lines.joined(separator: "\n") + "\n")
            var ids: [JSONValue?] = []
            for _ in lines { ids.append(try await socket.readJSON()?["id"]) }
            #expect(ids == [1, .null, 3, 4, 5])
        }
    }

    @Test("a line over the default 1 MiB limit gets line-too-long and a closed connection; others go on")
    func hugeLine() async throws {
        try await withTestServer { server in
            let bystander = try await RawSocket.connect(server.path)
            let socket = try await RawSocket.connect(server.path)
            try await socket.send(#"{"id":1,"command":"echo before"}"# + "\n")
            #expect(try await socket.readJSON()?["data"] == ["echo": "before"])
            // The server stops reading at the limit, so the rest of the send may fail.
            try? await socket.send([UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 4096))
            let reply = try #require(try await socket.readJSON())
            #expect(reply["id"] == .null)
            #expect(reply["error"]?["code"] == "line-too-long")
            #expect(try await socket.readLine() == nil)
            #expect(await eventually { server.server.connectionCount == 1 })

            try await bystander.send(#"{"id":2,"command":"echo after"}"# + "\n")
            #expect(try await bystander.readJSON()?["data"] == ["echo": "after"])
            let newcomer = try await RawSocket.connect(server.path)
            try await newcomer.send(#"{"id":3,"command":"echo new"}"# + "\n")
            #expect(try await newcomer.readJSON()?["data"] == ["echo": "new"])
        }
    }

    @Test("a half line followed by a disconnect is dropped silently")
    func halfLineDisconnect() async throws {
        try await withTestServer { server in
            let socket = try await RawSocket.connect(server.path)
            try await socket.send(#"{"id":1,"command":"echo one"}"# + "\n" + #"{"id":2,"command":"ech"#)
            #expect(try await socket.readJSON()?["id"] == 1)
            await socket.close()
            #expect(await eventually { server.server.connectionCount == 0 })
            #expect(server.requests.withLock { $0 } == [.command("echo one")])
        }
    }

    @Test("after the client shuts down its side, complete requests are answered, then the server closes")
    func halfClose() async throws {
        try await withTestServer { server in
            let socket = try await RawSocket.connect(server.path)
            try await socket.send(#"{"id":1,"command":"sleep 30"}"# + "\n" + #"{"id":2,"command":"echo two"}"# + "\n" + #"{"id":3,"co"#)
            await socket.shutdownWrite()
            #expect(try await socket.readJSON()?["id"] == 1)
            #expect(try await socket.readJSON()?["id"] == 2)
            #expect(try await socket.readLine() == nil)
            #expect(server.handledCount == 2)
        }
    }

    @Test("100 clients at once each get their own replies")
    func manyClients() async throws {
        try await withTestServer { server in
            let path = server.path
            let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<100 {
                    group.addTask {
                        let connection = try await ControlClient.connect(to: path, timeout: .seconds(10))
                        var wrong = 0
                        for request in 0..<5 {
                            let reply = try await connection.send("echo \(client)-\(request)", timeout: .seconds(20))
                            if reply != .ok(["echo": .string("\(client)-\(request)")]) { wrong += 1 }
                        }
                        await connection.close()
                        return wrong
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(failures == 0)
            #expect(server.handledCount == 500)
        }
    }

    @Test("requests pipelined past the queue limit are all answered")
    func pipelined() async throws {
        try await withTestServer(configure: { $0.maxQueuedRequestsPerClient = 4 }) { server in
            let socket = try await RawSocket.connect(server.path)
            let count = 300
            try await socket.send((0..<count).map { #"{"id":\#($0),"command":"echo \#($0)"}"# + "\n" }.joined())
            for index in 0..<count {
                #expect(try await socket.readJSON()?["id"] == .int(index))
            }
        }
    }
}
