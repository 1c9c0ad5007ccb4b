import Foundation

/// One body part of a multipart entity (RFC 2046 §5.1) with its own headers.
public struct MIMEPart: Hashable, Sendable {
    /// Header fields in order, names as sent (compare case-insensitively).
    public var headers: [MIMEHeader]
    /// The decoded content (after Content-Transfer-Encoding).
    public var body: [UInt8]

    public init(headers: [MIMEHeader], body: [UInt8]) {
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// RFC 2046 §5.1: a part without Content-Type is `text/plain`.
    public var contentType: MediaTypeValue { MediaTypeValue(parsing: header("Content-Type") ?? "text/plain") }

    /// RFC 2392 / RFC 2045 §7: `Content-ID: <addr-spec>`, without the angle
    /// brackets; `nil` when absent or not of that form (RFC 4662 §5 points at
    /// parts by this value, so a malformed one cannot be pointed at).
    public var contentID: String? { MultipartReader.contentID(header("Content-ID")) }
}

public struct MIMEHeader: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A multipart/related entity (RFC 2387): its parts and the root's Content-ID.
public struct MultipartDocument: Hashable, Sendable {
    /// The `type` parameter: the media type of the root part.
    public var rootType: String?
    /// The `start` parameter, brackets removed: the root's Content-ID.
    public var start: String?
    public var parts: [MIMEPart]
    /// Parts that could not be read (an unknown transfer encoding, bad
    /// base64, endless headers): left out, so one bad part does not cost
    /// every other resource's update.
    public var unreadableParts: [MultipartError] = []

    /// RFC 2387 §3.2: the part named by `start`, otherwise the first one.
    public var root: MIMEPart? {
        if let start { return part(contentID: start) }
        return parts.first
    }

    public func part(contentID: String) -> MIMEPart? { parts.first { $0.contentID == contentID } }
}

public enum MultipartError: Error, Hashable, Sendable {
    case notMultipart(mediaType: String)
    case missingBoundary
    /// RFC 2046 §5.1.1: 1 to 70 characters.
    case invalidBoundary
    case tooLarge(byteCount: Int, limit: Int)
    case tooManyParts(limit: Int)
    case partHeadersTooLarge(limit: Int)
    /// No `--boundary` line at all.
    case noOpeningDelimiter
    /// The entity ends before `--boundary--`: likely cut short, so its last
    /// part cannot be trusted.
    case missingClosingDelimiter
    case unsupportedTransferEncoding(String)
    case invalidBase64
}

/// Reads multipart bodies as RLS NOTIFYs carry them (RFC 4662 §5,
/// multipart/related). Lenient where it costs nothing: bare LF line ends,
/// transport padding after a delimiter, folded part headers, any
/// header case. Strict where a wrong answer would be shown as status: the
/// closing delimiter must be there, and sizes are capped.
public enum MultipartReader {
    /// 16 MiB: a full-state NOTIFY of a 10,000-member list over TCP is about
    /// 5 MB (≈500 octets of PIDF and RLMI per member).
    public static let maximumBodySize = 16 << 20
    /// Two parts per member (RLMI is one) for a list of 25,000.
    public static let maximumParts = 50_000
    /// A part's header block; real ones are a few hundred octets.
    public static let maximumPartHeaderSize = 8 << 10

    public static func read(_ body: some Collection<UInt8>, contentType: String) throws(MultipartError) -> MultipartDocument {
        let type = MediaTypeValue(parsing: contentType)
        guard type.mediaType.hasPrefix("multipart/") else { throw .notMultipart(mediaType: type.mediaType) }
        guard let boundary = type.parameters["boundary"], !boundary.isEmpty else { throw .missingBoundary }
        guard boundary.utf8.count <= 70, !boundary.hasSuffix(" ") else { throw .invalidBoundary }
        guard body.count <= maximumBodySize else { throw .tooLarge(byteCount: body.count, limit: maximumBodySize) }
        let bytes = Array(body)
        let rawParts = try split(bytes, delimiter: Array("--\(boundary)".utf8))
        // an empty `start` names nothing: the first part is the root (RFC 2387 §3.2)
        let start = contentID(type.parameters["start"]) ?? type.parameters["start"].flatMap { $0.isEmpty ? nil : $0 }
        var parts: [MIMEPart] = []
        var unreadable: [MultipartError] = []
        parts.reserveCapacity(rawParts.count)
        for (index, raw) in rawParts.enumerated() {
            do {
                parts.append(try part(bytes[raw]))
            } catch {
                // without `start` the first part is the root: another may not take its place
                if index == 0, start == nil { throw error }
                unreadable.append(error)
            }
        }
        return MultipartDocument(rootType: type.parameters["type"]?.lowercased(), start: start, parts: parts,
                                 unreadableParts: unreadable)
    }

    static func contentID(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingXMLWhitespace()
        guard trimmed.count > 2, trimmed.first == "<", trimmed.last == ">" else { return nil }
        let inner = trimmed.dropFirst().dropLast()
        guard !inner.contains(where: { $0 == "<" || $0 == ">" || $0 == " " || $0 == "\t" }) else { return nil }
        return String(inner)
    }

