/// Why a text is not the JSON the control socket accepts, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// Nothing but whitespace.
        case empty
        /// The text ended inside a value.
        case unexpectedEnd
        /// A byte that cannot start or continue the value here.
        case unexpectedByte(UInt8)
        /// A complete value followed by more than whitespace.
        case trailingData
        /// Bytes that are not UTF-8 (RFC 8259 §8.1).
        case invalidUTF8
        /// A raw control character (U+0000 to U+001F) inside a string.
        case controlCharacterInString
        /// A backslash not followed by one of `"\/bfnrtu`.
        case invalidEscape
        /// `\u` not followed by four hex digits, or a surrogate without its pair.
        case invalidUnicodeEscape
        /// Not a number by RFC 8259 §6 (leading zeros, a bare `-`, `1.`, `.5`, `+1`).
        case invalidNumber
        /// A number too large for a `Double` (`1e400`).
        case numberOutOfRange
        /// Arrays and objects nested deeper than the parser's limit.
        case tooDeep(limit: Int)
        /// The same member name twice in one object (RFC 8259 §4 leaves the
        /// meaning open; we refuse to guess).
        case duplicateKey(String)
    }

    public let reason: Reason
    /// Byte offset into the input where the problem was found.
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        let what: String = switch reason {
        case .empty: "empty input"
        case .unexpectedEnd: "unexpected end of input"
        case .unexpectedByte(let byte): "unexpected byte 0x\(String(byte, radix: 16, uppercase: true))"
        case .trailingData: "data after the JSON value"
        case .invalidUTF8: "invalid UTF-8"
        case .controlCharacterInString: "raw control character in string"
        case .invalidEscape: "invalid escape sequence"
        case .invalidUnicodeEscape: "invalid \\u escape"
        case .invalidNumber: "invalid number"
        case .numberOutOfRange: "number out of range"
        case .tooDeep(let limit): "nested deeper than \(limit) levels"
        case .duplicateKey(let key): "duplicate key \"\(key)\""
        }
        return "\(what) at byte \(offset)"
    }
}
