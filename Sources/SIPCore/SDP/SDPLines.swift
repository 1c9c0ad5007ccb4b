/// The lines of a received description, checked before libosip2 sees them.
/// libosip2 splits the fields, but it reads C strings (a NUL would end the
/// description early), takes two LFs for one line end, stops silently at an
/// empty line, accepts `s=` before `o=`, and recognises a line by the octet
/// before its first `=`. Here every line must be `<letter>=<value>` in the
/// order of RFC 8866 §5, so that what osip reads is what was sent and a bad
/// description gets an error that names its line.
struct SDPLines {
    struct Line {
        var number: Int
        var type: UInt8
        var value: ArraySlice<UInt8>
        var letter: String { String(UnicodeScalar(type)) }
    }

    private(set) var lines: [Line] = []

    init<C: Collection>(_ bytes: C) throws(SDPSyntaxError) where C.Element == UInt8 {
        guard !bytes.isEmpty else { throw SDPSyntaxError("empty description") }
        guard bytes.count <= SessionDescription.maximumLength else {
            throw SDPSyntaxError("\(bytes.count) octets, more than the \(SessionDescription.maximumLength) read here")
        }
        var current: [UInt8] = []
        var number = 1
        var emptyLine: Int?
        for byte in bytes {
            if byte == 0 { throw SDPSyntaxError(line: number, "NUL octet (RFC 8866 §9 text excludes it)") }
            if byte != 0x0A { current.append(byte); continue }
            try add(current, number: number, emptyLine: &emptyLine)
            current.removeAll(keepingCapacity: true)
            number += 1
        }
        if !current.isEmpty { try add(current, number: number, emptyLine: &emptyLine) }
        try Self.checkOrder(lines)
    }

    /// RFC 8866 §5 ends lines with CRLF and asks parsers to take a bare LF
    /// too. Empty lines may only trail (some stacks add one).
    private mutating func add(_ raw: [UInt8], number: Int, emptyLine: inout Int?) throws(SDPSyntaxError) {
        var text = raw[...]
        if text.last == 0x0D { text = text.dropLast() }
        if text.contains(0x0D) { throw SDPSyntaxError(line: number, "carriage return inside the line") }
        if text.isEmpty {
            if emptyLine == nil { emptyLine = number }
            return
        }
        if let emptyLine { throw SDPSyntaxError(line: emptyLine, "empty line inside the description") }
        guard text.count >= 2, let type = text.first, type >= 0x61, type <= 0x7A,
              text[text.startIndex + 1] == UInt8(ascii: "=") else {
            throw SDPSyntaxError(line: number, "not a <letter>=<value> line: \(Self.preview(text))")
        }
        var value = text.dropFirst(2)
        if value.isEmpty {
            // RFC 2327-era peers (and RFC 5118's examples) send `s=` with
            // nothing; osip refuses it, RFC 8866 §5.3 writes it as one space.
            guard type == UInt8(ascii: "s") else {
                throw SDPSyntaxError(line: number, "\(String(UnicodeScalar(type)))= without a value")
            }
            value = ArraySlice<UInt8>([0x20])
        }
        lines.append(Line(number: number, type: type, value: value))
    }

    /// The description as osip reads it: CRLF after every line, NUL at the end.
    var osipText: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.value.count + 4 } + 1)
        for line in lines {
            out.append(line.type)
            out.append(UInt8(ascii: "="))
            out.append(contentsOf: line.value)
            out += [0x0D, 0x0A]
        }
        out.append(0)
        return out
    }

    /// Line number of the `occurrence`-th line of a type in the session
    /// part (`media` nil) or in the `media`-th media section, whose first
    /// line is its m= line.
    func line(_ type: Character, inMedia media: Int? = nil, occurrence: Int = 0) -> Int? {
        var section: Int?
        var seen = 0
        for line in lines {
            if line.type == UInt8(ascii: "m") { section = (section ?? -1) + 1 }
            guard section == media, line.type == type.asciiValue else { continue }
            if seen == occurrence { return line.number }
            seen += 1
        }
        return nil
    }

    static func preview<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let text = String(decoding: bytes.prefix(40), as: UTF8.self)
        return (bytes.count > 40 ? text + "…" : text).debugDescription
    }
}
