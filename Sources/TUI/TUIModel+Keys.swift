/// Keys, by input mode. Order of precedence: an open help overlay, then a
/// text field being edited (prompt, filter), then the incoming-call popup,
/// then the key map.
extension TUIModel {
    mutating func handleKey(_ key: Key) -> [TUIAction] {
        flash = nil
        guard !quitting else { return [] }
        switch inputMode {
        case .help: return helpKey(key)
        case .prompt: return promptKey(key)
        case .filter: return filterKey(key)
        case .normal: break
        }
        let action = keyMap.action(for: key)
        if action != .quit { quitArmed = false }
        if popupCall != nil { return popupKey(key, action: action) }
        if key == .escape {
            if !buddyList.filter.isEmpty { buddyList.setFilter("") }
            return []
        }
        guard let action else { return [] }
        return perform(action)
    }

    // MARK: Modes

    private mutating func helpKey(_ key: Key) -> [TUIAction] {
        let action = keyMap.action(for: key)
        let page = max(1, size.rows - 4)
        let maximum = HelpOverlayView.maximumScroll(keyMap: keyMap, size: size)
        switch action {
        case .up: helpScroll -= 1
        case .down: helpScroll += 1
        case .pageUp: helpScroll -= page
        case .pageDown: helpScroll += page
        case .top: helpScroll = 0
        case .bottom: helpScroll = maximum
        default:
            if key == .escape || action == .help || action == .quit { inputMode = .normal }
        }
        helpScroll = min(max(0, helpScroll), maximum)
        return []
    }

    /// While the popup is up only its keys work (answer, reject, Esc to put
    /// it away), plus help and the prompt: a stray key must not do anything
    /// else while the phone rings.
    private mutating func popupKey(_ key: Key, action: KeyAction?) -> [TUIAction] {
        if key == .escape {
            dismissedCallID = popupCall?.id
            return []
        }
        if let action, [.answer, .reject, .help, .prompt].contains(action) { return perform(action) }
        return [.bell]
    }

    private mutating func promptKey(_ key: Key) -> [TUIAction] {
        switch key {
        case .enter:
            inputMode = .normal
            let line = prompt.submit()
            if line.isEmpty { return [] }
            if line == "q" || line == "quit" { return requestQuit() }
            return run(line)
        case .escape, .ctrl("g"):
            prompt.cancel()
            inputMode = .normal
        case .tab: return complete()
        case .backspace:
            if prompt.text.isEmpty { inputMode = .normal } else { prompt.backspace() }
        case .delete, .ctrl("d"): prompt.deleteForward()
        case .left, .ctrl("b"): prompt.moveCursor(by: -1)
        case .right, .ctrl("f"): prompt.moveCursor(by: 1)
        case .home, .ctrl("a"): prompt.moveCursorToStart()
        case .end, .ctrl("e"): prompt.moveCursorToEnd()
        case .ctrl("u"): prompt.deleteToStart()
        case .ctrl("w"): prompt.deleteWordBackward()
        case .up, .ctrl("p"): if !prompt.historyBack() { return [.bell] }
        case .down, .ctrl("n"): if !prompt.historyForward() { return [.bell] }
        case .char(let character): prompt.insert(character)
        default: break
        }
        return []
    }

    private mutating func filterKey(_ key: Key) -> [TUIAction] {
        var text = buddyList.filter
        switch key {
        case .enter:
            inputMode = .normal
        case .escape, .ctrl("g"):
            text = ""
            inputMode = .normal
        case .backspace:
            if text.isEmpty { inputMode = .normal } else { text.removeLast() }
        case .ctrl("u"):
            text = ""
        case .up, .down, .pageUp, .pageDown:
            // Moving through the matches keeps the filter open.
            let step = [Key.up: -1, .down: 1, .pageUp: -buddyRows, .pageDown: buddyRows][key] ?? 0
            buddyList.move(by: step, visibleRows: buddyRows)
        case .char(let character):
            text.append(character)
        default:
            break
        }
        buddyList.setFilter(text)
        buddyList.scrollToSelection(visibleRows: buddyRows)
        return []
    }

    // MARK: Actions

    mutating func perform(_ action: KeyAction) -> [TUIAction] {
        switch action.effect {
        case .run(let template):
            return runOrPrompt(template, action: action)
        case .prompt(let template):
            openPrompt(with: fill(template).line)
            return []
        case .screen:
            return performScreenAction(action)
        }
    }

    private mutating func performScreenAction(_ action: KeyAction) -> [TUIAction] {
        switch action {
        case .nextPane: focus = focus.next(by: 1)
        case .previousPane: focus = focus.next(by: -1)
        case .help:
            inputMode = .help
            helpScroll = 0
        case .prompt: openPrompt(with: "")
        case .filter:
            focus = .buddies
            inputMode = .filter
        case .quit: return requestQuit()
        case .select: return select()
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .pageUp: move(by: -max(1, pageRows))
        case .pageDown: move(by: max(1, pageRows))
        case .top: moveToEnd(last: false)
        case .bottom: moveToEnd(last: true)
        default: break
        }
        return []
    }

    private var pageRows: Int {
        focus == .buddies ? buddyRows : layout.contentRows(focus)
    }

    private mutating func move(by delta: Int) {
        switch focus {
        case .buddies: buddyList.move(by: delta, visibleRows: buddyRows)
        case .calls:
            guard !phone.calls.isEmpty else { return }
            callSelection = min(phone.calls.count - 1, max(0, callSelection + delta))
        case .events:
            // Up shows older lines.
            log.scroll(by: -delta, visibleRows: layout.contentRows(.events))
        }
    }

    private mutating func moveToEnd(last: Bool) {
        switch focus {
        case .buddies: buddyList.moveToEnd(last, visibleRows: buddyRows)
        case .calls: callSelection = last ? max(0, phone.calls.count - 1) : 0
        case .events:
            if last { log.follow() } else { log.scrollToOldest(visibleRows: layout.contentRows(.events)) }
        }
    }

    private mutating func select() -> [TUIAction] {
        guard focus == .buddies else { return [] }
        switch buddyList.selectedItem {
        case .groupHeader?:
            buddyList.toggleSelectedGroup()
            buddyList.scrollToSelection(visibleRows: buddyRows)
        case .buddy?:
            return perform(.dial)
        default:
            break
        }
        return []
    }

    mutating func requestQuit() -> [TUIAction] {
        let callUp = phone.calls.contains { $0.state != .ended }
        if callUp && !quitArmed {
            quitArmed = true
            flash = Flash(text: "a call is up: \(keyMap.label(for: .quit)) again hangs up and quits", role: .error)
            return []
        }
        return beginQuit()
    }
}
