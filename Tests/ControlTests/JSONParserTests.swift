import Testing
@testable import Control

@Suite("JSON parser: accepted values")
struct JSONParserTests {
    @Test("scalars", arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .int(0)),
        ("-0", .int(0)),
        ("42", .int(42)),
        ("-17", .int(-17)),
        ("9223372036854775807", .int(Int.max)),
        ("-9223372036854775808", .int(Int.min)),
        ("9223372036854775808", .double(9223372036854775808.0)),
        ("1.5", .double(1.5)),
        ("-0.25", .double(-0.25)),
        ("1e3", .double(1000)),
        ("1E+2", .double(100)),
        ("2.5e-3", .double(0.0025)),
        ("1e-400", .double(0)),
        ("\"\"", .string("")),
        ("\"abc\"", .string("abc")),
        ("  \t\r\n 7 \n", .int(7)),
    ])
    func scalar(text: String, expected: JSONValue) throws {
        #expect(try JSONValue(parsing: text) == expected)
    }

    @Test("escapes decode to the characters they name", arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u4E2D""#, "Aé中"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\u0000""#, "\u{0}"),
        (#""a\nb""#, "a\nb"),
    ])
    func escapes(text: String, expected: String) throws {
        #expect(try JSONValue(parsing: text) == .string(expected))
    }

    @Test("raw UTF-8 passes through")
    func rawUnicode() throws {
        let text = "\"日本語 café 😀 \u{2028}\""
        #expect(try JSONValue(parsing: text) == .string("日本語 café 😀 \u{2028}"))
    }

    @Test("objects keep member order")
    func objectOrder() throws {
        let value = try JSONValue(parsing: #"{"z": 1, "a": [true, null], "m": {"k": "v"}}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m"])
        #expect(value == ["z": 1, "a": [true, nil], "m": ["k": "v"]])
        #expect(value != ["a": [true, nil], "z": 1, "m": ["k": "v"]])
    }

    @Test("empty containers and whitespace between tokens")
    func containers() throws {
        #expect(try JSONValue(parsing: "[ ]") == [])
        #expect(try JSONValue(parsing: "{ }") == .object([:]))
        #expect(try JSONValue(parsing: " [ 1 , [ ] , { \"a\" : [ ] } ] ") == [1, [], ["a": []]])
    }

    @Test("nesting up to the limit is accepted")
    func nestingAtLimit() throws {
        let parser = JSONParser(maxDepth: 64)
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try parser.parse(text) }
    }

    @Test("a configured depth above the ceiling is clamped")
    func depthCeiling() {
        #expect(JSONParser(maxDepth: 1_000_000).maxDepth == JSONParser.depthCeiling)
        #expect(JSONParser(maxDepth: -3).maxDepth == 0)
    }
}
