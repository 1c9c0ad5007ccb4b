/// Why an offer or an answer cannot be used.
public enum SDPNegotiationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No audio stream of the offer can be accepted: answer the request with
    /// 488 Not Acceptable Here (RFC 3264 §6, RFC 3261 §21.4.26).
    case notAcceptable(String)
    /// The answer does not mirror our offer (RFC 3264 §6: the same m= lines
    /// in the same order) or lacks what sending needs.
    case answerMismatch(String)
    /// The answer set our audio stream's port to 0.
    case audioRejected
    /// The answer names no codec we offered.
    case noCommonCodec(String)
    /// An answer arrived but we have no offer out.
    case noOfferPending
    /// An offer arrived while ours waits for its answer: answer the request
    /// with 491 Request Pending (RFC 3261 §14.2, RFC 3264 §4).
    case offerPending

    /// The SIP status to reject the carrying request with, where there is one.
    public var statusCode: Int? {
        switch self {
        case .notAcceptable: return 488
        case .offerPending: return 491
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .notAcceptable(let reason): return "offer not acceptable: \(reason)"
        case .answerMismatch(let reason): return "answer does not fit the offer: \(reason)"
        case .audioRejected: return "the answer rejected the audio stream"
        case .noCommonCodec(let detail): return "no common codec: \(detail)"
        case .noOfferPending: return "answer without an offer"
        case .offerPending: return "offer while our own offer is pending"
        }
    }
}
