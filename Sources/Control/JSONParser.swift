/// A strict RFC 8259 parser that reports every problem as a `JSONParseError`
/// and never traps: nesting is capped (so 100,000 `[` cannot exhaust the
/// stack), numbers are checked before conversion, and indices are only read
/// after a bounds check.
///
/// Stricter than RFC 8259 in one place: duplicate member names are an error.
public struct JSONParser: Sendable {
    /// The deepest nesting any parser accepts, whatever it is configured
    /// with: each level is one stack frame.
    public static let depthCeiling = 512

    /// Arrays and objects may nest this deep; `[]` is depth 1.
    public let maxDepth: Int

    public init(maxDepth: Int = 64) {
        self.maxDepth = min(max(maxDepth, 0), Self.depthCeiling)
    }

    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        var reader = JSONByteReader(bytes: Array(bytes), maxDepth: maxDepth)
        return try reader.parseDocument()
    }

    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

extension JSONValue {
    /// Parses `text` with the default `JSONParser`.
    public init(parsing text: String) throws(JSONParseError) {
        self = try JSONParser().parse(text)
    }

    /// Parses UTF-8 `bytes` with the default `JSONParser`.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        self = try JSONParser().parse(bytes)
    }
}

/// The cursor over one input. Separate from `JSONParser` so that the parser
/// stays an immutable, shareable configuration.
struct JSONByteReader {
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var index = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw JSONParseError(.empty, at: index) }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw JSONParseError(.trailingData, at: index) }
        return value
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
        }
    }

    private func unexpected() -> JSONParseError {
        guard let byte = current else { return JSONParseError(.unexpectedEnd, at: index) }
        return JSONParseError(.unexpectedByte(byte), at: index)
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard let byte = current else { throw JSONParseError(.unexpectedEnd, at: index) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw unexpected()
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(JSONParseError) {
        for byte in literal.utf8 {
            guard current == byte else { throw unexpected() }
            index += 1
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw JSONParseError(.tooDeep(limit: maxDepth), at: index) }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw unexpected()
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= maxDepth else { throw JSONParseError(.tooDeep(limit: maxDepth), at: index) }
        index += 1  // {
        var object = JSONObject()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw unexpected() }
            let keyOffset = index
            let key = try parseString()
            guard object[key] == nil else { throw JSONParseError(.duplicateKey(key), at: keyOffset) }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw unexpected() }
            index += 1
            skipWhitespace()
            object[key] = try parseValue(depth: depth)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(object)
            default: throw unexpected()
            }
        }
    }

    /// Reads a string starting at its opening quote.
    private mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        index += 1  // "
        var decoded: [UInt8] = []
        var runStart = index
        while true {
            guard let byte = current else { throw JSONParseError(.unexpectedEnd, at: index) }
            switch byte {
            case UInt8(ascii: "\""):
                decoded.append(contentsOf: bytes[runStart..<index])
                index += 1
                return try validatedString(decoded, startingAt: start)
            case UInt8(ascii: "\\"):
                decoded.append(contentsOf: bytes[runStart..<index])
                try appendEscape(to: &decoded)
                runStart = index
            case 0x00..<0x20:
                throw JSONParseError(.controlCharacterInString, at: index)
            default:
                index += 1
            }
        }
    }

    /// Valid UTF-8 decodes to the same bytes; anything else gets U+FFFD
    /// substitutions and so compares unequal.
    private func validatedString(_ utf8: [UInt8], startingAt offset: Int) throws(JSONParseError) -> String {
        let string = String(decoding: utf8, as: UTF8.self)
        guard string.utf8.elementsEqual(utf8) else { throw JSONParseError(.invalidUTF8, at: offset) }
        return string
    }

    private mutating func appendEscape(to decoded: inout [UInt8]) throws(JSONParseError) {
        let escapeOffset = index
        index += 1  // backslash
        guard let byte = current else { throw JSONParseError(.unexpectedEnd, at: index) }
        index += 1
        let simple: UInt8? = switch byte {
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "/"): 0x2F
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
        if let simple {
            decoded.append(simple)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw JSONParseError(.invalidEscape, at: escapeOffset) }
        let first = try readHexQuad(escapeOffset: escapeOffset)
        let scalarValue: UInt32
        switch first {
        case 0xD800...0xDBFF:
            // A high surrogate is only meaningful followed by `\u` and a low one.
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                  bytes[index + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(.invalidUnicodeEscape, at: escapeOffset)
            }
            index += 2
            let second = try readHexQuad(escapeOffset: escapeOffset)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw JSONParseError(.invalidUnicodeEscape, at: escapeOffset)
            }
            scalarValue = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw JSONParseError(.invalidUnicodeEscape, at: escapeOffset)
        default:
            scalarValue = first
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw JSONParseError(.invalidUnicodeEscape, at: escapeOffset)
        }
        decoded.append(contentsOf: scalar.utf8)
    }

    private mutating func readHexQuad(escapeOffset: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexDigitValue(byte) else {
                throw JSONParseError(.invalidUnicodeEscape, at: escapeOffset)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let firstDigit = current else { throw JSONParseError(.invalidNumber, at: start) }
        switch firstDigit {
        case UInt8(ascii: "0"):
            index += 1
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            skipDigits()
        default:
            throw JSONParseError(.invalidNumber, at: start)
        }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard skipDigits() > 0 else { throw JSONParseError(.invalidNumber, at: start) }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw JSONParseError(.invalidNumber, at: start) }
        }
        // A digit right after a leading zero ("01") ends the number early; the
        // caller would call it trailing data, but the number is what is wrong.
        if let next = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
            throw JSONParseError(.invalidNumber, at: start)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let integer = Int(text) {
            return .int(integer)
        }
        guard let double = Double(text), double.isFinite else {
            throw JSONParseError(.numberOutOfRange, at: start)
        }
        return .double(double)
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            index += 1
        }
        return index - start
    }
}
