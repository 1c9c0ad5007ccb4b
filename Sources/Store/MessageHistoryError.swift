/// Why a message history write or query was refused. The database is unchanged.
public enum MessageHistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownMessage(InstantMessage.ID)
    /// The message is incoming, or its outgoing answer was already recorded.
    case notSending(InstantMessage.ID, state: String)
    /// A final status that does not fit: delivered with other than 2xx, failed with other than 3xx–6xx.
    case invalidStatusCode(Int)
    /// Text over 64 KiB (RFC 3428 §8: MESSAGE is for short messages; larger goes by MSRP).
    case tooLong(bytes: Int)
    case emptyPeer
    case invalidLimit(Int)
    case unreadableRow(InstantMessage.ID, reason: String)

    public var description: String {
        switch self {
        case .unknownMessage(let id): return "\(id): no such message"
        case .notSending(let id, let state): return "\(id): not waiting for an answer (\(state))"
        case .invalidStatusCode(let code): return "\(code) does not fit the message's outcome"
        case .tooLong(let bytes): return "a message of \(bytes) bytes is over the 65536-byte limit"
        case .emptyPeer: return "a message needs a peer URI"
        case .invalidLimit(let limit): return "limit \(limit) is negative"
        case .unreadableRow(let id, let reason): return "\(id): unreadable row: \(reason)"
        }
    }
}
