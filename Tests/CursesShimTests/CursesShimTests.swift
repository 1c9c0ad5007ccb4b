import CCursesShim
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The curses shim links against ncursesw/tinfo and measures text in terminal
/// cells, which the TUI needs to align CJK and emoji names.
@Suite struct CursesShimTests {
    init() { _ = setlocale(LC_ALL, "C.UTF-8") }

    @Test func cellWidths() {
        #expect(sh_wcwidth(UInt32(("a" as Unicode.Scalar).value)) == 1)
        #expect(sh_wcwidth(0x738B) == 2)        // 王
        #expect(sh_wcwidth(0x1F600) == 2)       // 😀
        #expect(sh_wcwidth(0x0301) == 0)        // combining acute accent
        #expect(sh_wcwidth(0x07) == -1)         // BEL is not printable
    }

    @Test func attributesAreDistinctBits() {
        #expect(sh_a_bold() != 0)
        #expect(sh_a_bold() != sh_a_reverse())
        #expect(sh_a_dim() & sh_a_bold() == 0)
    }

    @Test func noScreenBeforeInitscr() {
        #expect(sh_stdscr() == nil)
    }
}
