import CCursesShim
import Foundation

/// The real terminal, through ncursesw. Create, use and close it on one
/// thread only (the UI thread): curses keeps global state and is not
/// thread-safe, which is why this class is not Sendable.
///
/// Input without polling: `readInput` sleeps in poll() on the terminal,
/// the wake pipe (the inbox), the signal pipe (SIGWINCH, SIGINT, SIGTERM,
/// SIGHUP) and the captured-output pipe, then drains `wget_wch` in nodelay
/// mode. Signals go through a pipe rather than curses' own SIGWINCH handler
/// because the kernel may deliver them to any thread (SwiftNIO's threads
/// exist before the UI starts, so the signal cannot be confined to ours).
public final class CursesDriver: TerminalDriver {
    public private(set) var size: TerminalSize
    /// Things the user should know about the terminal (not UTF-8, no colours).
    public private(set) var notes: [String] = []

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let palette: CursesPalette
    private let wakeFD: Int32
    private let signalRead: Int32
    private let signalWrite: Int32
    private let capture: OutputCapture
    private var terminalOpen = true
    private var cursor: (row: Int, column: Int)?
    private var closed = false

    /// Takes over the terminal.
    /// - Parameters:
    ///   - wakeFD: read end of the pipe `TUIInbox`'s wake writes to.
    ///   - environment: `NO_COLOR` (any value) asks for the mono theme.
    public init(theme: Theme, wakeFD: Int32, environment: [String: String]) throws(TUIError) {
        // Wide characters need the user's locale, set before curses starts.
        setlocale(LC_ALL, "")
        if sh_locale_is_utf8() == 0 {
            notes.append("the locale is not UTF-8 (set LANG, e.g. LANG=C.UTF-8): names and symbols may show wrongly")
        }
        var fds: [Int32] = [-1, -1]
        guard sh_nonblocking_pipe(&fds) == 0 else { throw .system("cannot create the signal pipe") }
        signalRead = fds[0]
        signalWrite = fds[1]
        // Installed before curses starts, so curses leaves these signals to us.
        sh_signal_pipe_install(signalWrite)
        let capture: OutputCapture
        do {
            capture = try OutputCapture()
        } catch {
            sh_signal_pipe_uninstall()
            close(signalRead)
            close(signalWrite)
            throw error
        }
        guard let screen = sh_newterm_fds(capture.terminalOut, capture.terminalIn) else {
            capture.restore()
            sh_signal_pipe_uninstall()
            close(signalRead)
            close(signalWrite)
            throw .cannotStartCurses("curses does not know the terminal (TERM=\(environment["TERM"] ?? "unset"))")
        }
        set_term(screen)
        guard let window = sh_stdscr() else {
            sh_endterm(screen)
            capture.restore()
            sh_signal_pipe_uninstall()
            close(signalRead)
            close(signalWrite)
            throw .cannotStartCurses("no screen")
        }
        self.screen = screen
        self.window = window
        self.capture = capture
        self.wakeFD = wakeFD
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        curs_set(0)
        let colorAllowed = (environment["NO_COLOR"] ?? "").isEmpty
        palette = CursesPalette(theme: theme, colorAllowed: colorAllowed)
        if !palette.usesColor && theme.name != "mono" {
            notes.append(colorAllowed ? "the terminal has no colours: using the mono theme"
                : "NO_COLOR is set: using the mono theme")
        }
        size = TerminalSize(rows: Int(getmaxy(window)), columns: Int(getmaxx(window)))
        let background = palette.look(TextStyle(.background))
        wbkgdset(window, chtype(background.attributes) | chtype(COLOR_PAIR(Int32(background.pair))) | chtype(32))
    }

    /// Gives the terminal back: leaves curses, restores stdout/stderr and
    /// the previous signal handlers. Safe to call twice.
    public func restoreTerminal() {
        guard !closed else { return }
        closed = true
        curs_set(1)
        sh_endterm(screen)
        capture.restore()
        sh_signal_pipe_uninstall()
        close(signalRead)
        close(signalWrite)
    }

    deinit { restoreTerminal() }

    // MARK: Drawing

    public func clear() { werase(window) }

    public func put(_ text: String, row: Int, column: Int, style: TextStyle) {
        guard row >= 0, row < size.rows, column >= 0, column < size.columns else { return }
        let fitted = TextWidth.truncate(TextWidth.sanitized(text), to: size.columns - column, ellipsis: false)
        guard !fitted.isEmpty else { return }
        let look = palette.look(style)
        wattr_set(window, look.attributes, look.pair, nil)
        var wide = fitted.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        // Writing the bottom-right cell makes curses report ERR (it cannot
        // move the cursor past it) even though the cell is drawn: ignored.
        _ = mvwaddnwstr(window, Int32(row), Int32(column), &wide, Int32(wide.count))
    }

    public func setCursor(_ position: (row: Int, column: Int)?) { cursor = position }

    public func refresh() {
        if let cursor, cursor.row < size.rows, cursor.column < size.columns {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    public func bell() { beep() }

    // MARK: Input

    public func readInput(timeout: Duration?) -> [TerminalInput] {
        var fds = [pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signalRead, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: capture.pipeRead, events: Int16(POLLIN), revents: 0)]
        if terminalOpen { fds.append(pollfd(fd: capture.terminalIn, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = timeout.map { Int32(clamping: $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000) } ?? -1
        let ready = poll(&fds, nfds_t(fds.count), milliseconds)
        guard ready > 0 else { return [] }   // timeout, or EINTR: the caller loops
        var input: [TerminalInput] = []
        if fds[0].revents != 0 { WakePipe.drain(wakeFD) }
        if fds[1].revents != 0 { input += readSignals() }
        if fds[2].revents != 0 { input += capture.readLines().map(TerminalInput.capturedOutput) }
        if terminalOpen {
            let terminal = fds[3].revents
            if terminal & Int16(POLLIN) != 0 { input += readKeys() }
            if terminal & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                terminalOpen = false   // stop polling it, or poll() would return at once forever
                input.append(.hangup)
            }
        }
        return input
    }

    private func readSignals() -> [TerminalInput] {
        var bytes = [UInt8](repeating: 0, count: 64)
        var input: [TerminalInput] = []
        while true {
            let count = read(signalRead, &bytes, bytes.count)
            guard count > 0 else { break }
            for byte in bytes[0..<count] {
                let signal = Int32(byte)
                if signal == SIGWINCH {
                    if let resized = resizeFromKernel() { input.append(.resize(resized)) }
                } else {
                    input.append(.terminate(signal: signal))
                }
            }
        }
        return input
    }

    /// Asks the kernel for the size and tells curses (which did not install
    /// its own SIGWINCH handler, ours was there first).
    private func resizeFromKernel() -> TerminalSize? {
        var rows: Int32 = 0, columns: Int32 = 0
        guard sh_terminal_size(capture.terminalOut, &rows, &columns) == 0 else { return nil }
        let newSize = TerminalSize(rows: Int(rows), columns: Int(columns))
        guard newSize != size else { return nil }
        resizeterm(rows, columns)
        size = newSize
        return newSize
    }

    private func readKeys() -> [TerminalInput] {
        var input: [TerminalInput] = []
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { break }
            switch CursesKeyDecoder.decode(status: status, code: UInt32(code)) {
            case .key(let key)?: input.append(.key(key))
            case .resize?:
                let current = TerminalSize(rows: Int(getmaxy(window)), columns: Int(getmaxx(window)))
                size = current
                input.append(.resize(current))
            case nil: break
            }
        }
        return input
    }
}
