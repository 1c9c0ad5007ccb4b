import Synchronization

/// Collects what a command writes and passes it on a line at a time (a
/// command may write half a line per call; the event pane shows lines).
final class CommandOutputLines: Sendable {
    private let pending = Mutex("")
    private let emit: @Sendable (String) -> Void

    init(emit: @escaping @Sendable (String) -> Void) {
        self.emit = emit
    }

    func write(_ text: String) {
        let complete: String? = pending.withLock { buffer in
            buffer += text
            guard let lastNewline = buffer.lastIndex(of: "\n") else { return nil }
            let lines = String(buffer[..<lastNewline])
            buffer = String(buffer[buffer.index(after: lastNewline)...])
            return lines
        }
        if let complete { emit(complete) }
    }

    /// Passes on a last line that had no newline.
    func flush() {
        let rest = pending.withLock { buffer in
            defer { buffer = "" }
            return buffer
        }
        if !rest.isEmpty { emit(rest) }
    }
}
