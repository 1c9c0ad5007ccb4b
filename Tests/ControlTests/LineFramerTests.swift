import Testing
@testable import Control

@Suite("Line framing")
struct LineFramerTests {
    static func lines(_ text: String) -> LineFramer.Output { .line(Array(text.utf8)) }

    @Test("lines split at newlines, CR dropped, empty lines skipped, partial kept")
    func splitting() {
        var framer = LineFramer(maxLineBytes: 100)
        #expect(framer.append(Array("a\nbc\r\n\n\r\nd".utf8)) == [Self.lines("a"), Self.lines("bc")])
        #expect(framer.bufferedByteCount == 1)
        #expect(framer.append(Array("e\n".utf8)) == [Self.lines("de")])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test("a line arriving one byte at a time")
    func byteAtATime() {
        var framer = LineFramer(maxLineBytes: 100)
        var outputs: [LineFramer.Output] = []
        for byte in "hello\r\nworld\n".utf8 { outputs += framer.append([byte]) }
        #expect(outputs == [Self.lines("hello"), Self.lines("world")])
    }

    @Test("a line of exactly the limit passes, one more byte does not")
    func limit() {
        var exact = LineFramer(maxLineBytes: 4)
        #expect(exact.append(Array("abcd\r\n".utf8)) == [Self.lines("abcd")])
        var over = LineFramer(maxLineBytes: 4)
        #expect(over.append(Array("abcde\n".utf8)) == [.tooLong])
    }

    @Test("too long without a newline is noticed before the newline comes")
    func overflowWithoutNewline() {
        var framer = LineFramer(maxLineBytes: 4)
        #expect(framer.append(Array("ab".utf8)) == [])
        #expect(framer.append(Array("cde".utf8)) == [])  // "abcde" may still be "abcd" + "\r"
        #expect(framer.append(Array("f".utf8)) == [.tooLong])
        #expect(framer.hasOverflowed)
    }

    @Test("after an overflow everything is ignored")
    func ignoredAfterOverflow() {
        var framer = LineFramer(maxLineBytes: 4)
        #expect(framer.append(Array("ok\ntoolong\nok\n".utf8)) == [Self.lines("ok"), .tooLong])
        #expect(framer.append(Array("fine\n".utf8)) == [])
    }
}
