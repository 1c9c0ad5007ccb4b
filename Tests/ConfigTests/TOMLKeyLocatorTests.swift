import Testing
@testable import Config

@Suite("TOML key locator")
struct TOMLKeyLocatorTests {
    @Test func findsKeysUnderTableHeaders() {
        let locator = TOMLKeyLocator(text: """
            theme = "default"

            [accounts.alice]
            aor = "sip:alice@example.com"
            # transport = "tcp"   (a comment must not count)
            transport = "sctp"

            [accounts.bob]
            transport = "udp"
            """)
        #expect(locator.line(of: ["theme"]) == 1)
        #expect(locator.line(of: ["accounts", "alice"]) == 3)
        #expect(locator.line(of: ["accounts", "alice", "aor"]) == 4)
        #expect(locator.line(of: ["accounts", "alice", "transport"]) == 6)
        #expect(locator.line(of: ["accounts", "bob", "transport"]) == 9)
    }

    @Test func fallsBackToNearestAncestor() {
        let locator = TOMLKeyLocator(text: "\n[accounts.alice]\naor = \"sip:a@b\"\n")
        #expect(locator.line(of: ["accounts", "alice", "expires"]) == 2)
        #expect(locator.line(of: ["accounts"]) == 2)
        #expect(locator.line(of: ["nothing", "here"]) == nil)
    }

    @Test func handlesQuotedAndDottedKeysWithSpaces() {
        let locator = TOMLKeyLocator(text: """
            [ accounts . "bob smith" ]
            'display_name' = "Bob"
            accounts2.carol . "aor" = "sip:carol@example.com"
            """)
        #expect(locator.line(of: ["accounts", "bob smith", "display_name"]) == 2)
        #expect(locator.line(of: ["accounts", "bob smith", "accounts2", "carol", "aor"]) == 3)
    }

    @Test func topLevelDottedKeysDefineTheirTables() {
        let locator = TOMLKeyLocator(text: "mode = \"sip\"\naccounts.alice.aor = \"sip:a@b\"\naccounts.alice.expires = 60\n")
        #expect(locator.line(of: ["accounts", "alice"]) == 2)
        #expect(locator.line(of: ["accounts", "alice", "expires"]) == 3)
    }

    @Test func keysInsideInlineTables() {
        let locator = TOMLKeyLocator(text: """
            [accounts]
            alice = { aor = "sip:alice@example.com", transport = "sctp" }
            bob = { aor = "sip:bob@example.com",
                    expires = 60 }
            """)
        #expect(locator.line(of: ["accounts", "alice", "transport"]) == 2)
        #expect(locator.line(of: ["accounts", "bob", "expires"]) == 4)
    }

    @Test func multilineStringsAndArraysDoNotConfuseLineCounting() {
        let locator = TOMLKeyLocator(text: """
            display_name = \"\"\"
            [accounts.fake]
            transport = "nope"
            \"\"\"
            list = [
              "a", # comment with ] bracket
              'b]',
            ]
            literal = '''
            x = 1
            '''
            [accounts.real]
            transport = "udp"
            """)
        #expect(locator.lines[["accounts", "fake"]] == nil)
        #expect(locator.lines[["accounts", "fake", "transport"]] == nil)
        #expect(locator.line(of: ["x"]) == nil)
        #expect(locator.line(of: ["literal"]) == 9)
        #expect(locator.line(of: ["accounts", "real", "transport"]) == 13)
    }

    @Test func escapedQuotesInStringsAndKeys() {
        let locator = TOMLKeyLocator(text: "a = \"quote \\\" [not.a.table]\"\n\"k\\u0065y\" = 1\n")
        #expect(locator.line(of: ["key"]) == 2)
        #expect(locator.lines[["not", "a", "table"]] == nil)
        #expect(locator.lines[["not"]] == nil)
    }

    @Test func reportsNULEscapes() {
        #expect(TOMLKeyLocator(text: "a = 1\npassword = \"ab\\u0000c\"\n").firstNULEscapeLine == 2)
        #expect(TOMLKeyLocator(text: "a = 'ab\\u0000c'\n").firstNULEscapeLine == nil)
        #expect(TOMLKeyLocator(text: "a = \"ab\\\\u0000c\"\n").firstNULEscapeLine == nil)
    }

    @Test func arraysOfTablesRecordFirstOccurrence() {
        let locator = TOMLKeyLocator(text: "[[servers]]\nname = \"a\"\n[[servers]]\nname = \"b\"\n")
        #expect(locator.line(of: ["servers"]) == 1)
        #expect(locator.line(of: ["servers", "name"]) == 2)
    }

    @Test func survivesGarbageAndDeepNesting() {
        // Not valid TOML: the locator must still terminate without crashing.
        let garbage = ["[[[[", "= = =", "\"unterminated", "a = [[[[[[", "{ } ] [", "a.b. = ", "'''", "\u{FFFD}\u{0}"]
        for text in garbage { _ = TOMLKeyLocator(text: text) }
        _ = TOMLKeyLocator(text: "a = " + String(repeating: "[", count: 10_000))
        _ = TOMLKeyLocator(text: "a = " + String(repeating: "{b=", count: 10_000))
    }
}
