/// The validation layer over osip: osip accepts things RFC 3261 does not
/// (negative Content-Length, SIP/7.0, status codes that wrap, missing
/// mandatory headers, scalars out of range), so every parsed message is
/// classified here. Checks that depend on what this user agent supports
/// (extensions, body types) take their sets from the validator's settings.
public struct SIPValidator: Sendable {
    /// Option tags we implement; a Require naming others gets 420.
    /// `eventlist` (RFC 4662 §4.3): an RLS puts it in Require on every
    /// NOTIFY of a list subscription, and the list NOTIFYs are read.
    public var supportedExtensions: Set<String>
    /// Request-URI schemes we route; others get 416 (RFC 3261 §8.2.2.1).
    public var supportedSchemes: Set<String> = ["sip", "sips", "tel"]
    /// Body types an INVITE may carry (RFC 3261 §8.2.3).
    public var inviteBodyTypes: Set<String> = ["application/sdp", "multipart/mixed", "multipart/alternative"]

    public init(supportedExtensions: Set<String> = ["outbound", "path", "eventlist"]) {
        self.supportedExtensions = supportedExtensions
    }

    struct Finding: Error {
        var verdict: SIPVerdict
        var detail: String
        var extraHeaders: [SIPHeaderField] = []
    }

    func validate(_ reading: OsipReading, raw: SIPRawHead) -> Finding? {
        reading.message.isRequest ? validateRequest(reading, raw: raw) : validateResponse(reading, raw: raw)
    }

    private func validateRequest(_ reading: OsipReading, raw: SIPRawHead) -> Finding? {
        let message = reading.message
        func bad(_ detail: String) -> Finding { Finding(verdict: .reject(statusCode: 400, reason: "Bad Request"), detail: detail) }
        let parts = raw.startLineParts
        guard let version = parts.last, version.uppercased() == "SIP/2.0" else {
            return Finding(verdict: .reject(statusCode: 505, reason: "Version Not Supported"),
                           detail: "request line version \(String(parts.last ?? "").debugDescription)")
        }
        if let problem = reading.problems.first { return bad(problem.description) }
        if let missing = missingMandatory(message) { return bad("missing \(missing) header") }
        guard let method = message.method, let cseq = message.cseq, let uri = message.requestURI else {
            return bad("incomplete request line")
        }
        if cseq.method != method {
            let detail = "CSeq method \(cseq.method) does not match request method \(method)"
            if !method.isKnown { return Finding(verdict: .reject(statusCode: 501, reason: "Not Implemented"), detail: detail) }
            return bad(detail)
        }
        if let scalarProblem = requestScalarProblem(message, raw: raw) { return bad(scalarProblem) }
        if let bracketProblem = unbracketedURIProblem(raw) { return bad(bracketProblem) }
        if !supportedSchemes.contains(uri.scheme) {
            return Finding(verdict: .reject(statusCode: 416, reason: "Unsupported URI Scheme"),
                           detail: "Request-URI scheme \(uri.scheme.debugDescription)")
        }
        if uri.isSIP && !uri.headers.isEmpty {
            return bad("Request-URI carries escaped headers (RFC 3261 §19.1.5)")
        }
        if method == .register, let to = message.to, !to.uri.isSIP {
            return bad("REGISTER address of record \(to.uri.scheme): is not a SIP URI")
        }
        if method != .ack && method != .cancel {
            let required = message.headers.values("Require").flatMap(Self.optionTags)
            let unsupported = required.filter { !supportedExtensions.contains($0.lowercased()) }
            if !unsupported.isEmpty {
                return Finding(verdict: .reject(statusCode: 420, reason: "Bad Extension"),
                               detail: "unsupported Require: \(unsupported.joined(separator: ", "))",
                               extraHeaders: [SIPHeaderField("Unsupported", unsupported.joined(separator: ", "))])
            }
        }
        if method == .invite { return inviteBodyProblem(message) }
        return nil
    }

