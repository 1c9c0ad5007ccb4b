import Foundation

/// Turning key actions into command lines of the grammar: filling in the
/// selection, running or handing the line to the prompt, and completing
/// command names at the prompt.
extension TUIModel {
    mutating func openPrompt(with text: String) {
        inputMode = .prompt
        prompt.start(with: text)
    }

    /// Runs the action's line, or, when it names a buddy or watcher and none
    /// is selected, opens the prompt with the line so far.
    mutating func runOrPrompt(_ template: String, action: KeyAction) -> [TUIAction] {
        var template = template
        if action == .hold, selectedOrRingingCall?.state == .held { template = "resume {call}" }
        if action == .message, let uri = buddyList.selectedBuddy?.uri { markRead(uri) }
        let filled = fill(template)
        if filled.missing {
            openPrompt(with: filled.line)
            flash = Flash(text: "select a \(template.contains("{watcher}") ? "pending watcher" : "buddy") or type one",
                          role: .dim)
            return []
        }
        return run(filled.line.trimming(" "))
    }

    mutating func run(_ line: String) -> [TUIAction] {
        log("› " + line, role: .accent)
        return [.run(line)]
    }

    var selectedOrRingingCall: CallRow? { popupCall ?? selectedCall }

    /// Fills `{call}`, `{buddy}` and `{watcher}` from the selection; `missing`
    /// when a buddy or watcher was needed and none is selected.
    func fill(_ template: String) -> (line: String, missing: Bool) {
        var line = template
        var missing = false
        let call = selectedOrRingingCall.map { "--call " + ShellWords.quote($0.id) } ?? ""
        line = line.replacingPlaceholder("{call}", with: call)
        for (placeholder, value) in [("{buddy}", buddyList.selectedBuddy?.uri),
                                     ("{watcher}", buddyList.selectedWatcher?.uri)] where line.contains(placeholder) {
            if value == nil { missing = true }
            line = line.replacingPlaceholder(placeholder, with: value.map(ShellWords.quote) ?? "")
        }
        return (line, missing)
    }

    mutating func complete() -> [TUIAction] {
        let (words, partial) = prompt.wordsBeforeCursor
        let candidates = catalog.candidates(after: words, partial: partial)
        guard let first = candidates.first else { return [.bell] }
        if candidates.count == 1 {
            prompt.replaceBeforeCursor(partial.count, with: first + " ")
            return []
        }
        let common = candidates.dropFirst().reduce(first) { prefix, name in
            String(zip(prefix, name).prefix { $0 == $1 }.map(\.0))
        }
        if common.count > partial.count {
            prompt.replaceBeforeCursor(partial.count, with: common)
        } else {
            flash = Flash(text: candidates.joined(separator: "  "), role: .dim)
        }
        return []
    }
}

extension String {
    /// Replaces `placeholder`; an empty value also takes one neighbouring
    /// space, so "answer {call}" becomes "answer", not "answer ".
    func replacingPlaceholder(_ placeholder: String, with value: String) -> String {
        guard !value.isEmpty else {
            return replacingOccurrences(of: " " + placeholder + " ", with: " ")
                .replacingOccurrences(of: " " + placeholder, with: " ")
                .replacingOccurrences(of: placeholder, with: "")
        }
        return replacingOccurrences(of: placeholder, with: value)
    }
}
