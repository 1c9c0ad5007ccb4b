import Testing
@testable import TUI

/// Key names, the default key map, rebinding from `[keys]`, and the errors
/// for bindings that cannot work.
@Suite struct KeyMapTests {
    @Test func defaultsHaveNoConflicts() throws {
        var bindings: [KeyAction: [Key]] = [:]
        for action in KeyAction.allCases { bindings[action] = action.defaultKeys }
        _ = try KeyMap(bindings: bindings)
        #expect(KeyMap.defaults.action(for: .char("a")) == .answer)
        #expect(KeyMap.defaults.action(for: .char("h")) == .hangup)
        #expect(KeyMap.defaults.action(for: .char("q")) == .quit)
        #expect(KeyMap.defaults.action(for: .char("?")) == .help)
        #expect(KeyMap.defaults.action(for: .char(":")) == .prompt)
        #expect(KeyMap.defaults.action(for: .tab) == .nextPane)
    }

    @Test func phoneActionsAreCommandLines() {
        #expect(KeyAction.answer.effect == .run("answer {call}"))
        #expect(KeyAction.hangup.effect == .run("hangup {call}"))
        #expect(KeyAction.dial.effect == .prompt("dial {buddy}"))
        #expect(KeyAction.help.effect == .screen)
    }

    @Test(arguments: [
        ("a", Key.char("a")), ("A", .char("A")), ("?", .char("?")), ("#", .char("#")), ("é", .char("é")),
        ("C-x", .ctrl("x")), ("C-X", .ctrl("x")), ("F1", .function(1)), ("F12", .function(12)),
        ("Up", .up), ("down", .down), ("Left", .left), ("Right", .right), ("PageUp", .pageUp),
        ("Home", .home), ("End", .end), ("Enter", .enter), ("Tab", .tab), ("S-Tab", .backTab),
        ("Esc", .escape), ("Space", .char(" ")), ("Backspace", .backspace), ("Delete", .delete),
    ])
    func keyNames(name: String, key: Key) throws {
        #expect(try Key(name: name) == key)
        #expect(try Key(name: key.description) == key)
    }

    @Test(arguments: [
        ("C-c", "SIGINT"), ("C-z", "SIGTSTP"), ("C-i", "Tab"), ("C-m", "Enter"), ("C-s", "stop output"),
        ("F13", "F1 to F12"), ("F0", "F1 to F12"), ("C-1", "one letter"), ("ab", "unknown key name"),
        ("", "unknown key name"), (" ", "not a printable key"),
    ])
    func keysThatCannotWork(name: String, reason: String) {
        #expect {
            _ = try Key(name: name)
        } throws: { error in
            (error as? KeyNameError)?.description.contains(reason) == true
        }
    }

    @Test func rebinding() throws {
        let keys = try KeyMap.parse("""
            theme = "light"   # other settings may share the file
            [keys]
            answer = "A"
            hangup = ["C-x", "F4"]
            hold = []
            up = ["Up", "C-p"]
            """, path: "keys.toml")
        #expect(keys.action(for: .char("A")) == .answer)
        #expect(keys.action(for: .char("a")) == nil)
        #expect(keys.action(for: .ctrl("x")) == .hangup)
        #expect(keys.action(for: .function(4)) == .hangup)
        #expect(keys.action(for: .char("h")) == nil)
        #expect(keys.keys(for: .hold).isEmpty)
        #expect(keys.label(for: .hold) == "unbound")
        #expect(keys.label(for: .up) == "Up/C-p")
        #expect(keys.action(for: .char("q")) == .quit)   // untouched actions keep their defaults
    }

    @Test func noKeysTableMeansDefaults() throws {
        #expect(try KeyMap.parse("theme = \"x\"\n", path: "k.toml") == .defaults)
    }

    @Test(arguments: [
        ("[keys]\nanswer = \"a\"\nhangp = \"x\"\n", 3, "keys.hangp", "unknown action"),
        ("[keys]\n\nhangup = \"a\"\n", 3, "keys.hangup", "\"a\" is already bound to answer by default; rebind answer too"),
        ("[keys]\nanswer = \"x\"\nhangup = \"x\"\n", 3, "keys.hangup", "\"x\" is already bound to answer"),
        ("[keys]\nquit = \"C-c\"\n", 2, "keys.quit", "SIGINT"),
        ("[keys]\nquit = 7\n", 2, "keys.quit", "expected a key name"),
        ("[keys]\nquit = [\"q\", 7]\n", 2, "keys.quit", "expected a key name"),
        ("keys = \"q\"\n", 1, "keys", "expected a table"),
        ("[keys\nquit = \"q\"\n", 1, nil, "TOML syntax error"),
    ] as [(String, Int?, String?, String)])
    func badKeyMapsSayWhere(text: String, line: Int?, key: String?, message: String) {
        #expect {
            _ = try KeyMap.parse(text, path: "keys.toml")
        } throws: { error in
            guard let error = error as? TOMLFileError else { return false }
            return error.path == "keys.toml" && error.line == line && error.key == key && error.message.contains(message)
        }
    }

    @Test func swappingTwoKeysIsFine() throws {
        let keys = try KeyMap.parse("[keys]\nanswer = \"h\"\nhangup = \"a\"\n", path: "k.toml")
        #expect(keys.action(for: .char("h")) == .answer)
        #expect(keys.action(for: .char("a")) == .hangup)
    }

    @Test func cursesKeyCodesDecode() {
        #expect(CursesKeyDecoder.decode(status: 0, code: 97) == .key(.char("a")))
        #expect(CursesKeyDecoder.decode(status: 0, code: 0x738B) == .key(.char("王")))
        #expect(CursesKeyDecoder.decode(status: 0, code: 24) == .key(.ctrl("x")))
        #expect(CursesKeyDecoder.decode(status: 0, code: 9) == .key(.tab))
        #expect(CursesKeyDecoder.decode(status: 0, code: 13) == .key(.enter))
        #expect(CursesKeyDecoder.decode(status: 0, code: 27) == .key(.escape))
        #expect(CursesKeyDecoder.decode(status: 0, code: 127) == .key(.backspace))
        let keyCode: Int32 = 0o400   // KEY_CODE_YES
        #expect(CursesKeyDecoder.decode(status: keyCode, code: 0o403) == .key(.up))
        #expect(CursesKeyDecoder.decode(status: keyCode, code: 0o410 + 5) == .key(.function(5)))
        #expect(CursesKeyDecoder.decode(status: keyCode, code: 0o632) == .resize)
        #expect(CursesKeyDecoder.decode(status: keyCode, code: 0o541) == .key(.backTab))
        #expect(CursesKeyDecoder.decode(status: -1, code: 0) == nil)
    }
}
