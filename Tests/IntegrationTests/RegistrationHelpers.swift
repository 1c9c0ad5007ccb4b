import Config
import Foundation
import PhoneCore
import SwitchboardTestKit

/// A password file as the config rules want it (0600), removed by the caller.
func passwordFile(_ password: String) throws -> String {
    let path = NSTemporaryDirectory() + "sb-pw-\(UUID().uuidString)"
    guard FileManager.default.createFile(atPath: path, contents: Data((password + "\n").utf8),
                                         attributes: [.posixPermissions: 0o600]) else {
        throw HarnessError("cannot write \(path)")
    }
    return path
}

/// An account resolved from flags and SWITCHBOARD_PASSWORD, as a script gives it.
func testAccount(_ user: String, password: String, proxy: String, transport: String = "udp",
                 caFile: String? = nil) throws -> ResolvedAccount {
    try resolveAccount(config: nil, name: nil,
                       overrides: AccountOverrides(aor: "sip:\(user)@example.test", proxy: proxy, transport: transport,
                                                   tlsCAFile: caFile),
                       environment: ["SWITCHBOARD_PASSWORD": password])
}

/// PhoneCore options with a short retry backoff so fault tests take seconds,
/// not minutes. T1 stays at the RFC's 500 ms: on two cores shared by many
/// parallel tests and servers, a shorter Timer F (64 × T1) can expire before a
/// busy Kamailio answers.
func fastOptions(t1: Duration = .milliseconds(500), retryBase: Duration = .milliseconds(300)) -> PhoneOptions {
    var options = PhoneOptions()
    options.timers = .init(t1: t1, t2: t1 * 8, t4: t1 * 10, timerD: t1 * 64)
    options.retryBase = retryBase
    options.retryMaximum = retryBase * 4
    // SWITCHBOARD_TEST_TRACE=1 prints every SIP message of the in-process stacks
    if ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_TRACE"] == "1" {
        options.traceHook = { record in
            FileHandle.standardError.write(Data("--- \(record.direction) \(record.remote)\n".utf8) + Data(record.octets))
        }
    }
    return options
}

/// CPU seconds (user + system) a process has used, from /proc.
func cpuSeconds(of pid: Int32) -> Double? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // after the command name: state is field 3, utime 14 and stime 15 (1-based)
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}
