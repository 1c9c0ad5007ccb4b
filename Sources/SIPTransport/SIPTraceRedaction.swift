// Authorization and Proxy-Authorization carry the digest `response` (with
// the nonce beside it, enough for an offline dictionary attack on the
// password) or, for other schemes such as Basic, the password itself. Traces
// end up in bug reports, so these never reach the trace hook. SIPAuth has
// its own redaction, but SIPTransport does not depend on SIPAuth (imports
// point down, docs/DECISIONS.md §1), so this is a small byte-level one.

/// Removes credentials from a message's octets before they are traced.
public enum SIPTraceRedaction {
    public static let placeholder = "<redacted>"

    /// The octets with the digest `response` of every Authorization and
    /// Proxy-Authorization header replaced by `"<redacted>"`, and the whole
    /// credentials of other schemes (or of values that cannot be read)
    /// replaced by `<redacted>`. Everything else, the body included, is kept
    /// byte for byte.
    public static func redactingCredentials(in octets: [UInt8]) -> [UInt8] {
        let headEnd = headerSectionEnd(octets)
        var replacements: [(Range<Int>, [UInt8])] = []
        var lineStart = 0
        while lineStart < headEnd {
            let lineEnd = endOfLine(octets, from: lineStart, limit: headEnd)
            // the field continues over folded lines starting with SP or HT (RFC 3261 §7.3.1)
            var fieldEnd = lineEnd
            while fieldEnd + 1 < headEnd, octets[fieldEnd + 1] == 0x20 || octets[fieldEnd + 1] == 0x09 {
                fieldEnd = endOfLine(octets, from: fieldEnd + 1, limit: headEnd)
            }
            if let colon = octets[lineStart..<lineEnd].firstIndex(of: UInt8(ascii: ":")),
               isCredentialsHeader(octets[lineStart..<colon]) {
                let valueEnd = max(colon + 1, trimmedEnd(octets, fieldEnd))
                replacements += credentialReplacements(octets, value: (colon + 1)..<valueEnd)
            }
            lineStart = fieldEnd + 1
        }
        var out = octets
        for (range, bytes) in replacements.reversed() { out.replaceSubrange(range, with: bytes) }
        return out
    }

    /// Replacements inside one credentials value (RFC 3261 §25.1 `credentials`).
    private static func credentialReplacements(_ octets: [UInt8], value: Range<Int>) -> [(Range<Int>, [UInt8])] {
        var index = value.lowerBound
        while index < value.upperBound, isWhitespace(octets[index]) { index += 1 }
        let schemeStart = index
        while index < value.upperBound, !isWhitespace(octets[index]), octets[index] != UInt8(ascii: ",") { index += 1 }
        let scheme = String(decoding: octets[schemeStart..<index], as: UTF8.self).lowercased()
        let rest = index..<value.upperBound
        guard !rest.isEmpty else { return [] }
        let whole = [(rest, Array((" " + placeholder).utf8))]
        guard scheme == "digest", let parameters = digestParameters(octets, in: rest) else { return whole }
        return parameters.filter { $0.name == "response" }
            .map { ($0.value, Array(("\"" + placeholder + "\"").utf8)) }
    }

    /// `name=value` pairs separated by commas; nil when they cannot be read
    /// (an unclosed quote, a bare token), in which case all is redacted.
    private static func digestParameters(_ octets: [UInt8], in range: Range<Int>)
        -> [(name: String, value: Range<Int>)]? {
        var found: [(name: String, value: Range<Int>)] = []
        var index = range.lowerBound
        func skip(_ predicate: (UInt8) -> Bool) { while index < range.upperBound, predicate(octets[index]) { index += 1 } }
        while true {
            skip { isWhitespace($0) || $0 == UInt8(ascii: ",") }
            if index >= range.upperBound { return found }
            let nameStart = index
            skip { !isWhitespace($0) && $0 != UInt8(ascii: "=") && $0 != UInt8(ascii: ",") }
            let name = String(decoding: octets[nameStart..<index], as: UTF8.self).lowercased()
            skip(isWhitespace)
            guard index < range.upperBound, octets[index] == UInt8(ascii: "=") else { return nil }
            index += 1
            skip(isWhitespace)
            let valueStart = index
            if index < range.upperBound, octets[index] == UInt8(ascii: "\"") {
                index += 1
                while index < range.upperBound, octets[index] != UInt8(ascii: "\"") {
                    index += octets[index] == UInt8(ascii: "\\") ? 2 : 1   // quoted-pair
                }
                guard index < range.upperBound else { return nil }
                index += 1
            } else {
                skip { !isWhitespace($0) && $0 != UInt8(ascii: ",") }
            }
            found.append((name, valueStart..<index))
        }
    }

    private static func isCredentialsHeader(_ name: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: name, as: UTF8.self).lowercased()
            .filter { $0 != " " && $0 != "\t" }
        return text == "authorization" || text == "proxy-authorization"
    }

    /// Index of the first octet after the header section's last line end
    /// (the empty line and the body are never touched).
    private static func headerSectionEnd(_ octets: [UInt8]) -> Int {
        var index = 0
        while index < octets.count {
            if octets[index] == 0x0A {
                if index + 1 < octets.count, octets[index + 1] == 0x0A { return index + 1 }
                if index + 2 < octets.count, octets[index + 1] == 0x0D, octets[index + 2] == 0x0A { return index + 1 }
            }
            index += 1
        }
        return octets.count
    }

    /// Index of the LF ending the line that starts at `start` (or `limit`).
    private static func endOfLine(_ octets: [UInt8], from start: Int, limit: Int) -> Int {
        octets[start..<limit].firstIndex(of: 0x0A) ?? limit
    }

    /// `end` moved back over a trailing CR so it is not taken for a value octet.
    private static func trimmedEnd(_ octets: [UInt8], _ end: Int) -> Int {
        var end = end
        while end > 0, octets[end - 1] == 0x0D { end -= 1 }
        return end
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }
}
