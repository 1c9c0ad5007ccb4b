/// A byte-level look at a header section, independent of osip. The validation
/// layer needs what osip normalises away (the start line as written, how many
/// Content-Length fields there were, whether a Contact had brackets), and a
/// request osip refuses can still be answered from the raw Via, From, To,
/// Call-ID and CSeq found here.
struct SIPRawHead {
    var startLine: String
    var fields: [SIPHeaderField]

    init(_ head: ArraySlice<UInt8>) {
        var lines: [String] = []
        var current: [UInt8] = []
        var index = head.startIndex
        func flush() {
            let text = String(decoding: current, as: UTF8.self)
            if let first = current.first, (first == 0x20 || first == 0x09), !lines.isEmpty {
                lines[lines.count - 1] += " " + text.trimmingLWS   // folded continuation (RFC 3261 §7.3.1)
            } else if !current.isEmpty {
                lines.append(text)
            }
            current.removeAll(keepingCapacity: true)
        }
        while index < head.endIndex {
            let byte = head[index]
            if byte == 0x0A {
                if current.last == 0x0D { current.removeLast() }
                flush()
            } else {
                current.append(byte)
            }
            index += 1
        }
        flush()
        startLine = lines.first ?? ""
        fields = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return SIPHeaderField(line[..<colon].trimmingLWS, String(line[line.index(after: colon)...]).trimmingLWS)
        }
    }

    var isResponse: Bool { startLine.hasPrefix("SIP/") }

    func values(_ name: String) -> [String] {
        let key = SIPHeaderName.canonical(name)
        return fields.filter { $0.name.caseInsensitiveEquals(key) }.map(\.value)
    }

    /// The start line split on single spaces: request `METHOD URI VERSION`,
    /// response `VERSION CODE REASON...`.
    var startLineParts: [Substring] { startLine.split(separator: " ", omittingEmptySubsequences: false) }
}

/// Where a header section ends and what Content-Length says.
enum SIPFraming {
    /// Index just after the empty line (CRLF CRLF, or bare LF LF), if present.
    static func bodyStart(in bytes: ArraySlice<UInt8>) -> (headEnd: Int, bodyStart: Int)? {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x0A {
                let next = index + 1
                if next < bytes.endIndex, bytes[next] == 0x0A { return (index + 1, next + 1) }
                if next + 1 < bytes.endIndex, bytes[next] == 0x0D, bytes[next + 1] == 0x0A { return (index + 1, next + 2) }
            }
            index += 1
        }
        return nil
    }

    enum ContentLength: Equatable {
        case absent
        case value(Int)
        case invalid(String)
    }

    /// Content-Length from the raw fields: one value (or several equal ones) of
    /// digits only; negative, non-numeric or conflicting values are invalid.
    static func contentLength(_ raw: SIPRawHead) -> ContentLength {
        let values = raw.values("Content-Length")
        guard let first = values.first else { return .absent }
        guard values.allSatisfy({ $0 == first }) else {
            return .invalid("conflicting Content-Length values \(values.joined(separator: ", "))")
        }
        guard !first.isEmpty, first.utf8.count <= 9, first.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let length = Int(first) else {
            return .invalid("Content-Length \(first.debugDescription) is not a length")
        }
        return .value(length)
    }
}
