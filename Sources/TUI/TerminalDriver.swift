/// What the views need from a terminal: a grid of cells to put styled text
/// into, and a source of input. `CursesDriver` is the real terminal,
/// `CellGridDriver` an in-memory one for tests.
///
/// A driver belongs to one thread (curses is not thread-safe), so the
/// protocol is deliberately not `Sendable`; other threads reach the UI
/// through `TUIInbox`.
public protocol TerminalDriver: AnyObject {
    var size: TerminalSize { get }

    /// Blanks the whole screen (in the background role) for a new frame.
    func clear()

    /// Writes `text` starting at `row`/`column`. Text past the right edge is
    /// dropped, and a wide character that would straddle the edge is not
    /// drawn; callers fit text to their pane first (`TextWidth.fit`).
    func put(_ text: String, row: Int, column: Int, style: TextStyle)

    /// Where the text cursor should blink (the prompt), or nil to hide it.
    func setCursor(_ position: (row: Int, column: Int)?)

    /// Shows the frame drawn since `clear`.
    func refresh()

    /// Rings the terminal bell.
    func bell()

    /// Waits until there is input, `wake` is called on the inbox side, or
    /// `timeout` passes (nil: no timeout), and returns what arrived (possibly
    /// nothing after a wake or timeout).
    func readInput(timeout: Duration?) -> [TerminalInput]
}
