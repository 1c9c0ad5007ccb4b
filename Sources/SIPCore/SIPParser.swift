/// Entry point for received octets: framing, osip parsing, validation, and the
/// response a rejected request should get. Never traps, whatever the bytes.
public enum SIPParser {
    /// Header sections larger than this are refused (513) before osip sees them.
    public static let maximumHeadLength = 64 * 1024

    /// One UDP datagram: octets after the Content-Length body are ignored
    /// (RFC 3261 §18.3); a body shorter than Content-Length is an error.
    public static func parse(datagram bytes: [UInt8], validator: SIPValidator = SIPValidator()) -> SIPParseResult {
        var start = bytes.startIndex
        while start < bytes.endIndex, bytes[start] == 0x0D || bytes[start] == 0x0A { start += 1 }
        guard start < bytes.endIndex else {
            return SIPParseResult(message: nil, verdict: .drop(reason: "keepalive"), detail: "only CRLF", reply: nil)
        }
        return parse(bytes[start...], validator: validator)
    }

    /// One message already cut out of a stream by `SIPStreamFramer`.
    public static func parse(framed bytes: [UInt8], validator: SIPValidator = SIPValidator()) -> SIPParseResult {
        parse(datagram: bytes, validator: validator)
    }

    private static func parse(_ bytes: ArraySlice<UInt8>, validator: SIPValidator) -> SIPParseResult {
        guard let (headEnd, bodyStart) = SIPFraming.bodyStart(in: bytes) else {
            // A datagram ends where it ends: a header section that fills it up
            // to a final line end but lacks the empty line is read as if it
            // were there (liberal in what we accept; no body can follow).
            if bytes.count <= maximumHeadLength, bytes.last == 0x0A {
                return parse(bytes + [0x0D, 0x0A], validator: validator)
            }
            let raw = SIPRawHead(bytes.prefix(maximumHeadLength))
            return failure(raw: raw, status: 400, detail: "no empty line after the header section")
        }
        let head = bytes[bytes.startIndex..<headEnd]
        let raw = SIPRawHead(head.prefix(maximumHeadLength))
        if head.count > maximumHeadLength {
            return failure(raw: raw, status: 513, detail: "header section of \(head.count) octets")
        }
        var body = bytes[bodyStart...]
        switch SIPFraming.contentLength(raw) {
        case .invalid(let detail):
            return failure(raw: raw, status: 400, detail: detail)
        case .value(let length):
            guard length <= body.count else {
                return failure(raw: raw, status: 400,
                               detail: "Content-Length \(length) but only \(body.count) octets of body")
            }
            body = body.prefix(length)
        case .absent:
            break
        }
        // osip gets the header section with its empty line, then the framed body
        let headWithBlankLine = bytes[bytes.startIndex..<bodyStart]
        switch OsipMessageReader.read(head: headWithBlankLine, body: body) {
        case .success(var reading):
            keepRawCredentials(&reading.message, raw: raw)
            if let finding = validator.validate(reading, raw: raw) {
                let reply = reading.message.isRequest
                    ? replyFor(reading.message, finding: finding) : nil
                return SIPParseResult(message: reading.message, verdict: finding.verdict,
                                      detail: finding.detail, reply: reply)
            }
            return SIPParseResult(message: reading.message, verdict: .accept, detail: nil, reply: nil)
        case .failure(let error):
            if let result = unsupportedSchemeFallback(head: headWithBlankLine, body: body, raw: raw) { return result }
            return failure(raw: raw, status: 400, detail: error.description)
        }
    }

    /// osip refuses Request-URIs of schemes it does not know, but RFC 3261
    /// §8.2.2.1 wants a 416 for them: parse again with a placeholder URI to
    /// learn whether the rest of the request is sound.
    private static func unsupportedSchemeFallback(head: ArraySlice<UInt8>, body: ArraySlice<UInt8>,
                                                  raw: SIPRawHead) -> SIPParseResult? {
        let parts = raw.startLineParts
        guard !raw.isResponse, parts.count == 3, let colon = parts[1].firstIndex(of: ":") else { return nil }
        let scheme = parts[1][..<colon].lowercased()
        guard scheme != "sip", scheme != "sips", scheme != "tel", isSchemeToken(scheme),
              let firstLineEnd = head.firstIndex(of: 0x0A) else { return nil }
        let replaced = Array("\(parts[0]) sip:unsupported.invalid \(parts[2])\r\n".utf8) + head[(firstLineEnd + 1)...]
        guard case .success(var reading) = OsipMessageReader.read(head: replaced[...], body: body) else { return nil }
        let uri = SIPURI(scheme: scheme, opaque: String(parts[1][parts[1].index(after: colon)...]))
        reading.message.startLine = .request(method: reading.message.method ?? SIPMethod(String(parts[0])), uri: uri)
        let finding = SIPValidator.Finding(verdict: .reject(statusCode: 416, reason: "Unsupported URI Scheme"),
                                           detail: "Request-URI scheme \(scheme.debugDescription)")
        return SIPParseResult(message: reading.message, verdict: finding.verdict, detail: finding.detail,
                              reply: replyFor(reading.message, finding: finding))
    }

    /// osip re-prints authentication headers from its structures and drops
    /// parameters with empty values (`opaque=""`), which a client must echo
    /// (RFC 7616 §3.4). osip has checked their syntax; keep them as sent.
    private static func keepRawCredentials(_ message: inout SIPMessage, raw: SIPRawHead) {
        for name in ["WWW-Authenticate", "Proxy-Authenticate", "Authorization", "Proxy-Authorization"] {
            let values = raw.values(name)
            guard !values.isEmpty, values.count == message.headers.values(name).count else { continue }
            message.headers.remove(name)
            for value in values { message.headers.add(name, value) }
        }
    }

    /// RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
    private static func isSchemeToken(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isASCIIHexDigit || ("a"..."z").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
    }

    /// A message osip could not read: answer a request if its Via, From, To,
    /// Call-ID and CSeq can still be read one by one, drop anything else.
    private static func failure(raw: SIPRawHead, status: Int, detail: String) -> SIPParseResult {
        if raw.isResponse {
            return SIPParseResult(message: nil, verdict: .drop(reason: detail), detail: detail, reply: nil)
        }
        let verdict = SIPVerdict.reject(statusCode: status, reason: SIPStatus.reasonPhrase(status))
        return SIPParseResult(message: nil, verdict: verdict, detail: detail,
                              reply: SIPReplyBuilder.reply(toRaw: raw, statusCode: status))
    }

    private static func replyFor(_ request: SIPMessage, finding: SIPValidator.Finding) -> SIPMessage? {
        // a response must carry Via, From, To, Call-ID and CSeq (RFC 3261 §8.2.6.2);
        // without them the peer could not match it, so nothing is sent
        guard case .reject(let code, let reason) = finding.verdict, request.method != .ack,
              !request.vias.isEmpty, request.from != nil, request.to != nil,
              request.callID != nil, request.cseq != nil else { return nil }
        var reply = SIPReplyBuilder.reply(to: request, statusCode: code, reasonPhrase: reason)
        for field in finding.extraHeaders { reply.headers.add(field.name, field.value) }
        return reply
    }
}
