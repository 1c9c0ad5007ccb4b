import Testing
@testable import Control

@Suite("JSON parser: malformed input")
struct JSONMalformedTests {
    static func reason(_ text: String, parser: JSONParser = JSONParser()) -> JSONParseError.Reason? {
        reason(Array(text.utf8), parser: parser)
    }

    static func reason(_ bytes: [UInt8], parser: JSONParser = JSONParser()) -> JSONParseError.Reason? {
        do {
            _ = try parser.parse(bytes)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test("every proper prefix of a document is rejected")
    func truncations() {
        let document = #"{"id":12,"command":"message sip:bob@x 'hi \u00e9'","list":[1.5e3,-2,true,false,null,{"a":"\ud83d\ude00"}]}"#
        let bytes = Array(document.utf8)
        #expect(Self.reason(bytes) == nil)
        for length in 0..<bytes.count {
            let reason = Self.reason(Array(bytes[..<length]))
            #expect(reason != nil, "prefix of \(length) bytes was accepted")
        }
    }

    @Test("syntax errors", arguments: [
        ("", JSONParseError.Reason.empty),
        ("   ", .empty),
        ("[1,]", .unexpectedByte(UInt8(ascii: "]"))),
        ("{\"a\":1,}", .unexpectedByte(UInt8(ascii: "}"))),
        ("[1 2]", .unexpectedByte(UInt8(ascii: "2"))),
        ("{\"a\" 1}", .unexpectedByte(UInt8(ascii: "1"))),
        ("{a:1}", .unexpectedByte(UInt8(ascii: "a"))),
        ("{'a':1}", .unexpectedByte(UInt8(ascii: "'"))),
        ("'a'", .unexpectedByte(UInt8(ascii: "'"))),
        ("tru", .unexpectedEnd),
        ("nul", .unexpectedEnd),
        ("nulL", .unexpectedByte(UInt8(ascii: "L"))),
        ("True", .unexpectedByte(UInt8(ascii: "T"))),
        ("NaN", .unexpectedByte(UInt8(ascii: "N"))),
        ("Infinity", .unexpectedByte(UInt8(ascii: "I"))),
        ("1 2", .trailingData),
        ("{} x", .trailingData),
        ("[1] // comment", .trailingData),
        ("/* c */ 1", .unexpectedByte(UInt8(ascii: "/"))),
        ("\u{FEFF}1", .unexpectedByte(0xEF)),
    ])
    func syntax(text: String, expected: JSONParseError.Reason) {
        #expect(Self.reason(text) == expected)
    }

    @Test("numbers outside RFC 8259 §6", arguments: [
        "01", "-01", "00", "-", "--1", "+1", "1.", ".5", "1.e3", "1e", "1e+", "-.5", "0x10", "1.5.2",
    ])
    func badNumbers(text: String) {
        let reason = Self.reason(text)
        #expect(reason == .invalidNumber || reason == .unexpectedByte(UInt8(ascii: text.first == "." ? "." : "+"))
                || reason == .trailingData, "\(text): \(String(describing: reason))")
        #expect(reason != nil)
    }

    @Test("numbers too large for a Double", arguments: ["1e400", "-1e400", "1" + String(repeating: "0", count: 400) + ".0"])
    func hugeNumbers(text: String) {
        #expect(Self.reason(text) == .numberOutOfRange)
    }

    @Test("bad escapes", arguments: [
        (#""\x""#, JSONParseError.Reason.invalidEscape),
        (#""\'""#, .invalidEscape),
        (#""\u12""#, .invalidUnicodeEscape),
        (#""\u12G4""#, .invalidUnicodeEscape),
        (#""\ud83d""#, .invalidUnicodeEscape),
        (#""\ud83dx""#, .invalidUnicodeEscape),
        (#""\ud83d\u0041""#, .invalidUnicodeEscape),
        (#""\ude00""#, .invalidUnicodeEscape),
        (#""\"#, .unexpectedEnd),
    ])
    func escapes(text: String, expected: JSONParseError.Reason) {
        #expect(Self.reason(text) == expected)
    }

    @Test("raw control characters inside strings", arguments: [0x00, 0x01, 0x0A, 0x0D, 0x1F] as [UInt8])
    func controlCharacters(byte: UInt8) {
        let bytes: [UInt8] = [0x22, 0x61, byte, 0x62, 0x22]
        #expect(Self.reason(bytes) == .controlCharacterInString)
    }

    @Test("a raw NUL outside a string")
    func nulOutsideString() {
        #expect(Self.reason([0x31, 0x00]) == .trailingData)
        #expect(Self.reason([0x00]) == .unexpectedByte(0))
    }

    @Test("invalid UTF-8 inside strings", arguments: [
        [0xFF], [0xC0, 0x80], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80],
    ] as [[UInt8]])
    func invalidUTF8(sequence: [UInt8]) {
        #expect(Self.reason([0x22] + sequence + [0x22]) == .invalidUTF8)
    }

    @Test("duplicate keys are refused, also when nested")
    func duplicateKeys() {
        #expect(Self.reason(#"{"a":1,"a":2}"#) == .duplicateKey("a"))
        #expect(Self.reason(#"{"x":{"b":1,"c":2,"b":3}}"#) == .duplicateKey("b"))
        #expect(Self.reason(#"[{"a":1},{"a":2}]"#) == nil)
    }

    @Test("100,000 levels of nesting fail cleanly", arguments: ["[", "{\"a\":", "[{\"a\":"])
    func deepNesting(opener: String) {
        let text = String(repeating: opener, count: 100_000)
        #expect(Self.reason(text) == .tooDeep(limit: 64))
        // The ceiling holds even for a parser that asked for more.
        #expect(Self.reason(text, parser: JSONParser(maxDepth: .max)) == .tooDeep(limit: JSONParser.depthCeiling))
    }

    @Test("one level past the limit is refused")
    func justTooDeep() {
        let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(Self.reason(text) == .tooDeep(limit: 64))
    }

    @Test("errors say where they are")
    func offsets() throws {
        let error = try #require(throws: JSONParseError.self) { try JSONValue(parsing: "[1, 2, x]") }
        #expect(error.offset == 7)
        #expect(error.description == "unexpected byte 0x78 at byte 7")
    }
}