    private func validateResponse(_ reading: OsipReading, raw: SIPRawHead) -> Finding? {
        let message = reading.message
        func drop(_ detail: String) -> Finding { Finding(verdict: .drop(reason: detail), detail: detail) }
        let parts = raw.startLineParts
        guard parts.count >= 2, parts[0].uppercased() == "SIP/2.0" else {
            return drop("status line version \(String(parts.first ?? "").debugDescription)")
        }
        let code = parts[1]
        guard code.utf8.count == 3, code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let value = Int(code), (100...699).contains(value) else {
            return drop("status code \(String(code).prefix(20)) is not 100-699")
        }
        if let problem = reading.problems.first { return drop(problem.description) }
        if let missing = missingMandatory(message) { return drop("missing \(missing) header") }
        if message.vias.count != 1 {
            return drop("response with \(message.vias.count) Via values (RFC 3261 §8.1.3.3)")
        }
        if let retryAfter = message.headers["Retry-After"],
           UInt32(retryAfter.prefix { $0.isNumber }) == nil {
            return drop("Retry-After \(retryAfter.prefix(20)) out of range")
        }
        for warning in message.headers.values("Warning") {
            let code = warning.prefix { $0 != " " }
            if code.count != 3 || !code.allSatisfy(\.isNumber) {
                return drop("Warning code \(code.prefix(20)) is not three digits")
            }
        }
        return nil
    }

    private func missingMandatory(_ message: SIPMessage) -> String? {
        if message.vias.isEmpty { return "Via" }
        if message.from == nil { return "From" }
        if message.to == nil { return "To" }
        if message.callID?.isEmpty ?? true { return "Call-ID" }
        if message.cseq == nil { return "CSeq" }
        return nil
    }

    /// Max-Forwards 0-255, Expires and contact expires below 2^32, Date in GMT.
    private func requestScalarProblem(_ message: SIPMessage, raw: SIPRawHead) -> String? {
        if let text = message.headers["Max-Forwards"] {
            guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text.prefix(9)),
                  text.count < 10, value <= 255 else { return "Max-Forwards \(text.prefix(20)) out of range" }
        }
        if let text = message.headers["Expires"], UInt32(text) == nil {
            return "Expires \(text.prefix(20)) out of range"
        }
        for contact in message.contacts {
            if let raw = contact.nameAddr?.parameters.value(of: "expires") ?? nil, UInt32(raw) == nil {
                return "Contact expires \(raw.prefix(20)) out of range"
            }
        }
        if let date = message.headers["Date"], !date.hasSuffix("GMT") {
            return "Date \(date.debugDescription) is not in GMT (RFC 3261 §20.17)"
        }
        return nil
    }

    /// RFC 3261 §20.10: an addr-spec holding `?` or `,` must be in brackets.
    private func unbracketedURIProblem(_ raw: SIPRawHead) -> String? {
        for name in ["Contact", "From", "To"] {
            for value in raw.values(name) where !value.contains("<") && value != "*" {
                let uriPart = value.prefix { $0 != ";" }
                if uriPart.contains("?") { return "\(name) URI with headers must be enclosed in <>" }
            }
        }
        return nil
    }

    private func inviteBodyProblem(_ message: SIPMessage) -> Finding? {
        if !message.body.isEmpty, let type = message.contentType, !inviteBodyTypes.contains(type.essence) {
            return Finding(verdict: .reject(statusCode: 415, reason: "Unsupported Media Type"),
                           detail: "INVITE body of type \(type.essence)",
                           extraHeaders: [SIPHeaderField("Accept", "application/sdp")])
        }
        let accepts = message.headers.values("Accept")
        if !accepts.isEmpty {
            let types = accepts.flatMap { $0.split(separator: ",") }.map { $0.prefix { $0 != ";" }.trimmingLWS.lowercased() }
            if !types.contains(where: { $0 == "application/sdp" || $0 == "application/*" || $0 == "*/*" }) {
                return Finding(verdict: .reject(statusCode: 406, reason: "Not Acceptable"),
                               detail: "Accept excludes application/sdp: \(types.joined(separator: ", "))")
            }
        }
        return nil
    }

    static func optionTags(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingLWS }.filter { !$0.isEmpty }
    }
}
