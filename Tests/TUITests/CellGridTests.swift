import Testing
@testable import TUI

/// The in-memory terminal behaves like a real one at the edges.
@Suite struct CellGridTests {
    @Test func wideCharacterAtTheEdgeIsNotDrawn() {
        var grid = CellGrid(size: TerminalSize(rows: 1, columns: 5))
        grid.put("abc王小", row: 0, column: 0, style: .text)
        #expect(grid.line(0) == "abc王")
        grid.put("xy王", row: 0, column: 2, style: .text)
        #expect(grid.line(0) == "abxy ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(size: TerminalSize(rows: 1, columns: 6))
        grid.put("王小明", row: 0, column: 0, style: .text)
        grid.put("x", row: 0, column: 1, style: .text)   // right half of 王
        #expect(grid.line(0) == " x小明")
        grid.put("y", row: 0, column: 2, style: .text)   // left half of 小
        #expect(grid.line(0) == " xy 明")
    }

    @Test func writesOutsideTheScreenAreIgnored() {
        var grid = CellGrid(size: TerminalSize(rows: 2, columns: 3))
        grid.put("abc", row: 2, column: 0, style: .text)
        grid.put("abc", row: -1, column: 0, style: .text)
        grid.put("abc", row: 0, column: 3, style: .text)
        #expect(grid.framed() == "+---+\n|   |\n|   |\n+---+\n")
    }

    @Test func rolesAreRecordedPerCell() {
        var grid = CellGrid(size: TerminalSize(rows: 1, columns: 4))
        grid.put("●", row: 0, column: 0, style: TextStyle(.available))
        grid.put("王", row: 0, column: 1, style: TextStyle(.busy, highlighted: true))
        #expect(grid.roleLine(0) == "vBB.")
    }
}
