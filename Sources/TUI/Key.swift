/// One key press, as the model sees it (curses key codes are decoded by the
/// driver). Names follow the `[keys]` table spelling: "a", "C-x", "F5", "Up".
public enum Key: Sendable, Hashable, CustomStringConvertible {
    /// A printable character, including space and shifted letters.
    case char(Character)
    /// Control plus a letter, stored lowercase: `.ctrl("x")` is C-x.
    case ctrl(Character)
    /// F1...F12 (curses knows more, but no keyboard has them).
    case function(Int)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete, backspace
    case enter, tab, backTab, escape

    /// Keys that have a name in the `[keys]` table, beside characters,
    /// control letters and function keys.
    static let named: [(name: String, key: Key)] = [
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("Home", .home), ("End", .end), ("PageUp", .pageUp), ("PageDown", .pageDown),
        ("Insert", .insert), ("Delete", .delete), ("Backspace", .backspace),
        ("Enter", .enter), ("Tab", .tab), ("S-Tab", .backTab), ("Esc", .escape), ("Space", .char(" ")),
    ]

    /// Control letters the terminal keeps for itself (in cbreak mode) or that
    /// arrive as another key, with the reason a binding to them cannot work.
    static let unbindableControls: [Character: String] = [
        "c": "the terminal turns C-c into SIGINT (Switchboard quits cleanly on it)",
        "z": "the terminal turns C-z into SIGTSTP",
        "s": "the terminal uses C-s to stop output",
        "q": "the terminal uses C-q to resume output",
        "i": "C-i is the same key as Tab; write \"Tab\"",
        "m": "C-m is the same key as Enter; write \"Enter\"",
        "j": "C-j is the same key as Enter; write \"Enter\"",
        "h": "C-h is the same key as Backspace on many terminals; write \"Backspace\"",
    ]

    /// Parses a key name from the `[keys]` table.
    public init(name: String) throws(KeyNameError) {
        if let named = Key.named.first(where: { $0.name.lowercased() == name.lowercased() }) {
            self = named.key
            return
        }
        if name.count == 1, let character = name.first {
            guard TextWidth.cells(character) > 0, !character.isWhitespace,
                  !character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw KeyNameError(name: name, reason: "not a printable key")
            }
            self = .char(character)
            return
        }
        if name.hasPrefix("C-") || name.hasPrefix("c-") {
            let rest = name.dropFirst(2)
            guard rest.count == 1, let letter = rest.first?.lowercased().first, letter.isASCII, letter.isLetter else {
                throw KeyNameError(name: name, reason: "control keys are C- and one letter, e.g. C-x")
            }
            if let reason = Key.unbindableControls[letter] { throw KeyNameError(name: name, reason: reason) }
            self = .ctrl(letter)
            return
        }
        if name.first == "F" || name.first == "f", let number = Int(name.dropFirst()) {
            guard (1...12).contains(number) else { throw KeyNameError(name: name, reason: "function keys are F1 to F12") }
            self = .function(number)
            return
        }
        throw KeyNameError(name: name, reason: "unknown key name; use a character, C-x, F1-F12 or one of "
            + Key.named.map(\.name).joined(separator: ", "))
    }

    /// The name to show in help and to write in `[keys]`.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .ctrl(let letter): return "C-\(letter)"
        case .function(let number): return "F\(number)"
        default: return Key.named.first(where: { $0.key == self })?.name ?? "?"
        }
    }
}

public struct KeyNameError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var reason: String
    public var description: String { "\"\(name)\": \(reason)" }
}
