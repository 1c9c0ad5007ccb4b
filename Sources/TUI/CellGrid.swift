/// One cell of a screen: a grapheme cluster and how it looks. A character
/// two cells wide lives in its first cell (`width` 2) and leaves a
/// continuation cell (`width` 0) after it, as on a real terminal.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: Int
    public var style: TextStyle

    public static let blank = Cell(text: " ", width: 1, style: TextStyle(.background))
    static let continuation = Cell(text: "", width: 0, style: TextStyle(.background))
}

/// A screen in memory: what `CellGridDriver` draws into, and what snapshot
/// tests compare.
public struct CellGrid: Sendable, Hashable {
    public private(set) var size: TerminalSize
    private var cells: [Cell]

    public init(size: TerminalSize) {
        self.size = size
        cells = Array(repeating: .blank, count: size.rows * size.columns)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * size.columns + column]
    }

    public mutating func clear() {
        for index in cells.indices { cells[index] = .blank }
    }

    /// Writes text like a terminal would: clipped at the right edge, never
    /// half a wide character; overwriting half of an existing wide character
    /// blanks its other half.
    public mutating func put(_ text: String, row: Int, column: Int, style: TextStyle) {
        guard row >= 0, row < size.rows, column >= 0 else { return }
        var column = column
        for character in TextWidth.sanitized(text) {
            let width = TextWidth.cells(character)
            guard column + width <= size.columns else { return }
            for offset in 0..<width { breakWideCharacter(row: row, column: column + offset) }
            set(row, column, Cell(text: String(character), width: width, style: style))
            for offset in 1..<max(1, width) {
                set(row, column + offset, Cell(text: "", width: 0, style: style))
            }
            column += width
        }
    }

    /// The row as text, continuation cells left out (so a wide character
    /// shows once), trailing spaces kept.
    public func line(_ row: Int) -> String {
        var result = ""
        for column in 0..<size.columns where self[row, column].width > 0 {
            result += self[row, column].text
        }
        return result
    }

    /// The whole screen in a frame, for snapshot files: the frame shows the
    /// exact width even where rows end in spaces.
    public func framed() -> String {
        let edge = "+" + String(repeating: "-", count: size.columns) + "+"
        var lines = [edge]
        for row in 0..<size.rows { lines.append("|" + line(row) + "|") }
        lines.append(edge)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One letter per cell naming its role (uppercase when highlighted), for
    /// tests that check colours without a terminal.
    public func roleLine(_ row: Int) -> String {
        var result = ""
        for column in 0..<size.columns {
            let style = self[row, column].style
            let letter = Self.roleLetters[style.role] ?? "?"
            result += style.highlighted ? letter.uppercased() : letter
        }
        return result
    }

    static let roleLetters: [StyleRole: String] = [
        .background: ".", .text: "t", .dim: "d", .accent: "a", .available: "v", .away: "w",
        .busy: "b", .onThePhone: "p", .offline: "o", .unknown: "u", .error: "e",
    ]

    private mutating func set(_ row: Int, _ column: Int, _ cell: Cell) {
        cells[row * size.columns + column] = cell
    }

    /// Before a cell is overwritten, blank whatever wide character it was part of.
    private mutating func breakWideCharacter(row: Int, column: Int) {
        let cell = self[row, column]
        if cell.width == 0 {
            var lead = column - 1
            while lead > 0 && self[row, lead].width == 0 { lead -= 1 }
            let leadWidth = self[row, lead].width
            for index in lead..<min(size.columns, lead + max(1, leadWidth)) where index != column {
                set(row, index, Cell(text: " ", width: 1, style: self[row, index].style))
            }
        } else if cell.width > 1 {
            for index in (column + 1)..<min(size.columns, column + cell.width) {
                set(row, index, Cell(text: " ", width: 1, style: cell.style))
            }
        }
    }
}
