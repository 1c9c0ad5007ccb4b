/// Why an XCAP request failed.
public enum XCAPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configured root is not a usable `http://` URI: the text and why.
    case invalidRoot(String, String)
    /// No TCP connection (refused, unreachable, name not resolvable).
    case unreachable(String)
    /// No complete answer within the time limit.
    case timeout
    /// The bytes that came back are not an HTTP/1.1 response.
    case malformedResponse(String)
    /// The connection closed before the response was complete.
    case incompleteResponse
    /// The response body is larger than the client accepts.
    case responseTooLarge(limit: Int)
    /// The server refused our credentials (a second 401 after answering one).
    case authenticationFailed
    /// A 401 whose challenges we cannot answer (none, not Digest, unknown algorithm).
    case unusableChallenge(String)
    /// 412: the document changed since we read it (If-Match), or exists (If-None-Match).
    case preconditionFailed
    /// 409 (RFC 4825 §11): the server refused the document; its error report.
    case conflict(String)
    /// Any other status that is not success.
    case refused(status: Int, reason: String)

    public var description: String {
        switch self {
        case .invalidRoot(let text, let why): return "XCAP root \"\(text)\" is not usable: \(why)"
        case .unreachable(let why): return "XCAP server unreachable: \(why)"
        case .timeout: return "XCAP server did not answer in time"
        case .malformedResponse(let why): return "XCAP server sent a malformed HTTP response: \(why)"
        case .incompleteResponse: return "XCAP server closed the connection before the response was complete"
        case .responseTooLarge(let limit): return "XCAP response larger than \(limit) bytes"
        case .authenticationFailed: return "XCAP server refused the credentials"
        case .unusableChallenge(let why): return "XCAP server asks for authentication we cannot give: \(why)"
        case .preconditionFailed: return "the document on the XCAP server changed meanwhile (412)"
        case .conflict(let report): return "XCAP server refused the document (409): \(report)"
        case .refused(let status, let reason): return "XCAP server answered \(status) \(reason)"
        }
    }
}
