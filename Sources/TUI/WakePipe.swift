import CCursesShim
import Foundation

/// A self-pipe: `signal()` from any thread makes the UI thread's poll()
/// return. Non-blocking on both ends, so a full pipe (a wake-up already
/// pending) is not an error.
final class WakePipe: Sendable {
    let readFD: Int32
    let writeFD: Int32

    init() throws(TUIError) {
        var fds: [Int32] = [-1, -1]
        guard sh_nonblocking_pipe(&fds) == 0 else {
            throw .system("cannot create the wake pipe: \(String(cString: strerror(errno)))")
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    func signal() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Empties the pipe (called by the UI thread after waking).
    func drain() {
        WakePipe.drain(readFD)
    }

    static func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(fd, &buffer, buffer.count) > 0 {}
    }

    deinit {
        close(readFD)
        close(writeFD)
    }
}
