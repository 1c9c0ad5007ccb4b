import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `switchboard daemon` started by a test, with its own runtime directory,
/// stopped (SIGTERM, then SIGKILL) when the test is done, even on failure.
public final class DaemonProcess {
    public let socket: String
    public let runtimeDirectory: String
    public let logPath: String
    let process: Process

    public init(arguments: [String], name: String = "daemon") throws {
        runtimeDirectory = try RuntimeDirectory().path
        socket = runtimeDirectory + "/\(name).sock"
        logPath = runtimeDirectory + "/\(name).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process = Process()
        process.executableURL = BuiltProducts.executable("switchboard")
        process.arguments = ["daemon", "--socket", socket] + arguments
        process.environment = Self.environment(runtime: runtimeDirectory)
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    public static func environment(runtime: String) -> [String: String] {
        ["HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": runtime,
         "XDG_STATE_HOME": runtime + "/state", "XDG_DATA_HOME": runtime + "/data", "PATH": "/usr/bin:/bin"]
    }

    /// The environment of this daemon, for commands that talk to it.
    public var environment: [String: String] { Self.environment(runtime: runtimeDirectory) }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Waits until the socket file exists and the log says it serves it.
    public func waitUntilServing(timeout: Duration = .seconds(20)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if !process.isRunning { throw HarnessError("daemon exited (\(process.terminationStatus)): \(log)") }
            if FileManager.default.fileExists(atPath: socket), log.contains("serving") { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("daemon did not serve \(socket) within \(timeout): \(log)")
    }

    /// Waits until it serves its socket, then until its account is
    /// registered (asked through the socket with `state --wait`).
    public func waitUntilRegistered(timeout: Duration = .seconds(15)) async throws {
        try await waitUntilServing()
        let arguments = ["state", "--socket", socket, "--wait", "registered:\(max(1, timeout.components.seconds))"]
        let environment = environment
        // off the cooperative pool: the run blocks its thread until `state` exits
        let state = try await Task.detached {
            try ExternalProcess.run(BuiltProducts.executable("switchboard").path, arguments,
                                    timeout: timeout + .seconds(15), environment: environment)
        }.value
        guard state.status == 0 else {
            throw HarnessError("daemon not registered within \(timeout) (state exited \(state.status)): \(state.stderr)\n\(log)")
        }
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// SIGTERM, then waits for the exit status (SIGKILL after `timeout`).
    @discardableResult
    public func terminate(timeout: Duration = .seconds(15)) -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(process.processIdentifier, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: runtimeDirectory)
    }
}

/// A raw Unix-domain socket for feeding a control socket bytes no client would send.
public final class RawUnixSocket {
    let fd: Int32

    public init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw HarnessError("path too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { close(fd); throw HarnessError("connect \(path): errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Writes everything; false when the peer closed.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// Reads one line (without the newline); nil on close or timeout.
    public func readLine() -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) == 1 {
            if byte == 0x0A { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return nil
    }

    /// True when the peer closed the connection (read returns 0 or an error).
    public func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        while true {
            let count = recv(fd, &byte, 1, 0)
            if count == 0 { return true }
            if count < 0 { return errno != EAGAIN && errno != EWOULDBLOCK }
        }
    }
}
