/// The `?` overlay: every action with the keys bound to it *now* (so
/// rebindings show), grouped, in a box over the screen; scrolls when the
/// terminal is too short for all of it.
enum HelpOverlayView {
    struct Line: Equatable {
        var keys: String
        var text: String
        var isHeading: Bool
    }

    static func lines(for keyMap: KeyMap) -> [Line] {
        var lines: [Line] = []
        for section in KeyAction.helpSections {
            if !lines.isEmpty { lines.append(Line(keys: "", text: "", isHeading: false)) }
            lines.append(Line(keys: "", text: section.title, isHeading: true))
            for action in section.actions {
                lines.append(Line(keys: keyMap.label(for: action), text: action.summary, isHeading: false))
            }
        }
        lines.append(Line(keys: "", text: "", isHeading: false))
        lines.append(Line(keys: "", text: "Prompt", isHeading: true))
        lines.append(Line(keys: "Tab", text: "complete a command name", isHeading: false))
        lines.append(Line(keys: "Up/Down", text: "earlier commands", isHeading: false))
        lines.append(Line(keys: "Esc", text: "cancel", isHeading: false))
        lines.append(Line(keys: ":q", text: "quit", isHeading: false))
        return lines
    }

    /// The box for a screen size: above the status bar and bottom line,
    /// which stay visible (the bottom line says how to scroll and close).
    static func frame(for size: TerminalSize, lineCount: Int) -> Rect {
        let width = min(size.columns, 64)
        let available = max(0, size.rows - 2)
        let height = min(available, lineCount + 2)
        return Rect(row: (available - height) / 2, column: (size.columns - width) / 2, height: height, width: width)
    }

    /// The largest useful scroll offset for this screen.
    static func maximumScroll(keyMap: KeyMap, size: TerminalSize) -> Int {
        let count = lines(for: keyMap).count
        return max(0, count - max(0, frame(for: size, lineCount: count).height - 2))
    }

    static func draw(model: TUIModel, painter: Painter) {
        let lines = lines(for: model.keyMap)
        let box = frame(for: model.size, lineCount: lines.count)
        guard box.height >= 3, box.width >= 8 else { return }
        painter.box(box, title: "Keys (\(model.keyMap.label(for: .help)) closes)", style: .accent)
        let inner = Rect(row: box.row + 1, column: box.column + 2, height: box.height - 2, width: box.width - 4)
        let keyWidth = min(inner.width / 3, lines.map { TextWidth.cells($0.keys) }.max() ?? 0)
        let scroll = min(model.helpScroll, maximumScroll(keyMap: model.keyMap, size: model.size))
        for (offset, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            let row = inner.row + offset
            if line.isHeading {
                painter.text(line.text, row: row, column: inner.column, width: inner.width, style: .accent)
            } else if !line.text.isEmpty {
                painter.spans([(TextWidth.fit(line.keys, to: keyWidth) + "  ", .accent), (line.text, .text)],
                              row: row, column: inner.column, width: inner.width)
            }
        }
    }
}

/// The incoming-call popup: who calls and the keys to answer or reject.
enum IncomingCallPopupView {
    static func draw(call: CallRow, model: TUIModel, painter: Painter) {
        let size = model.size
        let keys = "\(model.keyMap.label(for: .answer)) answer  \(model.keyMap.label(for: .reject)) reject  Esc later"
        var lines: [(String, TextStyle)] = []
        if let name = call.peerName, !name.isEmpty { lines.append((name, TextStyle(.text))) }
        lines.append((call.peerURI, call.peerName == nil ? TextStyle(.text) : .dim))
        lines.append(("", .text))
        lines.append((keys, .accent))
        let wanted = max(lines.map { TextWidth.cells($0.0) }.max() ?? 0, 20) + 4
        let width = min(size.columns, wanted)
        // Rows to spare: keep the status bar and bottom line visible.
        let available = max(0, size.rows - 2)
        if available < lines.count + 2 { lines.removeAll { $0.0.isEmpty } }
        if available < lines.count + 2, lines.count > 2 { lines.remove(at: lines.count - 2) }
        let height = min(available, lines.count + 2)
        guard height >= 3, width >= 8 else { return }
        let box = Rect(row: (available - height) / 2, column: (size.columns - width) / 2, height: height, width: width)
        painter.box(box, title: "Incoming call", style: TextStyle(.away))
        for (offset, line) in lines.prefix(height - 2).enumerated() {
            painter.text(line.0, row: box.row + 1 + offset, column: box.column + 2, width: box.width - 4, style: line.1)
        }
    }
}
