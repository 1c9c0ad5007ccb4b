// Finds the line on which a TOML key is defined, by scanning the source text.
//
// Why: TOMLKit 0.6.0 parses with toml++ (which tracks node positions) but does
// not expose those positions, so a semantic error ("transport must be udp, tcp
// or tls") could not name its line. This scanner understands just enough TOML
// to map key paths to lines: table headers, dotted and quoted keys, strings of
// all four kinds, arrays and inline tables. It runs only on documents TOMLKit
// already accepted, so it never has to report syntax errors; on anything odd
// it skips to the next line rather than fail, and always makes progress.

struct TOMLKeyLocator {
    /// First line (1-based) that defines each key path, including tables
    /// created implicitly by headers and dotted keys.
    private(set) var lines: [[String]: Int] = [:]
    /// First line holding a `\u0000` escape in a basic string or quoted key.
    /// TOMLKit hands strings to Swift as C strings, so such a value would be
    /// silently cut short; the decoder refuses it instead.
    private(set) var firstNULEscapeLine: Int?

    private let text: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private static let maxNesting = 64

    init(text: String) {
        self.text = Array(text.unicodeScalars)
        scanDocument()
    }

    /// The line defining `path`, or else the line of its nearest defined ancestor
    /// (e.g. the `[accounts.alice]` header, or `alice = { ... }` for an inline table).
    func line(of path: [String]) -> Int? {
        var candidate = path[...]
        while !candidate.isEmpty {
            if let line = lines[Array(candidate)] { return line }
            candidate = candidate.dropLast()
        }
        return nil
    }

    // MARK: - Document structure

    private mutating func scanDocument() {
        var currentTable: [String] = []
        while true {
            skipTrivia()
            guard let scalar = peek() else { return }
            let start = index
            if scalar == "[" {
                let headerLine = line
                advance()
                let isArrayOfTables = peek() == "["
                if isArrayOfTables { advance() }
                skipSpaces()
                if let key = scanKey() {
                    currentTable = key
                    record(key, at: headerLine)
                }
            } else {
                scanKeyValue(prefix: currentTable, recording: true, depth: 0)
            }
            skipToEndOfLine()
            if index == start { advance() }
        }
    }

    private mutating func scanKeyValue(prefix: [String], recording: Bool, depth: Int) {
        let keyLine = line
        guard let key = scanKey() else { return skipToEndOfLine() }
        let path = prefix + key
        if recording { record(path, at: keyLine) }
        skipSpaces()
        guard peek() == "=" else { return skipToEndOfLine() }
        advance()
        skipSpaces()
        scanValue(path: path, recording: recording, depth: depth)
    }

    private mutating func scanValue(path: [String], recording: Bool, depth: Int) {
        guard depth < Self.maxNesting, let scalar = peek() else { return skipToEndOfLine() }
        switch scalar {
        case "\"", "'":
            _ = scanString()
        case "[":
            advance()
            scanList(closer: "]") { this in this.scanValue(path: path, recording: false, depth: depth + 1) }
        case "{":
            advance()
            scanList(closer: "}") { this in this.scanKeyValue(prefix: path, recording: recording, depth: depth + 1) }
        default:
            // Number, boolean or date: runs to a separator.
            while let next = peek(), !" \t\r\n,]}#".unicodeScalars.contains(next) { advance() }
        }
    }

    /// Items of an array or inline table up to `closer`, separated by commas.
    private mutating func scanList(closer: Unicode.Scalar, item: (inout TOMLKeyLocator) -> Void) {
        while true {
            skipTrivia()
            guard let scalar = peek() else { return }
            if scalar == closer { return advance() }
            if scalar == "," { advance(); continue }
            let start = index
            item(&self)
            if index == start { advance() }
        }
    }

    // MARK: - Keys and strings

    /// A dotted key such as `accounts."bob smith".aor`, as its unquoted segments.
    private mutating func scanKey() -> [String]? {
        var segments: [String] = []
        while true {
            skipSpaces()
            guard let scalar = peek() else { return nil }
            if scalar == "\"" || scalar == "'" {
                guard let segment = scanString() else { return nil }
                segments.append(segment)
            } else {
                var bare = ""
                while let next = peek(), Self.isBareKeyScalar(next) {
                    bare.unicodeScalars.append(next)
                    advance()
                }
                guard !bare.isEmpty else { return nil }
                segments.append(bare)
            }
            skipSpaces()
            guard peek() == "." else { return segments }
            advance()
        }
    }

    /// Scans any of the four TOML string forms starting at the current quote
    /// and returns its value (escapes decoded in basic strings).
    private mutating func scanString() -> String? {
        guard let quote = peek() else { return nil }
        let isBasic = quote == "\""
        let isMultiline = peek(offset: 1) == quote && peek(offset: 2) == quote
        advance(by: isMultiline ? 3 : 1)
        var value = ""
        while let scalar = peek() {
            if scalar == quote && (!isMultiline || (peek(offset: 1) == quote && peek(offset: 2) == quote)) {
                advance(by: isMultiline ? 3 : 1)
                // A multiline string may end with up to two extra quotes that belong to its value.
                while isMultiline && peek() == quote { advance() }
                return value
            }
            if scalar == "\n" && !isMultiline { return value }
            if isBasic && scalar == "\\" {
                advance()
                if let decoded = scanEscape() { value.unicodeScalars.append(decoded) }
                continue
            }
            value.unicodeScalars.append(scalar)
            advance()
        }
        return value
    }

    /// The escape after a backslash. Only the result's identity matters for matching
    /// keys, so line-ending backslashes and malformed escapes simply yield nothing.
    private mutating func scanEscape() -> Unicode.Scalar? {
        guard let scalar = peek() else { return nil }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "b": "\u{08}", "t": "\t", "n": "\n", "f": "\u{0C}", "r": "\r", "\"": "\"", "\\": "\\", "e": "\u{1B}",
        ]
        if let decoded = simple[scalar] { advance(); return decoded }
        guard scalar == "u" || scalar == "U" else { return nil }  // e.g. line-ending backslash
        advance()
        var hex = ""
        for _ in 0..<(scalar == "u" ? 4 : 8) {
            guard let digit = peek(), digit.properties.isASCIIHexDigit else { break }
            hex.unicodeScalars.append(digit)
            advance()
        }
        guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else { return nil }
        if value == 0 && firstNULEscapeLine == nil { firstNULEscapeLine = line }
        return decoded
    }

    private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || scalar == "_" || scalar == "-")
    }

    // MARK: - Low level

    private mutating func record(_ path: [String], at line: Int) {
        // Dotted keys and headers also define every enclosing table.
        for end in path.indices {
            let prefix = Array(path[...end])
            if lines[prefix] == nil { lines[prefix] = line }
        }
    }

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        index + offset < text.count ? text[index + offset] : nil
    }

    private mutating func advance(by count: Int = 1) {
        for _ in 0..<count where index < text.count {
            if text[index] == "\n" { line += 1 }
            index += 1
        }
    }

    private mutating func skipSpaces() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { advance() }
    }

    /// Whitespace, newlines and comments.
    private mutating func skipTrivia() {
        while let scalar = peek() {
            if scalar == "#" {
                while let next = peek(), next != "\n" { advance() }
            } else if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                advance()
            } else {
                return
            }
        }
    }

    private mutating func skipToEndOfLine() {
        while let scalar = peek(), scalar != "\n" { advance() }
    }
}
