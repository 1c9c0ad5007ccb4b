import Foundation
import Testing
@testable import Control

@Suite("JSON encoding")
struct JSONEncodingTests {
    @Test("compact encoding", arguments: [
        (JSONValue.null, "null"),
        (.bool(true), "true"),
        (.int(-12), "-12"),
        (.double(1.0), "1.0"),
        (.double(0.1), "0.1"),
        (.double(1e-5), "1e-05"),
        (.double(.infinity), "null"),
        (.double(.nan), "null"),
        (.string("a\"b\\c"), #""a\"b\\c""#),
        (.string("line\nbreak\r\ttab"), #""line\nbreak\r\ttab""#),
        (.string("\u{0}\u{1}\u{1F}\u{7F}\u{08}\u{0C}"), #""\u0000\u0001\u001f\u007f\b\f""#),
        (.string("\u{2028}\u{2029}"), #""\u2028\u2029""#),
        (.string("é😀/"), "\"é😀/\""),
        ([1, "two", nil, [], ["k": false]] as JSONValue, #"[1,"two",null,[],{"k":false}]"#),
        (["b": 1, "a": ["c": [1.5]]] as JSONValue, #"{"b":1,"a":{"c":[1.5]}}"#),
    ])
    func encoding(value: JSONValue, expected: String) {
        #expect(value.encodedString() == expected)
    }

    static let samples: [JSONValue] = [
        .null, true, false, 0, -1, .int(.max), .int(.min), 0.5, -1e300, .double(.leastNonzeroMagnitude), 123456.789,
        "", "plain", "quote \" backslash \\ slash /", "\u{0}\u{1F}\n\r\t", "日本語 😀 \u{2028}",
        [], [[[]]], ["nested": ["deeper": [1, [2, ["three": nil]]]]],
        .object(JSONObject((0..<50).map { ("key\($0)", JSONValue.int($0)) })),
    ]

    @Test("encode then parse gives the same value, on one line", arguments: samples)
    func roundTrip(value: JSONValue) throws {
        let bytes = value.encodedBytes()
        #expect(!bytes.contains(UInt8(ascii: "\n")))
        #expect(!bytes.contains(UInt8(ascii: "\r")))
        #expect(try JSONParser(maxDepth: 64).parse(bytes) == value)
    }

    @Test("parse then encode gives compact text")
    func parseEncode() throws {
        let text = #" { "id" : 7 , "data" : [ 1 , 2.5 , "x" ] } "#
        #expect(try JSONValue(parsing: text).encodedString() == #"{"id":7,"data":[1,2.5,"x"]}"#)
    }

    @Test("Codable through Foundation keeps values and member order on encoding", arguments: samples)
    func codable(value: JSONValue) throws {
        let data = try JSONEncoder().encode(value)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(Self.sortingKeys(decoded) == Self.sortingKeys(Self.foundationNumbers(value)))
        let ours = try JSONValue(parsing: Array(data))
        #expect(Self.sortingKeys(ours) == Self.sortingKeys(Self.foundationNumbers(value)))
    }

    @Test("Codable inside another Codable type")
    func nestedCodable() throws {
        struct Envelope: Codable, Equatable { var name: String; var payload: JSONValue }
        let envelope = Envelope(name: "x", payload: ["a": [1, "b", nil]])
        let data = try JSONEncoder().encode(envelope)
        #expect(try JSONDecoder().decode(Envelope.self, from: data) == envelope)
    }

    /// Foundation's decoder does not promise member order, so compare sorted.
    static func sortingKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements): .array(elements.map(sortingKeys))
        case .object(let object):
            .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { ($0.key, sortingKeys($0.value)) }))
        default: value
        }
    }

    /// Foundation writes a whole Double such as 1.0 as "1", which then reads
    /// back as an integer; that is Foundation's spelling, not a loss.
    static func foundationNumbers(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let number) where number.rounded() == number && abs(number) < 9e15: .int(Int(number))
        case .array(let elements): .array(elements.map(foundationNumbers))
        case .object(let object): .object(JSONObject(object.members.map { ($0.key, foundationNumbers($0.value)) }))
        default: value
        }
    }
}
