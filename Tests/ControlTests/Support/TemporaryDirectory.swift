import Foundation

/// A fresh directory under /tmp, short enough that socket paths inside it
/// fit in `sockaddr_un`, removed again by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/sbctl.XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        path = String(cString: created)
    }

    /// A path inside the directory (nothing is created).
    func child(_ name: String) -> String { path + "/" + name }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The permission bits and owner of a path, or nil when it does not exist.
func fileMode(_ path: String) -> (mode: mode_t, uid: uid_t, type: mode_t)? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    return (info.st_mode & 0o7777, info.st_uid, info.st_mode & S_IFMT)
}

/// Waits until `condition` holds, checking every few milliseconds; false
/// when `timeout` passes first.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
