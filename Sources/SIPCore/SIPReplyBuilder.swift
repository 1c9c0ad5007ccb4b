/// Builds responses to requests (RFC 3261 §8.2.6).
public enum SIPReplyBuilder {
    /// A response copying Via, From, To, Call-ID and CSeq; a To tag is added
    /// for final responses when the request had none (`toTag` or a random one).
    public static func reply(to request: SIPMessage, statusCode: Int, reasonPhrase: String? = nil,
                             toTag: String? = nil) -> SIPMessage {
        var reply = SIPMessage.response(statusCode, reasonPhrase)
        reply.vias = request.vias
        reply.from = request.from
        reply.to = request.to
        if statusCode > 100, reply.to != nil, reply.to?.tag == nil {
            reply.to?.tag = toTag ?? SIPIdentifier.tag()
        }
        reply.callID = request.callID
        reply.cseq = request.cseq
        for timestamp in request.headers.values("Timestamp") where statusCode == 100 {
            reply.headers.add("Timestamp", timestamp)
        }
        return reply
    }

    /// A response from the raw fields of a request osip could not read, or nil
    /// when the fields needed to route a response back are unreadable.
    static func reply(toRaw raw: SIPRawHead, statusCode: Int) -> SIPMessage? {
        let vias = raw.values("Via").flatMap { $0.split(separator: ",") }.compactMap { try? Via(parsing: String($0)) }
        guard !vias.isEmpty,
              let from = raw.values("From").first.flatMap({ try? NameAddr(parsing: $0) }),
              let to = raw.values("To").first.flatMap({ try? NameAddr(parsing: $0) }),
              let callID = raw.values("Call-ID").first, !callID.isEmpty,
              let cseq = raw.values("CSeq").first.flatMap({ try? CSeq(parsing: $0) }) else { return nil }
        var request = SIPMessage.request(cseq.method, SIPURI(host: "invalid"))
        request.vias = vias
        request.from = from
        request.to = to
        request.callID = callID
        request.cseq = cseq
        return reply(to: request, statusCode: statusCode)
    }
}

/// Random identifiers: tags, branches, Call-IDs (RFC 3261 §19.3: at least 32
/// bits of randomness for tags, globally unique Call-IDs and branches).
public enum SIPIdentifier {
    public static func tag() -> String { hex(bytes: 8) }
    public static func branch() -> String { Via.magicCookie + "-" + hex(bytes: 12) }
    public static func callID(host: String) -> String { hex(bytes: 16) + "@" + host }

    public static func hex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = ""
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            out += String(byte >> 4, radix: 16) + String(byte & 0x0f, radix: 16)
        }
        return out
    }
}
