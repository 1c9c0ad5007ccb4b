import GRDB

/// Which calls `CallHistory.history(_:)` returns: every condition that is set
/// must hold. Results are newest first.
public struct CallHistoryQuery: Sendable, Hashable {
    public var account: String?
    /// The peer's URI exactly as given to `begin` (no SIP URI comparison rules:
    /// callers store and ask with the same normalized form).
    public var peerURI: String?
    public var direction: CallDirection?
    /// Ended calls with this result; calls in progress never match.
    public var result: CallResult.Kind?
    /// At most this many calls; nil for all of them.
    public var limit: Int?

    public init(account: String? = nil, peerURI: String? = nil, direction: CallDirection? = nil,
                result: CallResult.Kind? = nil, limit: Int? = nil) {
        self.account = account
        self.peerURI = peerURI
        self.direction = direction
        self.result = result
        self.limit = limit
    }

    /// A WHERE clause (possibly empty) and its arguments; values are always bound, never spliced.
    var sqlFilter: (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let account {
            conditions.append("account = ?")
            arguments += [account]
        }
        if let peerURI {
            conditions.append("peer_uri = ?")
            arguments += [peerURI]
        }
        if let direction {
            conditions.append("direction = ?")
            arguments += [direction.rawValue]
        }
        if let result {
            conditions.append("result = ?")
            arguments += [result.rawValue]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}
