/// A terminal's size in cells.
public struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }

    public static let standard = TerminalSize(rows: 24, columns: 80)

    public var description: String { "\(columns)x\(rows)" }
}

/// A rectangle of cells on the screen.
public struct Rect: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public var height: Int
    public var width: Int

    public init(row: Int, column: Int, height: Int, width: Int) {
        self.row = row
        self.column = column
        self.height = max(0, height)
        self.width = max(0, width)
    }

    public var isEmpty: Bool { height <= 0 || width <= 0 }
    public var bottom: Int { row + height }
    public var right: Int { column + width }

    /// The rectangle without its first `count` rows.
    func droppingTop(_ count: Int) -> Rect {
        let dropped = min(count, height)
        return Rect(row: row + dropped, column: column, height: height - dropped, width: width)
    }
}
