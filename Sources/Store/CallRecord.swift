import Foundation

/// Who placed the call. The raw values are what the database and JSON hold.
public enum CallDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case incoming = "in"
    case outgoing = "out"
}

/// How a call ended.
///
/// Which result fits is the caller's judgement; the store only refuses
/// combinations that contradict what it recorded (see `CallHistoryError`).
public enum CallResult: Sendable, Hashable {
    /// The call was connected and then hung up by either side.
    case answered
    /// An incoming call that rang and was not picked up (the caller gave up or it timed out).
    case missed
    /// An incoming call we declined.
    case rejected
    /// An outgoing call we gave up on before it was answered.
    case cancelled
    /// The callee was busy (486, 600).
    case busy
    /// Any other final failure; the SIP status code we sent or received (300–699).
    /// Failures without a response use the RFC 3261 local codes (408 timeout, 503 transport).
    case failed(statusCode: Int)
    /// The program stopped (crash, kill, power loss) while the call was in progress;
    /// set when the store is next opened. Callers may use it too, for a call
    /// lost without knowing how it ended.
    case interrupted

    /// The result without its status code: for filters and for the database column.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case answered, missed, rejected, cancelled, busy, failed, interrupted
    }

    public var kind: Kind {
        switch self {
        case .answered: .answered
        case .missed: .missed
        case .rejected: .rejected
        case .cancelled: .cancelled
        case .busy: .busy
        case .failed: .failed
        case .interrupted: .interrupted
        }
    }

    /// The SIP status code of a `.failed` result.
    public var statusCode: Int? {
        if case .failed(let code) = self { return code }
        return nil
    }

    /// Final SIP responses that can fail a call.
    static let failureCodes = 300...699
}

/// One call in the history, as stored.
///
/// Times are kept to the millisecond. A record is written by `CallHistory`
/// as the call goes on, so the last version read may still be in progress.
public struct CallRecord: Identifiable, Sendable, Hashable {
    /// The store's number for a call; never reused, even after deletion.
    public struct ID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: Int64
        public init(rawValue: Int64) { self.rawValue = rawValue }
        public var description: String { "call \(rawValue)" }
    }

    public var id: ID
    /// The account (as configured) that placed or received the call.
    public var account: String
    public var direction: CallDirection
    /// The other party's address as the caller of `begin` gave it.
    public var peerURI: String
    public var peerDisplayName: String?
    /// When the INVITE was sent or received.
    public var started: Date
    /// When the call was connected (200 OK sent or received).
    public var answered: Date?
    /// When the call ended; nil while it is in progress.
    public var ended: Date?
    /// How it ended; nil while it is in progress.
    public var result: CallResult?
    /// The negotiated audio codec, e.g. "PCMU", when the call was answered.
    public var codec: String?

    public init(id: ID, account: String, direction: CallDirection, peerURI: String,
                peerDisplayName: String? = nil, started: Date, answered: Date? = nil,
                ended: Date? = nil, result: CallResult? = nil, codec: String? = nil) {
        self.id = id
        self.account = account
        self.direction = direction
        self.peerURI = peerURI
        self.peerDisplayName = peerDisplayName
        self.started = started
        self.answered = answered
        self.ended = ended
        self.result = result
        self.codec = codec
    }

    public var isInProgress: Bool { result == nil }

    /// What the `result` column and JSON say while the call is in progress.
    static let inProgressText = "in_progress"

    /// Seconds of conversation: from answer to end, to the millisecond. Nil
    /// when the call was never answered or has not ended.
    public var duration: TimeInterval? {
        guard let answered, let ended else { return nil }
        // Subtracting whole milliseconds, not the Dates: their Doubles near 1.7e9
        // would give 60.749999523 for a call of 60.75 s.
        return Double(StoredTime.milliseconds(ended) - StoredTime.milliseconds(answered)) / 1000
    }
}
