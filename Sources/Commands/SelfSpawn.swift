#if canImport(Glibc)
import Glibc
#endif

/// Starts this program again (`/proc/self/exe`), as `daemon --detach` and
/// `bench register --from-exec` do: the C argument and environment arrays
/// are built and freed here, once.
enum SelfSpawn {
    struct Failure: Error { let code: Int32 }

    static func start(arguments: [String], environment: [String: String],
                      actions: UnsafePointer<posix_spawn_file_actions_t>? = nil,
                      attributes: UnsafePointer<posix_spawnattr_t>? = nil) -> Result<pid_t, Failure> {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        let status = posix_spawn(&pid, "/proc/self/exe", actions, attributes, argv, envp)
        return status == 0 ? .success(pid) : .failure(Failure(code: status))
    }
}
