import Testing
import Control

@Suite("Command line splitting")
struct CommandLineSplitterTests {
    @Test("words", arguments: [
        ("", []),
        ("   \t ", []),
        ("register", ["register"]),
        ("register --json", ["register", "--json"]),
        ("  call   sip:bob@example.com  ", ["call", "sip:bob@example.com"]),
        ("message sip:bob@x 'hello there'", ["message", "sip:bob@x", "hello there"]),
        ("message sip:bob@x \"hello there\"", ["message", "sip:bob@x", "hello there"]),
        ("say 'it''s'", ["say", "its"]),
        (#"say "it's""#, ["say", "it's"]),
        (#"say 'a "b" c'"#, ["say", #"a "b" c"#]),
        (#"say 'back\slash'"#, ["say", #"back\slash"#]),
        (#"say hello\ world"#, ["say", "hello world"]),
        (#"say \'quoted\'"#, ["say", "'quoted'"]),
        (#"say \\"#, ["say", "\\"]),
        (#"say "a\"b""#, ["say", #"a"b"#]),
        (#"say "a\\b""#, ["say", #"a\b"#]),
        (#"say "a\nb""#, ["say", #"a\nb"#]),
        (#"say "\$HOME \`x\`""#, ["say", "$HOME `x`"]),
        ("say $HOME *.txt # not a comment", ["say", "$HOME", "*.txt", "#", "not", "a", "comment"]),
        ("a'b c'd", ["ab cd"]),
        ("a\"b c\"d'e'", ["ab cde"]),
        ("empty '' \"\" x", ["empty", "", "", "x"]),
        ("line\\\ncontinued", ["linecontinued"]),
        ("\"line\\\ncontinued\"", ["linecontinued"]),
        ("two\nlines\r\nthree", ["two", "lines", "three"]),
        ("'multi\nline'", ["multi\nline"]),
        ("héllo 'wörld 😀'", ["héllo", "wörld 😀"]),
    ] as [(String, [String])])
    func split(line: String, expected: [String]) throws {
        #expect(try CommandLineSplitter.split(line) == expected)
    }

    @Test("errors", arguments: [
        ("say 'unterminated", CommandLineSplitter.SplitError.unterminatedQuote("'", offset: 4)),
        ("say \"unterminated", .unterminatedQuote("\"", offset: 4)),
        ("'", .unterminatedQuote("'", offset: 0)),
        ("x \"a\\\"", .unterminatedQuote("\"", offset: 2)),
        ("x \"a\\", .unterminatedQuote("\"", offset: 2)),
        ("say 'a' \"b", .unterminatedQuote("\"", offset: 8)),
        ("trailing\\", .danglingBackslash),
    ])
    func errors(line: String, expected: CommandLineSplitter.SplitError) {
        #expect(throws: expected) { try CommandLineSplitter.split(line) }
    }

    @Test("error messages point at the quote")
    func messages() {
        #expect(CommandLineSplitter.SplitError.unterminatedQuote("'", offset: 4).description
                == "unterminated ' quote opened at character 5")
    }
}
