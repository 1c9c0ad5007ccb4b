#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system side of the control socket: its directory, stale sockets,
/// and removing only our own socket on shutdown. Blocking system calls, done
/// once at start and once at stop.
enum ControlSocketFile {
    /// `sun_path` holds this many bytes before its terminating NUL.
    static let maxPathBytes: Int = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// Identifies one socket file, so that shutdown removes ours and not the
    /// socket of an instance that replaced it. The change time is there
    /// because file systems hand a freed inode number straight to the next
    /// file; two sockets created in the same clock tick at the same inode
    /// still look alike, which would take an unlink and a bind within a few
    /// milliseconds of our start.
    struct Identity: Sendable, Hashable {
        let device: UInt64
        let inode: UInt64
        let changeSeconds: Int
        let changeNanoseconds: Int
    }

    enum Probe: Sendable, Hashable {
        case absent
        /// A socket file nobody accepts on.
        case stale
        /// Something accepted, or is too busy to (a full backlog).
        case live
        case notASocket
    }

    static func checkLength(_ path: String) throws(ControlServerError) {
        guard path.utf8.count <= maxPathBytes else {
            throw .pathTooLong(path: path, limit: maxPathBytes)
        }
    }

    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// Creates the socket's directory (and missing ancestors) with mode 0700,
    /// then checks that only we can get into it: a real directory, not a
    /// symlink someone could repoint, owned by us, without group or other
    /// permissions. The socket's own mode is not enough on every system, and
    /// the directory keeps others out between bind and chmod.
    static func prepareDirectory(for socketPath: String) throws(ControlServerError) {
        let directory = parentDirectory(of: socketPath)
        try createMissingDirectories(directory)
        var info = stat()
        guard lstat(directory, &info) == 0 else { throw systemError("lstat", directory) }
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK {
            throw .unsafeDirectory(path: directory, reason: "it is a symbolic link")
        }
        guard type == S_IFDIR else {
            throw .unsafeDirectory(path: directory, reason: "it is not a directory")
        }
        guard info.st_uid == geteuid() else {
            throw .unsafeDirectory(path: directory, reason: "it is owned by uid \(info.st_uid), not \(geteuid())")
        }
        let permissions = info.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw .unsafeDirectory(
                path: directory,
                reason: "its mode is \(octal(permissions)); group and others must have no access (chmod 700)")
        }
    }

    private static func createMissingDirectories(_ directory: String) throws(ControlServerError) {
        var missing: [String] = []
        var current = directory
        var info = stat()
        while lstat(current, &info) != 0 {
            guard errno == ENOENT else { throw systemError("lstat", current) }
            missing.append(current)
            let parent = parentDirectory(of: current)
            if parent == current { break }
            current = parent
        }
        for path in missing.reversed() {
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw systemError("mkdir", path) }
            // mkdir's mode passes through the umask; say exactly what we mean.
            guard chmod(path, 0o700) == 0 else { throw systemError("chmod", path) }
        }
    }

    /// What is at `path` now. Connecting is the only reliable test for a
    /// live server: a socket file outlives the process that bound it.
    static func probe(_ path: String) -> Probe {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .absent }
        guard info.st_mode & S_IFMT == S_IFSOCK else { return .notASocket }
        let descriptor = socket(AF_UNIX, streamSocketType, 0)
        guard descriptor >= 0 else { return .live }  // cannot tell: do not delete
        defer { close(descriptor) }
        // Non-blocking, so a server with a full backlog answers EAGAIN
        // instead of keeping us waiting.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        let result = withSocketAddress(path) { address, length in
            connect(descriptor, address, length)
        }
        if result == 0 { return .live }
        switch errno {
        case ECONNREFUSED: return .stale
        case ENOENT: return .absent
        default: return .live
        }
    }

    /// Makes `path` free to bind: removes a stale socket, refuses anything else.
    static func claim(_ path: String) throws(ControlServerError) {
        switch probe(path) {
        case .absent:
            return
        case .stale:
            guard unlink(path) == 0 || errno == ENOENT else { throw systemError("unlink", path) }
        case .live:
            throw .anotherInstanceRunning(path: path)
        case .notASocket:
            throw .notASocket(path: path)
        }
    }

    /// Binds a socket at `path`, gives the file mode 0600, and only then
    /// listens, so that nobody can connect before the mode is right. We bind
    /// the socket ourselves rather than let NIO do it because NIO unlinks the
    /// path when it closes a socket it bound, whatever socket is there by then,
    /// and we want to remove only our own.
    static func bindAndListen(_ path: String, backlog: Int32) throws(ControlServerError) -> Int32 {
        let descriptor = socket(AF_UNIX, streamSocketType, 0)
        guard descriptor >= 0 else { throw systemError("socket", path) }
        let bound = withSocketAddress(path) { address, length in bind(descriptor, address, length) }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            // Someone bound the path between our probe and our bind.
            if code == EADDRINUSE { throw .anotherInstanceRunning(path: path) }
            throw systemError("bind", path, errno: code)
        }
        guard chmod(path, 0o600) == 0 else {
            let error = systemError("chmod", path)
            close(descriptor)
            unlink(path)
            throw error
        }
        guard listen(descriptor, backlog) == 0 else {
            let error = systemError("listen", path)
            close(descriptor)
            unlink(path)
            throw error
        }
        return descriptor
    }

    static func identity(of path: String) -> Identity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let changed = info.st_ctimespec
        #else
        let changed = info.st_ctim
        #endif
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                        changeSeconds: Int(changed.tv_sec), changeNanoseconds: Int(changed.tv_nsec))
    }

    /// Removes the socket if it is still the one we bound.
    static func remove(_ path: String, ifStill identity: Identity?) {
        guard let identity, self.identity(of: path) == identity else { return }
        unlink(path)
    }

    /// Calls `body` with a `sockaddr_un` for `path` (which must fit; see `checkLength`).
    static func withSocketAddress<Result>(
        _ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
    ) -> Result {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8.prefix(maxPathBytes))
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                body(generic, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    #if os(Linux)
    static let streamSocketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
    static let streamSocketType = SOCK_STREAM
    #endif

    static func systemError(_ operation: String, _ path: String, errno code: Int32 = errno) -> ControlServerError {
        .systemError(operation: operation, path: path, errno: code, message: String(cString: strerror(code)))
    }

    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
