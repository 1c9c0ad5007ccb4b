// Removing the response hash from headers before they are logged. The hash
// is not the password, but with the nonce beside it an eavesdropper on the
// log can run an offline dictionary attack on the password.

/// Redaction helpers for SIP traces.
public enum DigestRedaction {
    public static let placeholder = "\"<redacted>\""

    /// The header value with every `response=` value replaced by
    /// `"<redacted>"`, everything else byte for byte. A value that cannot be
    /// lexed (so its response cannot be located) keeps only its scheme and
    /// its surrounding whitespace.
    public static func redactingResponse(inHeaderValue headerValue: String) -> String {
        var bytes = Array(headerValue.utf8)
        guard let fields = try? AuthParamLexer.lex(headerValue) else {
            let leading = bytes.prefix(while: ByteClass.isWhitespace)
            let scheme = bytes.dropFirst(leading.count).prefix(while: ByteClass.isToken)
            let trailing = bytes.dropFirst(leading.count + scheme.count).reversed()
                .prefix(while: ByteClass.isWhitespace).reversed()
            return String(decoding: leading + scheme, as: UTF8.self)
                + " <unparseable credentials redacted>" + String(decoding: Array(trailing), as: UTF8.self)
        }
        // Back to front, so earlier offsets stay valid.
        for param in fields.params.reversed() where param.name == "response" {
            bytes.replaceSubrange(param.valueRange, with: Array(placeholder.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A whole SIP message (or trace excerpt) with the response of every
    /// Authorization and Proxy-Authorization header redacted, folded
    /// continuation lines included. Other headers and the body are untouched.
    public static func redactingCredentials(inMessage message: String) -> String {
        // Lines as UTF-8 bytes split at LF: a Swift Character "\r\n" is one
        // grapheme, so splitting the String at "\n" would not split CRLF lines.
        var lines = Array(message.utf8).split(separator: lineFeed, omittingEmptySubsequences: false)
            .map(Array.init)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.isEmpty || line == [carriageReturn] { break }  // end of headers: leave the body alone
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), isCredentialsHeader(line[..<colon]) else {
                index += 1
                continue
            }
            // The header line and its continuation lines (starting with SP or HT).
            var end = index + 1
            while end < lines.count, let first = lines[end].first, first == 0x20 || first == 0x09 { end += 1 }
            let value = Array(([Array(line[(colon + 1)...])] + lines[(index + 1)..<end])
                .joined(separator: [lineFeed]))
            let redacted = Array(line[...colon])
                + Array(redactingResponse(inHeaderValue: String(decoding: value, as: UTF8.self)).utf8)
            let redactedLines = redacted.split(separator: lineFeed, omittingEmptySubsequences: false).map(Array.init)
            lines.replaceSubrange(index..<end, with: redactedLines)
            index += redactedLines.count
        }
        return String(decoding: Array(lines.joined(separator: [lineFeed])), as: UTF8.self)
    }

    private static let lineFeed: UInt8 = 0x0a
    private static let carriageReturn: UInt8 = 0x0d

    private static func isCredentialsHeader(_ name: ArraySlice<UInt8>) -> Bool {
        let trimmed = String(decoding: name, as: UTF8.self).lowercased()[...].trimmingWhitespace()
        return trimmed == "authorization" || trimmed == "proxy-authorization"
    }
}
