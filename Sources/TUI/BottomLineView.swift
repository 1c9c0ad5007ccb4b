/// The last row: the `:` prompt while typing a command, otherwise hints
/// for the keys that matter in the current mode (from the live key map).
enum BottomLineView {
    static func draw(model: TUIModel, rect: Rect, painter: Painter) {
        guard !rect.isEmpty else { return }
        if model.inputMode == .prompt {
            drawPrompt(model: model, rect: rect, painter: painter)
            return
        }
        if case .tiny = model.layout.arrangement {
            let text = model.popupCall.map { "call: \($0.peerName ?? $0.peerURI) (\(model.keyMap.label(for: .answer)))" }
                ?? "enlarge the terminal"
            painter.text(text, row: rect.row, column: rect.column, width: rect.width,
                         style: model.popupCall == nil ? .dim : .accent)
            return
        }
        painter.text(hints(for: model), row: rect.row, column: rect.column, width: rect.width, style: .dim)
    }

    static func hints(for model: TUIModel) -> String {
        let keys = model.keyMap
        func hint(_ action: KeyAction, _ text: String) -> String? {
            keys.keys(for: action).first.map { "\($0) \(text)" }
        }
        let parts: [String?]
        switch model.inputMode {
        case .help: parts = ["Up/Down scroll", "Esc close"]
        case .filter: parts = ["type to filter", "Enter keep", "Esc clear"]
        case .prompt, .normal:
            if model.popupCall != nil {
                parts = [hint(.answer, "answer"), hint(.reject, "reject"), "Esc later"]
            } else {
                parts = [hint(.help, "help"), hint(.prompt, "command"), hint(.filter, "filter"),
                         hint(.nextPane, "pane"), hint(.dial, "dial"), hint(.quit, "quit")]
            }
        }
        return " " + parts.compactMap { $0 }.joined(separator: "  ")
    }

    /// ":" and the line, scrolled so the cursor stays visible.
    private static func drawPrompt(model: TUIModel, rect: Rect, painter: Painter) {
        let prompt = model.prompt
        let room = max(1, rect.width - 2)
        let beforeCursor = TextWidth.tail(String(prompt.text[..<prompt.cursor]), fitting: room)
        let afterRoom = room - TextWidth.cells(beforeCursor)
        let afterCursor = TextWidth.truncate(String(prompt.text[prompt.cursor...]), to: afterRoom, ellipsis: false)
        painter.spans([(":", .accent), (beforeCursor + afterCursor, .text)], row: rect.row, column: rect.column,
                      width: rect.width)
        painter.driver.setCursor((rect.row, rect.column + 1 + TextWidth.cells(beforeCursor)))
    }
}
