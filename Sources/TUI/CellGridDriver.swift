/// A terminal in memory for tests: draws into a `CellGrid` and reads input
/// from a queue the test fills. Counts what was drawn so tests can check
/// that only visible rows cost anything.
public final class CellGridDriver: TerminalDriver {
    public private(set) var grid: CellGrid
    /// The frame as it was at the last `refresh` (what a user would see).
    public private(set) var shown: CellGrid
    public private(set) var cursor: (row: Int, column: Int)?
    public private(set) var bells = 0
    /// `put` calls since the last `clear`.
    public private(set) var putsSinceClear = 0
    /// Input batches `readInput` hands out, one batch per call.
    public var pendingInput: [[TerminalInput]] = []

    public init(size: TerminalSize) {
        grid = CellGrid(size: size)
        shown = grid
    }

    public var size: TerminalSize { grid.size }

    /// Changes the size (as a terminal window resize would) and queues the
    /// matching input, as curses does with KEY_RESIZE.
    public func resize(to size: TerminalSize) {
        grid = CellGrid(size: size)
        pendingInput.append([.resize(size)])
    }

    public func clear() {
        grid.clear()
        putsSinceClear = 0
    }

    public func put(_ text: String, row: Int, column: Int, style: TextStyle) {
        putsSinceClear += 1
        grid.put(text, row: row, column: column, style: style)
    }

    public func setCursor(_ position: (row: Int, column: Int)?) { cursor = position }

    public func refresh() { shown = grid }

    public func bell() { bells += 1 }

    public func readInput(timeout: Duration?) -> [TerminalInput] {
        pendingInput.isEmpty ? [] : pendingInput.removeFirst()
    }

    /// The last shown frame, framed, for snapshot comparison.
    public func screen() -> String { shown.framed() }
}