    // MARK: - Delimiters

    /// The byte ranges of the parts between the delimiters. The line break
    /// before a delimiter belongs to it (RFC 2046 §5.1.1), so it is not part
    /// of the content.
    static func split(_ bytes: [UInt8], delimiter: [UInt8]) throws(MultipartError) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let opening = nextDelimiter(in: bytes, from: 0, delimiter: delimiter) else { throw .noOpeningDelimiter }
        var (contentStart, closing) = (opening.1, opening.2)
        while !closing {
            guard let (breakStart, after, isClosing) = nextDelimiter(in: bytes, from: contentStart, delimiter: delimiter) else {
                throw .missingClosingDelimiter
            }
            guard ranges.count < maximumParts else { throw .tooManyParts(limit: maximumParts) }
            ranges.append(contentStart..<max(contentStart, breakStart))
            contentStart = after
            closing = isClosing
        }
        return ranges
    }

    /// The next line at or after `from` (a line start) that is a delimiter:
    /// where its preceding line break starts (`from` itself when the
    /// delimiter is the first line: an empty part), where the line after it
    /// starts, and whether it is the closing delimiter.
    private static func nextDelimiter(in bytes: [UInt8], from: Int, delimiter: [UInt8]) -> (Int, Int, Bool)? {
        var lineStart = from
        while lineStart + delimiter.count <= bytes.count {
            if startsWith(bytes, at: lineStart, delimiter), let (next, closing) = delimiterLine(bytes, at: lineStart, delimiter) {
                var breakStart = lineStart
                if lineStart > from {
                    breakStart -= 1 // the LF
                    if breakStart > from, bytes[breakStart - 1] == 0x0D { breakStart -= 1 }
                }
                return (breakStart, next, closing)
            }
            guard let lf = bytes[lineStart...].firstIndex(of: 0x0A) else { return nil }
            lineStart = lf + 1
        }
        return nil
    }

    /// After `--boundary` at `at`: `--` makes it the closing delimiter; then
    /// only transport padding (space, tab) up to the line end. Anything else
    /// means the line only begins like a delimiter.
    private static func delimiterLine(_ bytes: [UInt8], at: Int, _ delimiter: [UInt8]) -> (Int, Bool)? {
        var index = at + delimiter.count
        var closing = false
        if index + 2 <= bytes.count, bytes[index] == 0x2D, bytes[index + 1] == 0x2D {
            closing = true
            index += 2
        }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        if index == bytes.count { return (index, closing) }
        if bytes[index] == 0x0A { return (index + 1, closing) }
        if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (index + 2, closing) }
        if bytes[index] == 0x0D, index + 1 == bytes.count { return (index + 1, closing) }
        // The epilogue after the closing delimiter may follow on the same line
        // in sloppy senders; the close is what matters.
        return closing ? (index, true) : nil
    }

    private static func startsWith(_ bytes: [UInt8], at: Int, _ prefix: [UInt8]) -> Bool {
        guard at + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where bytes[at + offset] != prefix[offset] { return false }
        return true
    }

    // MARK: - One part

    static func part(_ bytes: ArraySlice<UInt8>) throws(MultipartError) -> MIMEPart {
        var headers: [MIMEHeader] = []
        var index = bytes.startIndex
        var headerLines: [String] = []
        // Header lines up to the empty line; a part may start with the empty
        // line (no headers) or, sloppily, have no empty line and no body.
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var line = bytes[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            index = min(bytes.endIndex, lineEnd + 1)
            if line.isEmpty { break }
            guard index - bytes.startIndex <= maximumPartHeaderSize else { throw .partHeadersTooLarge(limit: maximumPartHeaderSize) }
            let text = String(decoding: line, as: UTF8.self)
            if let first = text.first, first == " " || first == "\t", !headerLines.isEmpty {
                headerLines[headerLines.count - 1] += " " + text.trimmingXMLWhitespace()
            } else {
                headerLines.append(text)
            }
        }
        for line in headerLines {
            guard let colon = line.firstIndex(of: ":") else { continue } // not a header: ignored
            let name = line[..<colon].trimmingXMLWhitespace()
            guard !name.isEmpty else { continue }
            headers.append(MIMEHeader(name: name, value: line[line.index(after: colon)...].trimmingXMLWhitespace()))
        }
        var part = MIMEPart(headers: headers, body: Array(bytes[index...]))
        part.body = try decode(part.body, encoding: part.header("Content-Transfer-Encoding"))
        return part
    }

    /// RFC 2045 §6: 7bit, 8bit and binary are identity; base64 is decoded
    /// (lenient about line breaks). Quoted-printable and others are refused:
    /// no RLS sends them, and guessing would show garbage as status.
    static func decode(_ body: [UInt8], encoding: String?) throws(MultipartError) -> [UInt8] {
        let token = (encoding ?? "binary").trimmingXMLWhitespace().lowercased()
        switch token {
        case "", "7bit", "8bit", "binary": return body
        case "base64":
            guard let data = Data(base64Encoded: Data(body), options: .ignoreUnknownCharacters) else { throw .invalidBase64 }
            return Array(data)
        default: throw .unsupportedTransferEncoding(token)
        }
    }
}
