// Splits `scheme auth-param *("," auth-param)` (RFC 3261 §25.1 "challenge"
// and "credentials", RFC 7235 §2.1) into a scheme and name/value pairs.
//
// Works on UTF-8 bytes: the grammar is ASCII, non-ASCII bytes may appear
// only inside quoted strings (UTF8-NONASCII in qdtext), and byte offsets let
// the redaction code replace one value without re-serialising the rest.
//
// Deliberately strict where leniency would be ambiguous (duplicated names,
// a name without a value) and lenient where real servers differ from the
// ABNF without ambiguity (unquoted realm/nonce, empty list elements, LWS
// around "=", folded lines).

/// One `name=value` of an auth-param list.
struct AuthParam: Equatable, Sendable {
    /// Lower-cased: parameter names are case-insensitive (RFC 7235 §2.1).
    var name: String
    /// The value with quotes removed and quoted-pairs unescaped.
    var value: String
    /// UTF-8 byte offsets of the value as written, quotes included.
    var valueRange: Range<Int>
}

/// A lexed challenge or credentials value.
struct AuthHeaderFields: Equatable, Sendable {
    /// As written (case preserved); compare case-insensitively.
    var scheme: String
    var params: [AuthParam]

    /// The value of parameter `name` (lower-case), if present.
    func value(of name: String) -> String? {
        params.first { $0.name == name }?.value
    }
}

enum AuthParamLexer {
    /// Real challenges and credentials are a few hundred bytes. The lexer is
    /// linear, so this is not about speed: it stops a hostile peer from making
    /// us hold and copy arbitrarily large nonces and opaques.
    static let maximumByteCount = 16 * 1024

    static func lex(_ headerValue: String) throws(DigestParseError) -> AuthHeaderFields {
        let byteCount = headerValue.utf8.count
        guard byteCount <= maximumByteCount else {
            throw .tooLong(byteCount: byteCount, limit: maximumByteCount)
        }
        var cursor = ByteCursor(bytes: Array(headerValue.utf8))
        return try cursor.lexHeader()
    }
}

