/// Why a call history write or query was refused. The database is unchanged.
public enum CallHistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No call has this id.
    case unknownCall(CallRecord.ID)
    /// The call has already ended (or was closed as interrupted).
    case notInProgress(CallRecord.ID, result: CallResult)
    /// `answered` was called twice for one call.
    case alreadyAnswered(CallRecord.ID)
    /// The result contradicts what was recorded: `.answered` for a call that
    /// was never answered, or missed, rejected, cancelled or busy for one that was.
    case resultContradictsAnswer(CallRecord.ID, result: CallResult, wasAnswered: Bool)
    /// A `.failed` status code outside 300–699.
    case invalidStatusCode(Int)
    /// A negative limit.
    case invalidLimit(Int)
    /// A row that does not decode (edited by hand, or a bug): the reason.
    case unreadableRow(CallRecord.ID, reason: String)

    public var description: String {
        switch self {
        case .unknownCall(let id):
            return "\(id): no such call in the history"
        case .notInProgress(let id, let result):
            return "\(id): already ended (\(result.kind.rawValue))"
        case .alreadyAnswered(let id):
            return "\(id): already answered"
        case .resultContradictsAnswer(let id, let result, let wasAnswered):
            return "\(id): result \(result.kind.rawValue) for a call that was "
                + (wasAnswered ? "answered" : "never answered")
        case .invalidStatusCode(let code):
            return "\(code) is not a final failure status (300-699)"
        case .invalidLimit(let limit):
            return "limit \(limit) is negative"
        case .unreadableRow(let id, let reason):
            return "\(id): unreadable row: \(reason)"
        }
    }
}
