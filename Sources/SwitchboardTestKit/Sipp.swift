import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// sipp's transport modes: one socket, over UDP or TCP.
public enum SippTransport: String, Sendable {
    case udp = "u1"
    case tcp = "t1"
}

/// Runs a sipp scenario as a client against `host:port` and returns sipp's
/// exit status (0: all calls passed) and output.
///
/// - Parameters:
///   - scenario: a file name in scripts/sipp ("options" or "options.xml"),
///     or a path containing "/".
///   - keys: values for the scenario's `[key]` placeholders (`-key k v`).
///   - arguments: further sipp arguments (e.g. `-s alice -au alice -ap ...`).
///   - timeout: sipp gives up after this and fails; the process is killed a
///     few seconds later if it still runs.
///
/// The local SIP port is a free one picked here unless `arguments` has
/// `-p`: left alone, sipp takes 5060 and, over TCP, fails when a parallel
/// sipp listens there. (Control and media ports sipp finds itself.)
public func runSipp(
    _ scenario: String,
    host: String = "127.0.0.1",
    port: UInt16,
    transport: SippTransport = .udp,
    calls: Int = 1,
    keys: [String: String] = [:],
    arguments: [String] = [],
    timeout: Duration = .seconds(30)
) async throws -> ProcessOutput {
    let file = scenario.contains("/")
        ? scenario
        : Repository.scripts("sipp/" + (scenario.hasSuffix(".xml") ? scenario : scenario + ".xml")).path
    guard FileManager.default.fileExists(atPath: file) else {
        throw HarnessError("no sipp scenario \(file)")
    }
    let limit = max(1, Int(timeout.seconds.rounded(.up)))
    var command = ["\(host):\(port)", "-sf", file, "-t", transport.rawValue, "-m", String(calls),
                   "-i", "127.0.0.1", "-nostdin", "-timeout", "\(limit)s", "-timeout_error"]
    for (key, value) in keys.sorted(by: { $0.key < $1.key }) {
        command += ["-key", key, value]
    }
    if !arguments.contains("-p") {
        command += ["-p", String(try LoopbackSocket.freePort())]
    }
    command += arguments
    let workingDirectory = FileManager.default.temporaryDirectory.path
    let sippArguments = command
    return try await offThePool {
        try ExternalProcess.run("sipp", sippArguments, timeout: timeout + .seconds(10),
                                workingDirectory: workingDirectory)
    }
}

/// sipp as a far end (a UAS scenario) in the background, on a free port; it
/// handles `calls` calls and exits. Killed when dropped, even on failure.
public final class SippServer {
    public let port: UInt16
    let process: Process
    let outputPath: String

    public init(_ scenario: String, calls: Int = 1, timeout: Duration = .seconds(60)) throws {
        let file = scenario.contains("/")
            ? scenario
            : Repository.scripts("sipp/" + (scenario.hasSuffix(".xml") ? scenario : scenario + ".xml")).path
        port = try LoopbackSocket.freePort()
        let mediaPort = try LoopbackSocket.freePort()
        outputPath = NSTemporaryDirectory() + "sb-sipp-\(UUID().uuidString.prefix(8)).log"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sipp")
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        process.arguments = ["-sf", file, "-m", String(calls), "-i", "127.0.0.1", "-p", String(port),
                             "-mp", String(mediaPort), "-t", "u1", "-nostdin",
                             "-timeout", "\(Int(timeout.seconds))s", "-timeout_error"]
        let log = FileHandle(forWritingAtPath: outputPath)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // sipp binds before it reads the scenario's first message; give it a moment
        usleep(300_000)
    }

    /// Waits for sipp to finish its calls; its exit status (0: all passed).
    public func wait(timeout: Duration = .seconds(30)) -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(atPath: outputPath)
    }
}
