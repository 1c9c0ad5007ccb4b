import Foundation
import Testing
@testable import Control

/// Leaves a socket file at `path` that nobody listens on, as a crashed
/// instance would.
func makeStaleSocket(at path: String) throws {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    let result = ControlSocketFile.withSocketAddress(path) { bind(descriptor, $0, $1) }
    guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}

@Suite("Control server: the socket file", .timeLimit(.minutes(1)))
struct ControlSocketFileTests {
    static func start(_ path: String) async throws(ControlServerError) -> ControlServer {
        try await ControlServer.start(path: path) { _ in .ok(nil) }
    }

    @Test("the socket is 0600 and its missing directories are created 0700")
    func modes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.child("a/b/control.sock")
        let server = try await Self.start(path)
        let socketMode = try #require(fileMode(path))
        #expect(socketMode.type == S_IFSOCK)
        #expect(socketMode.mode == 0o600)
        #expect(socketMode.uid == geteuid())
        #expect(fileMode(directory.child("a"))?.mode == 0o700)
        #expect(fileMode(directory.child("a/b"))?.mode == 0o700)
        await server.shutdown()
    }

    @Test("the modes do not depend on the umask")
    func umaskIndependent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let previous = umask(0)  // tests in this process may race on the umask; 0 only widens
        defer { umask(previous) }
        let server = try await Self.start(directory.child("run/control.sock"))
        #expect(fileMode(directory.child("run"))?.mode == 0o700)
        #expect(fileMode(directory.child("run/control.sock"))?.mode == 0o600)
        await server.shutdown()
    }

    @Test("a directory others can enter is refused", arguments: [0o755, 0o750, 0o701, 0o707] as [mode_t])
    func openDirectory(mode: mode_t) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = directory.child("run")
        mkdir(run, 0o700)
        chmod(run, mode)
        let error = await #expect(throws: ControlServerError.self) { try await Self.start(run + "/control.sock") }
        guard case .unsafeDirectory(let path, let reason) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(path == run)
        #expect(reason.contains(ControlSocketFile.octal(mode)))
        #expect(fileMode(run + "/control.sock") == nil)
    }

    @Test("a directory that is a symbolic link is refused")
    func symlinkDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        mkdir(directory.child("real"), 0o700)
        symlink(directory.child("real"), directory.child("link"))
        let error = await #expect(throws: ControlServerError.self) {
            try await Self.start(directory.child("link/control.sock"))
        }
        #expect(error == .unsafeDirectory(path: directory.child("link"), reason: "it is a symbolic link"))
    }

    @Test("a directory owned by another user is refused", .enabled(if: geteuid() == 0, "needs root to chown"))
    func foreignDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = directory.child("run")
        mkdir(run, 0o700)
        chown(run, 65534, 65534)
        let error = await #expect(throws: ControlServerError.self) { try await Self.start(run + "/control.sock") }
        #expect(error == .unsafeDirectory(path: run, reason: "it is owned by uid 65534, not 0"))
    }

    @Test("a stale socket file is replaced")
    func staleSocket() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.child("control.sock")
        try makeStaleSocket(at: path)
        #expect(ControlSocketFile.probe(path) == .stale)
        let server = try await Self.start(path)
        #expect(ControlSocketFile.probe(path) == .live)
        let client = try await ControlClient.connect(to: path)
        #expect(try await client.send("anything") == .ok(nil))
        await client.close()
        await server.shutdown()
        #expect(ControlSocketFile.probe(path) == .absent)
    }

    @Test("a live socket means another instance is running, and it is left alone")
    func liveSocket() async throws {
        try await withTestServer { first in
            let error = await #expect(throws: ControlServerError.self) { try await Self.start(first.path) }
            #expect(error == .anotherInstanceRunning(path: first.path))
            #expect(error?.description == "another instance is running on \(first.path)")
            let client = try await ControlClient.connect(to: first.path)
            #expect(try await client.send("echo still mine") == .ok(["echo": "still mine"]))
            await client.close()
        }
    }

    @Test("a file that is not a socket is never deleted")
    func regularFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.child("control.sock")
        try "precious".write(toFile: path, atomically: false, encoding: .utf8)
        let error = await #expect(throws: ControlServerError.self) { try await Self.start(path) }
        #expect(error == .notASocket(path: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
    }

    @Test("a path too long for sockaddr_un is refused before anything is created")
    func longPath() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.child(String(repeating: "d", count: 60) + "/" + String(repeating: "s", count: 60))
        let error = await #expect(throws: ControlServerError.self) { try await Self.start(path) }
        #expect(error == .pathTooLong(path: path, limit: ControlSocketFile.maxPathBytes))
        #expect(fileMode(directory.child(String(repeating: "d", count: 60))) == nil)
    }

    @Test("probing tells absent, stale, live and not-a-socket apart")
    func probe() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(ControlSocketFile.probe(directory.child("none")) == .absent)
        #expect(ControlSocketFile.probe(directory.path) == .notASocket)
        try makeStaleSocket(at: directory.child("stale"))
        #expect(ControlSocketFile.probe(directory.child("stale")) == .stale)
        let server = try await Self.start(directory.child("live"))
        #expect(ControlSocketFile.probe(directory.child("live")) == .live)
        await server.shutdown()
    }
}
