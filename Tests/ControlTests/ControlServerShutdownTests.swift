import Foundation
import Testing
@testable import Control

@Suite("Control server: shutdown", .timeLimit(.minutes(1)))
struct ControlServerShutdownTests {
    @Test("shutdown closes connections, cancels handlers in flight and removes the socket file")
    func shutdown() async throws {
        let server = try await TestServer()
        defer { server.directory.remove() }
        let idle = try await RawSocket.connect(server.path)
        let busy = try await RawSocket.connect(server.path)
        try await busy.send(#"{"id":1,"command":"sleep 60000"}"# + "\n")
        #expect(await eventually { server.server.handlerTaskCount == 1 })

        let started = ContinuousClock.now
        await server.server.shutdown()
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(fileMode(server.path) == nil)
        #expect(server.server.handlerTaskCount == 0)
        #expect(server.server.connectionCount == 0)
        #expect(try await idle.readLine() == nil)
        #expect(try await busy.readLine() == nil)
        #expect(await ControlClient.isRunning(at: server.path) == false)

        await server.server.shutdown()  // a second call is harmless
    }

    @Test("concurrent shutdowns all wait for the same one")
    func concurrentShutdown() async throws {
        let server = try await TestServer()
        defer { server.directory.remove() }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { await server.server.shutdown() } }
        }
        #expect(fileMode(server.path) == nil)
    }

    @Test("shutdown leaves alone a socket another instance put in our place")
    func replacedSocket() async throws {
        let server = try await TestServer()
        defer { server.directory.remove() }
        // Created beside ours and renamed over it, so that it surely has
        // another inode (an unlink first could hand it ours).
        let replacement = server.directory.child("run/other.sock")
        try makeStaleSocket(at: replacement)
        #expect(rename(replacement, server.path) == 0)
        await server.server.shutdown()
        #expect(fileMode(server.path)?.type == S_IFSOCK)
    }

    @Test("the path can be used again after shutdown")
    func restart() async throws {
        let server = try await TestServer()
        defer { server.directory.remove() }
        await server.server.shutdown()
        let again = try await ControlServer.start(path: server.path) { _ in .ok("again") }
        let client = try await ControlClient.connect(to: server.path)
        #expect(try await client.send("x") == .ok("again"))
        await client.close()
        await again.shutdown()
    }
}
