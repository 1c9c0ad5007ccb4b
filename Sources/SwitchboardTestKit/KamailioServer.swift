import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A test account of the Kamailio server (scripts/kamailio/users.txt).
public struct SIPAccount: Sendable, Hashable {
    public let user: String
    public let password: String
}

/// A private Kamailio (registrar, digest auth, proxy, presence server) on
/// 127.0.0.1, started by scripts/servers/kamailio on ports of its own, so
/// that tests can run in parallel. Prefer `withKamailio`, which always stops
/// it.
public struct KamailioServer: Sendable {
    public let pid: Int32
    /// UDP and TCP share this port.
    public let udpPort: UInt16
    public let tcpPort: UInt16
    /// nil when the Kamailio TLS module is not installed.
    public let tlsPort: UInt16?
    /// The XCAP server (RFC 4825, plain HTTP) on a TCP port of its own.
    public let xcapPort: UInt16
    /// `http://127.0.0.1:PORT/xcap-root`: documents of a user live under
    /// `<root>/<auid>/users/sip:USER@DOMAIN/index`, readable and writable by
    /// that user only (HTTP digest, same passwords as SIP).
    public let xcapRoot: String
    /// Whether the presence server enforces pres-rules (RFC 5025): without,
    /// every watcher is allowed; with, a watcher needs an allow rule.
    public let watcherAuthorization: Bool
    /// The SIP domain of the accounts, e.g. "example.test".
    public let domain: String
    public let stateDir: URL
    public let logPath: URL
    /// The CA that signed the server's TLS certificate (PEM), if TLS is on.
    public let caFile: URL?
    public let accounts: [SIPAccount]

    static let script = Repository.scripts("servers/kamailio")

    /// Starts a server with a fresh state directory under the temporary
    /// directory. It is tied to this test process: if the process dies, the
    /// server is stopped. `debug` makes it log every request and reply;
    /// `watcherAuthorization` makes it enforce the users' pres-rules.
    public static func start(debug: Bool = false, watcherAuthorization: Bool = false,
                             timeout: Duration = .seconds(300)) throws -> KamailioServer {
        let state = try makeTemporaryDirectory(prefix: "switchboard-kamailio")
        var arguments = ["start", "--state", state.path, "--owner-pid", String(getpid())]
        if debug { arguments.append("--debug") }
        if watcherAuthorization { arguments.append("--watcher-auth") }
        // The limit covers a first-time package install; a start on a
        // prepared machine takes about a second.
        let output = try ExternalProcess.run(script.path, arguments, timeout: timeout)
        guard output.succeeded else {
            throw HarnessError("""
                kamailio did not start (status \(output.status)\(output.timedOut ? ", timed out" : "")); \
                state kept in \(state.path)
                \(output.stderr)
                """)
        }
        do {
            return try decode(output.stdout, watcherAuthorization: watcherAuthorization)
        } catch {
            _ = try? ExternalProcess.run(script.path, ["stop", "--state", state.path], timeout: .seconds(30))
            throw HarnessError("unexpected output of \(script.path) start: \(output.stdout)")
        }
    }

    /// Stops the server and starts it again on the same UDP/TCP port (with
    /// empty registrar and presence state, as after a real restart).
    public func restart(timeout: Duration = .seconds(60)) throws -> KamailioServer {
        try stop()
        var arguments = ["start", "--state", stateDir.path, "--owner-pid", String(getpid()), "--port", String(udpPort)]
        if watcherAuthorization { arguments.append("--watcher-auth") }
        let output = try ExternalProcess.run(Self.script.path, arguments, timeout: timeout)
        guard output.succeeded else {
            throw HarnessError("kamailio did not restart on port \(udpPort): \(output.stderr)")
        }
        return try Self.decode(output.stdout, watcherAuthorization: watcherAuthorization)
    }

    /// Stops the server and waits until its process is gone (and its ports
    /// are free). Safe to call twice.
    public func stop() throws {
        let output = try ExternalProcess.run(Self.script.path, ["stop", "--state", stateDir.path],
                                             timeout: .seconds(60))
        guard output.succeeded else {
            throw HarnessError("stopping kamailio (pid \(pid)) failed: \(output.stderr)")
        }
    }

    /// Deletes the state directory (database, certificates, log).
    public func removeStateDirectory() {
        try? FileManager.default.removeItem(at: stateDir)
    }

    public func account(_ user: String) -> SIPAccount? {
        accounts.first { $0.user == user }
    }

    /// The last lines of the server's log.
    public func logTail(lines: Int = 40) -> String {
        guard let data = FileManager.default.contents(atPath: logPath.path) else { return "(no log)" }
        return String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .suffix(lines).joined(separator: "\n")
    }

    private struct Started: Decodable {
        let pid: Int32
        let udpPort: UInt16
        let tcpPort: UInt16
        let tlsPort: UInt16?
        let xcapPort: UInt16
        let xcapRoot: String
        let domain: String
        let stateDir: String
        let log: String
        let caFile: String?
    }

    private static func decode(_ stdout: String, watcherAuthorization: Bool) throws -> KamailioServer {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let started = try decoder.decode(Started.self, from: Data(stdout.utf8))
        return KamailioServer(
            pid: started.pid, udpPort: started.udpPort, tcpPort: started.tcpPort,
            tlsPort: started.tlsPort, xcapPort: started.xcapPort, xcapRoot: started.xcapRoot,
            watcherAuthorization: watcherAuthorization, domain: started.domain,
            stateDir: URL(fileURLWithPath: started.stateDir, isDirectory: true),
            logPath: URL(fileURLWithPath: started.log),
            caFile: started.caFile.map { URL(fileURLWithPath: $0) },
            accounts: try readAccounts())
    }

    private static func readAccounts() throws -> [SIPAccount] {
        let text = try String(contentsOf: Repository.scripts("kamailio/users.txt"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, !fields[0].hasPrefix("#") else { return nil }
            return SIPAccount(user: String(fields[0]), password: String(fields[1]))
        }
    }
}

/// Runs `body` against a fresh Kamailio and always stops the server, also
/// when `body` throws. When it throws, the log path and the last log lines
/// go to stderr and the state directory is kept; otherwise it is deleted
/// (set SWITCHBOARD_KEEP_STATE=1 to keep it anyway). Expectations that
/// should keep the log must throw: use `try #require(...)`.
public func withKamailio<T>(
    debug: Bool = false,
    watcherAuthorization: Bool = false,
    _ body: (KamailioServer) async throws -> T
) async throws -> T {
    let server = try await offThePool {
        try KamailioServer.start(debug: debug, watcherAuthorization: watcherAuthorization)
    }
    let result: T
    do {
        result = try await body(server)
    } catch {
        harnessLog("""
            test failed with kamailio (pid \(server.pid), udp/tcp \(server.udpPort)): \(error)
            kept log: \(server.logPath.path)
            \(server.logTail())
            """)
        do {
            try await offThePool { try server.stop() }
        } catch let stopError {
            harnessLog("\(stopError)")
        }
        throw error
    }
    try await offThePool { try server.stop() }
    if ProcessInfo.processInfo.environment["SWITCHBOARD_KEEP_STATE"] != "1" {
        server.removeStateDirectory()
    }
    return result
}
