import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished command left behind.
public struct ProcessOutput: Sendable {
    /// Exit status; 128 + N when signal N ended the process.
    public let status: Int32
    public let stdout: String
    public let stderr: String
    /// The command ran out of time and was killed (with its process group).
    public let timedOut: Bool

    public var succeeded: Bool { status == 0 && !timedOut }
}

/// Runs a command to completion with a time limit and captures its output.
///
/// The child gets stdin from /dev/null, its own process group (a timeout
/// kills the group, so helpers it forked die too) and default signal
/// handling, and inherits no descriptor but 0, 1 and 2. Output goes to
/// unlinked temporary files rather than pipes: a daemon the command leaves
/// running cannot hold a pipe open and make us wait for end-of-file.
public enum ExternalProcess {
    /// - Parameters:
    ///   - executable: a path, or a name looked up in PATH.
    ///   - input: written to the child's stdin (default: /dev/null).
    public static func run(
        _ executable: String,
        _ arguments: [String] = [],
        timeout: Duration = .seconds(60),
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        input: String? = nil
    ) throws -> ProcessOutput {
        let stdout = try UnlinkedFile()
        let stderr = try UnlinkedFile()
        let stdin = try input.map { text in
            let file = try UnlinkedFile()
            try file.write(text)
            return file
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin.fd, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdout.fd, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.fd, 2)
        // Close whatever else is open (glibc ignores descriptors that are
        // already gone by the time the child runs).
        for fd in openDescriptors() where fd > 2 {
            posix_spawn_file_actions_addclose(&actions, fd)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        // posix_spawn_file_actions_addchdir_np is not visible from Swift;
        // coreutils' env changes the directory instead.
        let command = workingDirectory.map { ["env", "-C", $0, executable] + arguments }
            ?? [executable] + arguments
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envStrings = environment.map { env in env.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { envStrings?.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = envStrings.map { envp in
            posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        } ?? posix_spawnp(&pid, command[0], &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw HarnessError("cannot run \(executable): \(String(cString: strerror(spawned)))")
        }

        let (status, timedOut) = waitForExit(pid, timeout: timeout)
        return ProcessOutput(status: status, stdout: try stdout.contents(),
                             stderr: try stderr.contents(), timedOut: timedOut)
    }

    /// Polls for the child's exit (a blocked waitpid could not time out);
    /// on timeout kills its process group and reaps it.
    private static func waitForExit(_ pid: pid_t, timeout: Duration) -> (Int32, Bool) {
        let deadline = ContinuousClock.now + timeout
        var pause: Duration = .milliseconds(1)
        var raw: Int32 = 0
        while true {
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid { return (decode(raw), false) }
            if result == -1 && errno != EINTR { return (-1, false) }
            if ContinuousClock.now >= deadline { break }
            Thread.sleep(forTimeInterval: pause.seconds)
            pause = min(pause * 2, .milliseconds(20))
        }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
        return (decode(raw), true)
    }

    /// The wait status macros (WIFEXITED...) are not imported into Swift.
    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }
    }
}

/// A temporary file that has no name: it disappears with its descriptor.
private final class UnlinkedFile {
    let fd: Int32

    init() throws {
        var template = Array("\(FileManager.default.temporaryDirectory.path)/switchboard-io.XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw HarnessError("mkstemp failed: errno \(errno)") }
        unlink(template)
        // not inherited by processes other threads spawn meanwhile
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        self.fd = fd
    }

    deinit { close(fd) }

    func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw HarnessError("write to a temporary file failed: errno \(errno)") }
            offset += n
        }
        lseek(fd, 0, SEEK_SET)
    }

    func contents() throws -> String {
        lseek(fd, 0, SEEK_SET)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw HarnessError("read of captured output failed: errno \(errno)") }
            if n == 0 { break }
            data += buffer[0..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }
}