/// A position in the header value's bytes, and the grammar rules that move it.
private struct ByteCursor {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }
    var current: UInt8? { isAtEnd ? nil : bytes[offset] }

    mutating func lexHeader() throws(DigestParseError) -> AuthHeaderFields {
        skipWhitespace()
        guard !isAtEnd else { throw .empty }
        let scheme = readToken()
        guard !scheme.isEmpty else { throw .missingScheme }
        // The scheme must be followed by whitespace or end the value.
        // `realm="x"` is a parameter where the scheme should have been.
        if current == UInt8(ascii: "=") { throw .missingScheme }
        if let byte = current, !ByteClass.isWhitespace(byte) {
            throw .unexpectedCharacter(byte: byte, offset: offset)
        }
        var params: [AuthParam] = []
        var seenNames: Set<String> = []
        while true {
            skipWhitespace()
            guard let byte = current else { break }
            if byte == UInt8(ascii: "="), params.isEmpty {
                // `realm = "x"`: what looked like a scheme was a parameter name.
                throw .missingScheme
            }
            if byte == UInt8(ascii: ",") {
                // RFC 7230 §7 list rule: empty elements are allowed and ignored.
                offset += 1
                continue
            }
            let param = try readParam()
            guard seenNames.insert(param.name).inserted else {
                throw .duplicateParameter(param.name)
            }
            params.append(param)
            skipWhitespace()
            if let byte = current, byte != UInt8(ascii: ",") {
                throw .unexpectedCharacter(byte: byte, offset: offset)
            }
        }
        return AuthHeaderFields(scheme: scheme, params: params)
    }

    /// `token EQUAL ( token / quoted-string )`, at a non-whitespace byte.
    private mutating func readParam() throws(DigestParseError) -> AuthParam {
        let nameStart = offset
        let name = readToken().lowercased()
        guard !name.isEmpty else {
            throw .unexpectedCharacter(byte: bytes[nameStart], offset: nameStart)
        }
        skipWhitespace()
        guard let equals = current, equals != UInt8(ascii: ",") else {
            throw .missingValue(parameter: name)
        }
        guard equals == UInt8(ascii: "=") else {
            throw .unexpectedCharacter(byte: equals, offset: offset)
        }
        offset += 1
        skipWhitespace()
        guard let first = current, first != UInt8(ascii: ",") else {
            throw .missingValue(parameter: name)
        }
        let valueStart = offset
        if first == UInt8(ascii: "\"") {
            let value = try readQuotedString(parameter: name)
            return AuthParam(name: name, value: value, valueRange: valueStart..<offset)
        }
        let value = readUnquotedValue()
        guard !value.isEmpty else {
            throw .unexpectedCharacter(byte: first, offset: valueStart)
        }
        return AuthParam(name: name, value: value, valueRange: valueStart..<offset)
    }

    /// RFC 3261 §25.1 quoted-string, starting at its opening quote. A line
    /// fold (CRLF then SP/HT) inside is dropped, leaving the whitespace.
    private mutating func readQuotedString(parameter: String) throws(DigestParseError) -> String {
        offset += 1
        var value: [UInt8] = []
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "\\"):
                // quoted-pair. RFC 3261 also allows escaped control bytes;
                // refusing them keeps NUL, CR and LF out of every value we
                // might later echo into a header or a log.
                let escapedOffset = offset + 1
                guard escapedOffset < bytes.count else {
                    throw .unterminatedQuotedString(parameter: parameter)
                }
                let escaped = bytes[escapedOffset]
                guard escaped == 0x09 || (0x20...0x7e).contains(escaped) else {
                    throw .unexpectedCharacter(byte: escaped, offset: escapedOffset)
                }
                value.append(escaped)
                offset += 2
            case 0x0d, 0x0a:
                guard let foldEnd = lineFoldEnd(at: offset) else {
                    throw .unexpectedCharacter(byte: byte, offset: offset)
                }
                offset = foldEnd
            case 0x09, 0x20...0x7e, 0x80...0xff:
                value.append(byte)
                offset += 1
            default:
                throw .unexpectedCharacter(byte: byte, offset: offset)
            }
        }
        throw .unterminatedQuotedString(parameter: parameter)
    }

    /// An unquoted value. RFC 3261 says token, but servers send unquoted
    /// base64 nonces ("/", "="), so accept any visible ASCII except the two
    /// bytes that would make the list ambiguous: '"' and ','.
    private mutating func readUnquotedValue() -> String {
        let start = offset
        while let byte = current, (0x21...0x7e).contains(byte),
              byte != UInt8(ascii: "\""), byte != UInt8(ascii: ",") {
            offset += 1
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// RFC 3261 §25.1 token.
    private mutating func readToken() -> String {
        let start = offset
        while let byte = current, ByteClass.isToken(byte) { offset += 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// Skips SP, HT, CR and LF. Outside quoted strings a bare line break can
    /// only be a fold the caller did not unfold, or the end of the value.
    private mutating func skipWhitespace() {
        while let byte = current, ByteClass.isWhitespace(byte) { offset += 1 }
    }

    /// If a line fold (CRLF, or bare LF/CR, followed by SP/HT) starts at
    /// `start`, the offset of the whitespace after the line break.
    private func lineFoldEnd(at start: Int) -> Int? {
        var index = start
        if index < bytes.count, bytes[index] == 0x0d { index += 1 }
        if index < bytes.count, bytes[index] == 0x0a { index += 1 }
        guard index > start, index < bytes.count,
              bytes[index] == 0x20 || bytes[index] == 0x09 else { return nil }
        return index
    }
}

/// Byte classes of the RFC 3261 §25.1 grammar.
enum ByteClass {
    /// SP, HT, and the CR and LF of line folds.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0a
    }

    /// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return tokenPunctuation.contains(byte)
        }
    }

    private static let tokenPunctuation: Set<UInt8> = Set("-.!%*_+`'~".utf8)
}
