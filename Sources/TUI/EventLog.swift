import Foundation

/// One line of the event pane.
public struct LogLine: Sendable, Equatable {
    public var time: Date
    public var text: String
    public var role: StyleRole

    public init(time: Date, text: String, role: StyleRole) {
        self.time = time
        self.text = text
        self.role = role
    }
}

/// The event pane's lines, newest last, bounded so a chatty server cannot
/// grow memory without end. `scrollBack` is how many lines the view is
/// above the newest; 0 means it follows new lines.
public struct EventLog: Sendable, Equatable {
    public private(set) var lines: [LogLine] = []
    public private(set) var scrollBack = 0
    /// Lines dropped from the top so far (shown as a hint when scrolled there).
    public private(set) var dropped = 0
    public static let capacity = 2000

    public init() {}

    mutating func append(_ line: LogLine) {
        lines.append(line)
        // Keep the view still while the user reads older lines.
        if scrollBack > 0 { scrollBack += 1 }
        // Trim in batches so appends stay cheap.
        if lines.count > Self.capacity + 200 {
            let excess = lines.count - Self.capacity
            lines.removeFirst(excess)
            dropped += excess
        }
        clamp(visibleRows: nil)
    }

    mutating func scroll(by delta: Int, visibleRows: Int) {
        scrollBack += delta
        clamp(visibleRows: visibleRows)
    }

    mutating func follow() { scrollBack = 0 }

    mutating func scrollToOldest(visibleRows: Int) {
        scrollBack = lines.count
        clamp(visibleRows: visibleRows)
    }

    mutating func clamp(visibleRows: Int?) {
        let maximum = max(0, lines.count - max(1, visibleRows ?? 1))
        scrollBack = min(max(0, scrollBack), maximum)
    }

    /// The lines a view of `rows` rows shows, oldest first.
    public func visible(rows: Int) -> ArraySlice<LogLine> {
        guard rows > 0 else { return [] }
        let end = max(0, lines.count - scrollBack)
        return lines[max(0, end - rows)..<end]
    }
}
