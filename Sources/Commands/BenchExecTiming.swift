import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `bench register --from-exec`: time from the exec of a fresh process, the
/// way a registrar-side capture times baresip, instead of from `main` (which
/// leaves out loading and linking the libraries and starting the runtime).
/// The bench starts itself again with the time it took just before
/// `posix_spawn` in the environment; the child reports registered minus that.
enum BenchExecTiming {
    static let variable = "SWITCHBOARD_BENCH_EXEC_NS"

    /// CLOCK_MONOTONIC is one clock for the whole system on Linux, so two
    /// processes can subtract each other's readings.
    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Milliseconds since the parent spawned this process, when it did.
    static func millisecondsSinceExec(environment: [String: String]) -> Double? {
        guard let text = environment[variable], let spawned = UInt64(text) else { return nil }
        let now = monotonicNanoseconds()
        guard now >= spawned else { return nil }
        return Double(now - spawned) / 1e6
    }

    /// Runs this program again with `arguments` (stdout and stderr shared),
    /// waits for it and returns its exit status.
    static func respawn(arguments: [String], environment: [String: String]) throws(CommandFailure) -> Int32 {
        var childEnvironment = environment
        childEnvironment[variable] = String(monotonicNanoseconds())
        let pid: pid_t
        switch SelfSpawn.start(arguments: arguments, environment: childEnvironment) {
        case .success(let started): pid = started
        case .failure(let error):
            throw CommandFailure(.usageOrIO, "cannot start the timed process: \(String(cString: strerror(error.code)))")
        }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
        return (exitStatus >> 8) & 0xff
    }
}
