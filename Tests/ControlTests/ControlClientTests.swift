import Foundation
import NIOCore
import Testing
@testable import Control

@Suite("Control client", .timeLimit(.minutes(1)))
struct ControlClientTests {
    @Test("commands and snapshots get the handler's replies")
    func requests() async throws {
        try await withTestServer { server in
            let client = try await ControlClient.connect(to: server.path)
            #expect(try await client.send("echo a b") == .ok(["echo": "a b"]))
            #expect(try await client.send("fail") == .error(7, "failed on purpose"))
            #expect(try await client.snapshot() == .ok(["snapshot": true]))
            await client.close()
        }
    }

    @Test("subscribed events arrive on the stream, which ends when the connection does")
    func events() async throws {
        try await withTestServer { server in
            let client = try await ControlClient.connect(to: server.path)
            try await client.subscribe(.names(["call"]))
            server.server.publish(event: "presence", data: 0)
            server.server.publish(event: "call", data: ["state": "ringing"])
            server.server.publish(event: "call", data: ["state": "answered"])
            var iterator = client.events.makeAsyncIterator()
            #expect(await iterator.next() == ControlEvent(name: "call", data: ["state": "ringing"]))
            #expect(await iterator.next() == ControlEvent(name: "call", data: ["state": "answered"]))
            try await client.subscribe(.none)
            #expect(server.server.publish(event: "call", data: 1) == 0)
            await client.close()
            #expect(await iterator.next() == nil)
        }
    }

    @Test("nothing at the path, or nobody listening, is 'not running'")
    func notRunning() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for path in [directory.child("none.sock"), directory.child("missing/dir/control.sock")] {
            await #expect(throws: ControlClientError.notRunning(path: path)) {
                try await ControlClient.connect(to: path)
            }
            #expect(await ControlClient.isRunning(at: path) == false)
        }
        let stale = directory.child("stale.sock")
        try makeStaleSocket(at: stale)
        await #expect(throws: ControlClientError.notRunning(path: stale)) { try await ControlClient.connect(to: stale) }
        #expect(ControlClientError.notRunning(path: stale).description
                == "switchboard is not running (no control socket at \(stale))")
    }

    @Test("a running instance is seen as running")
    func running() async throws {
        try await withTestServer { server in
            #expect(await ControlClient.isRunning(at: server.path))
        }
    }

    @Test("connect errors are named", arguments: [
        (ENOENT, ControlClientError.notRunning(path: "/p")),
        (ECONNREFUSED, .notRunning(path: "/p")),
        (EACCES, .permissionDenied(path: "/p")),
        (EPERM, .permissionDenied(path: "/p")),
    ])
    func errorMapping(code: Int32, expected: ControlClientError) {
        let error = IOError(errnoCode: code, reason: "connect")
        #expect(ControlClient.describe(error, path: "/p", timeout: .seconds(1)) == expected)
    }

    @Test("a path too long is refused before connecting")
    func longPath() async {
        let path = "/tmp/" + String(repeating: "x", count: 200)
        await #expect(throws: ControlClientError.pathTooLong(path: path, limit: ControlSocketFile.maxPathBytes)) {
            try await ControlClient.connect(to: path)
        }
    }

    @Test("a reply that takes too long times out, and the connection still works after")
    func timeout() async throws {
        try await withTestServer { server in
            let client = try await ControlClient.connect(to: server.path)
            let started = ContinuousClock.now
            await #expect(throws: ControlClientError.timedOut(after: .milliseconds(100))) {
                try await client.send("sleep 3000", timeout: .milliseconds(100))
            }
            // the timeout ended the wait, not the (much later) reply; generous
            // margin because the machine may be busy with other tests
            #expect(ContinuousClock.now - started < .milliseconds(2500))
            // Answered after the slow one: replies keep request order.
            #expect(try await client.send("echo later", timeout: .seconds(5)) == .ok(["echo": "later"]))
            await client.close()
        }
    }

    @Test("cancelling the waiting task ends the wait")
    func cancellation() async throws {
        try await withTestServer { server in
            let client = try await ControlClient.connect(to: server.path)
            let waiting = Task { try await client.send("sleep 10000", timeout: .seconds(30)) }
            #expect(await eventually { server.handledCount == 1 })
            waiting.cancel()
            await #expect(throws: ControlClientError.cancelled) { try await waiting.value }
            await client.close()
        }
    }

    @Test("requests waiting when the server shuts down fail with connectionClosed")
    func serverGoesAway() async throws {
        let server = try await TestServer()
        defer { server.directory.remove() }
        let client = try await ControlClient.connect(to: server.path)
        let waiting = Task { try await client.send("sleep 10000", timeout: .seconds(30)) }
        #expect(await eventually { server.handledCount == 1 })
        await server.server.shutdown()
        await #expect(throws: ControlClientError.connectionClosed) { try await waiting.value }
        await #expect(throws: ControlClientError.connectionClosed) { try await client.send("echo x") }
        var events = client.events.makeAsyncIterator()
        #expect(await events.next() == nil)
    }

    @Test("a server that speaks something else is a protocol violation")
    func garbageServer() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.child("fake.sock")
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        #expect(ControlSocketFile.withSocketAddress(path) { bind(listener, $0, $1) } == 0)
        #expect(listen(listener, 1) == 0)
        let answer = Task.detached {
            await withBlockingQueue(DispatchQueue.global()) {
                let connection = accept(listener, nil, nil)
                defer { close(connection) }
                var request = [UInt8](repeating: 0, count: 1024)
                _ = read(connection, &request, request.count)
                let garbage = Array("HTTP/1.1 400 Bad Request\r\n".utf8)
                _ = write(connection, garbage, garbage.count)
                _ = read(connection, &request, request.count)  // until the client hangs up
            }
        }
        let client = try await ControlClient.connect(to: path)
        let error = await #expect(throws: ControlClientError.self) { try await client.send("x", timeout: .seconds(5)) }
        guard case .protocolViolation(let detail) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(detail.hasPrefix("HTTP/1.1 400"))
        await client.close()
        await answer.value
    }
}
