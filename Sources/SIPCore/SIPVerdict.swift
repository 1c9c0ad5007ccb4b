/// What to do with a received message (RFC 3261 §8.2, §16.3, §18.3, RFC 4475).
public enum SIPVerdict: Hashable, Sendable, CustomStringConvertible {
    /// Well-formed: hand it to the transaction layer.
    case accept
    /// A request to answer with this status (400, 416, 420, 505, ...).
    case reject(statusCode: Int, reason: String)
    /// Discard silently: a bad response, or a request too broken to answer.
    case drop(reason: String)

    public var isAccepted: Bool { self == .accept }

    public var description: String {
        switch self {
        case .accept: return "valid"
        case .reject(let code, let reason): return "invalid: \(code) \(reason)"
        case .drop(let reason): return "invalid: dropped (\(reason))"
        }
    }
}

/// The outcome of parsing: the message if osip could read it, the verdict, and
/// for rejected requests the response to send back when one can be built.
public struct SIPParseResult: Sendable {
    public var message: SIPMessage?
    public var verdict: SIPVerdict
    /// Why the verdict is not `accept`, in words for logs and `inspect`.
    public var detail: String?
    public var reply: SIPMessage?
}
