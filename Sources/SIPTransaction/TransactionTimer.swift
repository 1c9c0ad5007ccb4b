/// The name of a transaction timer. The letters are RFC 3261 Table 4 (and
/// RFC 6026 §8.7 and §8.4 for L and M); `trying` is this layer's name for the 200 ms
/// window of §17.2.1 after which an INVITE server transaction answers
/// 100 (Trying) itself when the TU has not answered yet.
public enum TransactionTimer: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// INVITE request retransmit interval, unreliable transports only.
    case a = "A"
    /// INVITE transaction timeout.
    case b = "B"
    /// Wait time in the INVITE client's Completed state for response retransmissions.
    case d = "D"
    /// Non-INVITE request retransmit interval, unreliable transports only.
    case e = "E"
    /// Non-INVITE transaction timeout.
    case f = "F"
    /// INVITE response retransmit interval, unreliable transports only.
    case g = "G"
    /// Wait time for the ACK receipt.
    case h = "H"
    /// Wait time in the INVITE server's Confirmed state for ACK retransmissions.
    case i = "I"
    /// Wait time in the non-INVITE server's Completed state for request retransmissions.
    case j = "J"
    /// Wait time in the non-INVITE client's Completed state for response retransmissions.
    case k = "K"
    /// RFC 6026: wait time in the INVITE server's Accepted state for INVITE retransmissions.
    case l = "L"
    /// RFC 6026: wait time in the INVITE client's Accepted state for more 2xx responses.
    case m = "M"
    /// §17.2.1: send 100 (Trying) if the TU has not answered the INVITE by then.
    case trying = "Trying"

    public var description: String { self == .trying ? "Trying timer" : "Timer \(rawValue)" }
}
