/// The buddy pane: pending watchers first, then groups of buddies with a
/// status symbol in the presence colour, name, note, BLF state and unread
/// count. Draws only the rows inside the pane, whatever the list's length.
enum BuddyListView {
    /// Draws the pane and returns how many list rows it drew.
    @discardableResult
    static func draw(model: TUIModel, rect: Rect, painter: Painter) -> Int {
        guard !rect.isEmpty else { return 0 }
        PaneTitleView.draw(.buddies, model: model, rect: rect, painter: painter)
        var body = rect.droppingTop(1)
        if model.showsFilterLine && body.height > 0 {
            drawFilter(model: model, row: body.row, rect: body, painter: painter)
            body = body.droppingTop(1)
        }
        guard body.height > 0 else { return 0 }
        let list = model.buddyList
        if list.items.isEmpty {
            let message = model.phone.buddyCount == 0 && model.phone.pendingWatchers.isEmpty
                ? "no buddies yet" : "no buddy matches \"\(list.filter)\""
            painter.text(" " + message, row: body.row, column: body.column, width: body.width, style: .dim)
            return 0
        }
        let visible = list.items[min(list.top, list.items.count)..<min(list.top + body.height, list.items.count)]
        let columns = Columns(visible)
        let focused = model.focus == .buddies && model.inputMode != .help
        var drawn = 0
        for (offset, index) in visible.indices.enumerated() {
            let selected = list.selectedIndex == index
            drawRow(list.items[index], row: body.row + offset, rect: body, columns: columns,
                    highlighted: selected && focused, marked: selected && !focused, painter: painter)
            drawn += 1
        }
        return drawn
    }

    /// Which optional columns the visible rows need (a BLF column only when
    /// someone on screen has BLF, and so on): decided from the slice alone.
    struct Columns {
        var blf = false
        var unread = false

        init(_ items: ArraySlice<BuddyListState.Item>) {
            for case .buddy(let buddy, _) in items {
                if buddy.blf != nil { blf = true }
                if buddy.unread > 0 { unread = true }
            }
        }
    }

    private static func drawFilter(model: TUIModel, row: Int, rect: Rect, painter: Painter) {
        let text = model.buddyList.filter
        let editing = model.inputMode == .filter
        let shown = TextWidth.tail(text, fitting: max(0, rect.width - 3))
        painter.spans([(" /", .accent), (shown, .text)], row: row, column: rect.column, width: rect.width)
        if editing {
            let column = rect.column + min(rect.width - 1, 2 + TextWidth.cells(shown))
            painter.driver.setCursor((row, column))
        }
    }

    private static func drawRow(_ item: BuddyListState.Item, row: Int, rect: Rect, columns: Columns,
                                highlighted: Bool, marked: Bool, painter: Painter) {
        func style(_ role: StyleRole) -> TextStyle { TextStyle(role, highlighted: highlighted) }
        let marker = marked ? "›" : " "
        var spans: [(String, TextStyle)] = []
        var trailing: [(String, TextStyle)] = []
        switch item {
        case .watchersHeader(let count):
            spans = [(marker, style(.accent)), ("Wants to see you (\(count))", style(.accent))]
        case .watcher(let watcher):
            spans = [(marker + " ", style(.text)), ("◇", style(.away)), (" ", style(.text))]
            if let name = watcher.displayName, !name.isEmpty {
                spans += [(name, style(.text)), ("  " + watcher.uri, style(.dim))]
            } else {
                spans.append((watcher.uri, style(.text)))
            }
        case .groupHeader(let name, let shown, let total, let collapsed):
            let count = shown == total ? "(\(total))" : "\(shown)/\(total)"
            spans = [(marker, style(.accent)), ((collapsed ? "▸ " : "▾ ") + name + " " + count, style(.accent))]
        case .buddy(let buddy, _):
            spans = [(marker + " ", style(.text)), (buddy.presence.symbol, style(buddy.presence.role)), (" ", style(.text))]
            if columns.blf {
                trailing.append((" " + TextWidth.fit(buddy.blf?.label ?? "", to: 4), style(buddy.blf?.role ?? .dim)))
            }
            if columns.unread {
                let unread = buddy.unread == 0 ? "" : "*" + (buddy.unread > 99 ? "99" : "\(buddy.unread)")
                trailing.append((" " + TextWidth.padLeft(unread, to: 3), style(.accent)))
            }
            let trailingWidth = trailing.reduce(0) { $0 + TextWidth.cells($1.0) }
            let nameWidth = rect.width - 4 - trailingWidth
            let name = TextWidth.truncate(buddy.displayName.isEmpty ? buddy.uri : buddy.displayName, to: max(0, nameWidth))
            var middle = [(name, style(.text))]
            let room = nameWidth - TextWidth.cells(name) - 2
            if let note = buddy.note, !note.isEmpty, room >= 4 {
                middle.append(("  " + TextWidth.truncate(note, to: room), style(.dim)))
            }
            let used = middle.reduce(0) { $0 + TextWidth.cells($1.0) }
            middle.append((String(repeating: " ", count: max(0, nameWidth - used)), style(.text)))
            spans += middle
        }
        painter.spans(spans + trailing, row: row, column: rect.column, width: rect.width,
                      padStyle: highlighted ? style(.text) : nil)
    }
}
