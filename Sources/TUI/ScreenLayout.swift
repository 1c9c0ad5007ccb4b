/// Where everything goes for a terminal size. Pure, so every size can be
/// tested; the model uses it for page sizes, the renderer for drawing.
///
/// From large to small:
/// - Split (at least 60x10): buddies on the left, calls above events on the
///   right; the calls pane grows with the number of calls up to half the
///   column.
/// - Single (smaller): only the focused pane, with a tab line naming the
///   others (Tab switches). The events pane is the first to go, then calls,
///   in the sense that they are only shown when focused.
/// - Tiny (under 16 columns or 3 rows): only the bottom line, which says
///   the terminal is too small. Nothing is ever drawn outside the screen.
/// The status bar (second to last row) and the bottom line (prompt or key
/// hints) are always there when the screen has the rows for them.
public struct ScreenLayout: Sendable, Equatable {
    public enum Arrangement: Sendable, Equatable {
        case tiny
        case single(Pane)
        case split
    }

    public var arrangement: Arrangement
    /// Each visible pane's rectangle, including its one-row title.
    public var panes: [Pane: Rect]
    /// The column of the vertical rule between buddies and the right column.
    public var separatorColumn: Int?
    public var statusBar: Rect?
    public var bottomLine: Rect?

    static let splitMinimum = TerminalSize(rows: 10, columns: 60)
    static let tinyMinimum = TerminalSize(rows: 3, columns: 16)

    public static func compute(size: TerminalSize, focus: Pane, callCount: Int) -> ScreenLayout {
        var layout = ScreenLayout(arrangement: .tiny, panes: [:])
        guard size.rows > 0, size.columns > 0 else { return layout }
        layout.bottomLine = Rect(row: size.rows - 1, column: 0, height: 1, width: size.columns)
        guard size.rows >= tinyMinimum.rows, size.columns >= tinyMinimum.columns else { return layout }
        layout.statusBar = Rect(row: size.rows - 2, column: 0, height: 1, width: size.columns)
        let main = Rect(row: 0, column: 0, height: size.rows - 2, width: size.columns)

        guard size.rows >= splitMinimum.rows, size.columns >= splitMinimum.columns else {
            layout.arrangement = .single(focus)
            layout.panes[focus] = main
            return layout
        }
        layout.arrangement = .split
        let leftWidth = min(40, max(24, size.columns * 2 / 5))
        layout.panes[.buddies] = Rect(row: main.row, column: 0, height: main.height, width: leftWidth)
        layout.separatorColumn = leftWidth
        let right = Rect(row: main.row, column: leftWidth + 1, height: main.height, width: size.columns - leftWidth - 1)
        let callsHeight = min(1 + max(1, callCount), right.height / 2)
        layout.panes[.calls] = Rect(row: right.row, column: right.column, height: callsHeight, width: right.width)
        layout.panes[.events] = Rect(row: right.row + callsHeight, column: right.column,
                                     height: right.height - callsHeight, width: right.width)
        return layout
    }

    /// Rows of content a pane shows below its title (0 when hidden).
    public func contentRows(_ pane: Pane) -> Int {
        max(0, (panes[pane]?.height ?? 0) - 1)
    }
}
