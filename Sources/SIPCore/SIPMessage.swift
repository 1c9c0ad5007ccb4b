/// A SIP request or response as a Swift value. The headers every transaction
/// and dialog needs are typed; all others stay in `headers` as text.
public struct SIPMessage: Hashable, Sendable {
    public enum StartLine: Hashable, Sendable {
        case request(method: SIPMethod, uri: SIPURI)
        case response(statusCode: Int, reasonPhrase: String)
    }

    public var startLine: StartLine
    public var version: String = "SIP/2.0"
    public var vias: [Via] = []
    public var from: NameAddr?
    public var to: NameAddr?
    public var callID: String?
    public var cseq: CSeq?
    public var contacts: [SIPContact] = []
    public var routes: [NameAddr] = []
    public var recordRoutes: [NameAddr] = []
    public var contentType: MediaType?
    public var headers = SIPHeaders()
    public var body: [UInt8] = []

    public init(startLine: StartLine) { self.startLine = startLine }

    public static func request(_ method: SIPMethod, _ uri: SIPURI) -> SIPMessage {
        SIPMessage(startLine: .request(method: method, uri: uri))
    }

    public static func response(_ statusCode: Int, _ reasonPhrase: String? = nil) -> SIPMessage {
        SIPMessage(startLine: .response(statusCode: statusCode,
                                        reasonPhrase: reasonPhrase ?? SIPStatus.reasonPhrase(statusCode)))
    }

    public var isRequest: Bool {
        if case .request = startLine { return true }
        return false
    }

    public var method: SIPMethod? {
        if case .request(let method, _) = startLine { return method }
        return nil
    }

    public var requestURI: SIPURI? {
        if case .request(_, let uri) = startLine { return uri }
        return nil
    }

    public var statusCode: Int? {
        if case .response(let code, _) = startLine { return code }
        return nil
    }

    public var reasonPhrase: String? {
        if case .response(_, let reason) = startLine { return reason }
        return nil
    }

    public var topVia: Via? { vias.first }

    /// Max-Forwards as a number (leading zeros allowed: `0068` is 68).
    public var maxForwards: Int? { headers["Max-Forwards"].flatMap { Int($0.trimmingLWS) } }

    /// Expires header value in seconds, when numeric.
    public var expires: UInt32? { headers["Expires"].flatMap { UInt32($0.trimmingLWS) } }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The message as octets on the wire.
    public func serialized() -> [UInt8] { SIPMessageWriter.write(self) }
}

/// Reason phrases for the status codes this stack sends.
public enum SIPStatus {
    public static func reasonPhrase(_ code: Int) -> String {
        switch code {
        case 100: return "Trying"
        case 180: return "Ringing"
        case 183: return "Session Progress"
        case 200: return "OK"
        case 202: return "Accepted"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 406: return "Not Acceptable"
        case 407: return "Proxy Authentication Required"
        case 408: return "Request Timeout"
        case 412: return "Conditional Request Failed"
        case 415: return "Unsupported Media Type"
        case 416: return "Unsupported URI Scheme"
        case 420: return "Bad Extension"
        case 423: return "Interval Too Brief"
        case 480: return "Temporarily Unavailable"
        case 481: return "Call/Transaction Does Not Exist"
        case 483: return "Too Many Hops"
        case 486: return "Busy Here"
        case 487: return "Request Terminated"
        case 488: return "Not Acceptable Here"
        case 489: return "Bad Event"
        case 500: return "Server Internal Error"
        case 501: return "Not Implemented"
        case 503: return "Service Unavailable"
        case 505: return "Version Not Supported"
        case 513: return "Message Too Large"
        case 603: return "Decline"
        default: return "Unknown"
        }
    }
}

extension StringProtocol {
    /// Trims SIP linear white space (SP, HTAB, CR, LF) at both ends.
    public var trimmingLWS: String {
        let isLWS: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isLWS($0) }),
              let last = lastIndex(where: { !isLWS($0) }) else { return "" }
        return String(self[first...last])
    }
}
