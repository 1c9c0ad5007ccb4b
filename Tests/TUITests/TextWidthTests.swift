import Testing
@testable import TUI

/// Text is measured and cut in terminal cells, never splitting a wide
/// character or separating an accent from its letter.
@Suite struct TextWidthTests {
    @Test(arguments: [
        ("abc", 3), ("王小明", 6), ("さくら 戻りました", 17), ("Bob 😀", 6),
        ("Zoë", 3), ("Zoe\u{308}", 3), ("Rene\u{301}e", 5), ("Ångström", 8), ("", 0),
    ])
    func cellCounts(text: String, cells: Int) {
        #expect(TextWidth.cells(text) == cells)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        // 5 cells: 王 (2) + 小 (2) + "…" (1); 明 would need 2 more.
        #expect(TextWidth.truncate("王小明明", to: 5) == "王小…")
        #expect(TextWidth.truncate("王小明明", to: 4) == "王…")
        #expect(TextWidth.truncate("王小明", to: 4, ellipsis: false) == "王小")
        #expect(TextWidth.truncate("王小明", to: 3, ellipsis: false) == "王")
        #expect(TextWidth.truncate("王", to: 1, ellipsis: false) == "")
    }

    @Test func fitPadsToExactWidth() {
        for width in 0...9 {
            for text in ["王小明明", "Bob 😀 Smith", "Rene\u{301}e Zoë", "abc"] {
                #expect(TextWidth.cells(TextWidth.fit(text, to: width)) == width, "\(text) at \(width)")
            }
        }
        #expect(TextWidth.fit("王小明", to: 5) == "王小…")
        #expect(TextWidth.fit("王小", to: 3) == "王…")
        #expect(TextWidth.fit("王小", to: 3, ellipsis: false) == "王 ")
    }

    @Test func combiningMarksStayWithTheirLetter() {
        let text = "Rene\u{301}e"
        #expect(TextWidth.truncate(text, to: 4, ellipsis: false) == "Rene\u{301}")
        #expect(TextWidth.truncate(text, to: 3, ellipsis: false) == "Ren")
        #expect(TextWidth.truncate(text, to: 4) == "Ren…")
    }

    @Test func emojiTakeTwoCells() {
        #expect(TextWidth.truncate("Bob 😀!", to: 5, ellipsis: false) == "Bob ")
        #expect(TextWidth.truncate("Bob 😀!", to: 6, ellipsis: false) == "Bob 😀")
        #expect(TextWidth.truncate("Bob 😀!", to: 6) == "Bob …")
    }

    @Test func textThatFitsIsUntouched() {
        #expect(TextWidth.truncate("Zoë Ångström", to: 12) == "Zoë Ångström")
        #expect(TextWidth.truncate("Zoë Ångström", to: 11) == "Zoë Ångstr…")
    }

    @Test func controlCharactersCannotReachTheTerminal() {
        #expect(TextWidth.sanitized("evil\u{1B}[2Jname\nnext\t!") == "evil\u{FFFD}[2Jname\u{FFFD}next\u{FFFD}!")
        #expect(TextWidth.sanitized("\u{301}lone mark") == "lone mark")
        #expect(TextWidth.sanitized("zero\u{200B}width") == "zerowidth")
    }

    @Test func paddingAndTails() {
        #expect(TextWidth.padLeft("王", to: 4) == "  王")
        #expect(TextWidth.padLeft("abcdef", to: 4) == "abc…")
        #expect(TextWidth.tail("dial sip:王小明@example", fitting: 10) == "明@example")
        #expect(TextWidth.tail("王小明", fitting: 3) == "明")
    }
}
