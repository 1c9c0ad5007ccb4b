/// The first row of a pane: its name and count, a reverse-video bar when
/// the pane has focus. On a small screen, where one pane shows at a time,
/// the row is a tab line naming all panes so Tab's effect is visible.
enum PaneTitleView {
    static func draw(_ pane: Pane, model: TUIModel, rect: Rect, painter: Painter) {
        let focused = model.focus == pane
        if case .single = model.layout.arrangement {
            drawTabs(model: model, rect: rect, painter: painter)
            return
        }
        let text = " " + title(pane, model: model) + " "
        if focused {
            painter.text(text, row: rect.row, column: rect.column, width: rect.width,
                         style: TextStyle(.accent, highlighted: true), pad: true)
        } else {
            let rule = "─" + text + String(repeating: "─", count: max(0, rect.width - 1 - TextWidth.cells(text)))
            painter.text(TextWidth.truncate(rule, to: rect.width, ellipsis: false), row: rect.row, column: rect.column,
                         width: rect.width, style: .dim)
        }
    }

    static func title(_ pane: Pane, model: TUIModel) -> String {
        switch pane {
        case .buddies:
            let list = model.buddyList
            let count = list.filter.isEmpty ? "\(list.totalBuddies)" : "\(list.matchingBuddies)/\(list.totalBuddies)"
            let watchers = model.phone.pendingWatchers.count
            return "Buddies \(count)" + (watchers > 0 ? " · \(watchers) pending" : "")
        case .calls:
            return "Calls \(model.phone.calls.count)"
        case .events:
            let back = model.log.scrollBack
            return back > 0 ? "Events ↑\(back) (\(model.keyMap.label(for: .bottom)) follows)" : "Events"
        }
    }

    private static func drawTabs(model: TUIModel, rect: Rect, painter: Painter) {
        let tabs = Pane.allCases.map { pane -> (String, TextStyle) in
            pane == model.focus ? (title(pane, model: model), TextStyle(.accent, highlighted: true))
                : (pane.title, TextStyle.dim)
        }
        let full = tabs.map(\.0).joined(separator: " ")
        if TextWidth.cells(full) <= rect.width {
            var spans: [(String, TextStyle)] = []
            for (index, tab) in tabs.enumerated() {
                if index > 0 { spans.append((" ", .dim)) }
                spans.append(tab)
            }
            painter.spans(spans, row: rect.row, column: rect.column, width: rect.width, padStyle: .dim)
        } else {
            painter.text(title(model.focus, model: model), row: rect.row, column: rect.column, width: rect.width,
                         style: TextStyle(.accent, highlighted: true), pad: true)
        }
    }
}
