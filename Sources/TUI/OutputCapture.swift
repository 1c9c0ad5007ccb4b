import CCursesShim
import Foundation

/// While the screen is ours, file descriptors 1 and 2 point into a pipe
/// whose lines go to the event pane; curses writes to a duplicate of the
/// real terminal. Without this, any log line or stray print from a library
/// would be written over the screen. `restore` puts 1 and 2 back.
final class OutputCapture {
    /// The terminal, for curses: duplicates of the original stdin/stdout.
    let terminalIn: Int32
    let terminalOut: Int32
    let pipeRead: Int32
    private let savedOut: Int32
    private let savedError: Int32
    private var pending: [UInt8] = []
    private var restored = false

    init() throws(TUIError) {
        var fds: [Int32] = [-1, -1]
        guard sh_nonblocking_pipe(&fds) == 0 else {
            throw .system("cannot create the output pipe: \(String(cString: strerror(errno)))")
        }
        fflush(nil)
        terminalIn = dup(STDIN_FILENO)
        terminalOut = dup(STDOUT_FILENO)
        savedOut = dup(STDOUT_FILENO)
        savedError = dup(STDERR_FILENO)
        pipeRead = fds[0]
        // Writers block when the pipe is full rather than lose lines (the UI
        // thread, which drains it, never writes to 1 or 2 itself).
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) & ~O_NONBLOCK)
        dup2(fds[1], STDOUT_FILENO)
        dup2(fds[1], STDERR_FILENO)
        close(fds[1])
    }

    /// Complete lines written since the last call (a partial last line waits).
    func readLines() -> [String] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(pipeRead, &buffer, buffer.count)
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[0..<count])
        }
        var lines: [String] = []
        while let newline = pending.firstIndex(of: 10) {
            lines.append(String(decoding: pending[..<newline], as: UTF8.self))
            pending.removeSubrange(...newline)
        }
        if pending.count > 4096 {   // a huge line without newline: show it in pieces
            lines.append(String(decoding: pending, as: UTF8.self))
            pending.removeAll()
        }
        return lines
    }

    /// Points 1 and 2 at the terminal again; what was still in the pipe is
    /// written there so nothing is lost.
    func restore() {
        guard !restored else { return }
        restored = true
        fflush(nil)
        let leftover = readLines() + (pending.isEmpty ? [] : [String(decoding: pending, as: UTF8.self)])
        dup2(savedOut, STDOUT_FILENO)
        dup2(savedError, STDERR_FILENO)
        for fd in [savedOut, savedError, pipeRead] { close(fd) }
        for line in leftover {
            let text = line + "\n"
            _ = text.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        }
    }

    deinit { restore() }
}
