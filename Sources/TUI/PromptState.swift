/// The `:` prompt line: text being edited, its cursor, and the history of
/// lines run before (Up/Down walk it, as in a shell).
public struct PromptState: Sendable, Equatable {
    public private(set) var text: [Character] = []
    /// Insertion point, 0...text.count.
    public private(set) var cursor = 0
    public private(set) var history: [String] = []
    /// Position while walking the history; nil when editing a new line.
    private var historyIndex: Int?
    /// The new line being typed, kept while walking the history.
    private var draft: [Character] = []
    static let historyLimit = 500

    public init() {}

    public var line: String { String(text) }

    mutating func start(with initial: String) {
        text = Array(initial)
        cursor = text.count
        historyIndex = nil
        draft = []
    }

    mutating func insert(_ character: Character) {
        text.insert(character, at: cursor)
        cursor += 1
    }

    mutating func replaceBeforeCursor(_ count: Int, with replacement: String) {
        let start = max(0, cursor - count)
        text.replaceSubrange(start..<cursor, with: Array(replacement))
        cursor = start + replacement.count
    }

    mutating func backspace() {
        guard cursor > 0 else { return }
        text.remove(at: cursor - 1)
        cursor -= 1
    }

    mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: cursor)
    }

    mutating func moveCursor(by delta: Int) { cursor = min(text.count, max(0, cursor + delta)) }
    mutating func moveCursorToStart() { cursor = 0 }
    mutating func moveCursorToEnd() { cursor = text.count }

    /// C-u: delete from the start of the line to the cursor.
    mutating func deleteToStart() {
        text.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// C-w: delete the word before the cursor (and the spaces after it).
    mutating func deleteWordBackward() {
        var start = cursor
        while start > 0 && text[start - 1] == " " { start -= 1 }
        while start > 0 && text[start - 1] != " " { start -= 1 }
        text.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Up: the previous line from the history.
    mutating func historyBack() -> Bool {
        guard !history.isEmpty else { return false }
        let index: Int
        if let current = historyIndex {
            guard current > 0 else { return false }
            index = current - 1
        } else {
            draft = text
            index = history.count - 1
        }
        historyIndex = index
        text = Array(history[index])
        cursor = text.count
        return true
    }

    /// Down: the next line from the history, then back to the new line.
    mutating func historyForward() -> Bool {
        guard let current = historyIndex else { return false }
        if current + 1 < history.count {
            historyIndex = current + 1
            text = Array(history[current + 1])
        } else {
            historyIndex = nil
            text = draft
        }
        cursor = text.count
        return true
    }

    /// Enter: the line to run; remembered unless empty or a repeat of the last.
    mutating func submit() -> String {
        let line = String(text).trimming(" ")
        if !line.isEmpty && history.last != line {
            history.append(line)
            if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        }
        text = []
        cursor = 0
        historyIndex = nil
        draft = []
        return line
    }

    /// Esc: drop the line without remembering it.
    mutating func cancel() {
        text = []
        cursor = 0
        historyIndex = nil
        draft = []
    }

    /// Words before the cursor and the partial word being typed (empty
    /// after a space), for completion.
    var wordsBeforeCursor: (complete: [String], partial: String) {
        let before = String(text[..<cursor])
        var words = before.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let partial = before.hasSuffix(" ") || before.isEmpty ? "" : (words.popLast() ?? "")
        return (words, partial)
    }
}
