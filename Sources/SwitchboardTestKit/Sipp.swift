import Foundation

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
