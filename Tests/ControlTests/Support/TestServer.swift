import Foundation
@testable import Control

/// A control server in its own temporary directory, with a handler that
/// answers predictably and records what it was asked.
///
/// Commands: `echo WORDS` answers `{"echo": "WORDS"}`; `fail` answers error 7;
/// `sleep MS` answers after MS milliseconds (or when cancelled); anything
/// else answers `{"command": TEXT}`. A snapshot answers `{"snapshot": true}`.
final class TestServer: Sendable {
    let directory: TemporaryDirectory
    let server: ControlServer
    let requests = LockedValue<[ControlRequest]>([])
    var path: String { server.path }

    static func handle(_ request: ControlRequest) async -> ControlReply {
        guard case .command(let text) = request else { return .ok(["snapshot": true]) }
        let words = (try? CommandLineSplitter.split(text)) ?? []
        switch words.first {
        case "echo": return .ok(["echo": .string(words.dropFirst().joined(separator: " "))])
        case "fail": return .error(7, "failed on purpose")
        case "sleep":
            let milliseconds = words.dropFirst().first.flatMap { Int($0) } ?? 0
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return .ok(["slept": .int(milliseconds), "cancelled": .bool(Task.isCancelled)])
        default: return .ok(["command": .string(text)])
        }
    }

    init(socketName: String = "run/control.sock",
         configure: (inout ControlServerConfiguration) -> Void = { _ in }) async throws {
        directory = try TemporaryDirectory()
        var configuration = ControlServerConfiguration()
        configure(&configuration)
        let requests = requests
        do {
            server = try await ControlServer.start(path: directory.child(socketName), configuration: configuration) {
                request in
                requests.withLock { $0.append(request) }
                return await Self.handle(request)
            }
        } catch {
            directory.remove()
            throw error
        }
    }

    var handledCount: Int { requests.withLock { $0.count } }

    func stop() async {
        await server.shutdown()
        directory.remove()
    }
}

/// Runs `body` with a fresh server and always shuts it down.
func withTestServer(
    configure: (inout ControlServerConfiguration) -> Void = { _ in },
    _ body: (TestServer) async throws -> Void
) async throws {
    let server = try await TestServer(configure: configure)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}
