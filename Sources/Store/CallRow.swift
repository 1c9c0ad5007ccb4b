import GRDB

/// A row of the `call` table: the record plus what only the store needs.
struct CallRow {
    var record: CallRecord
    /// Milliseconds; see `StoreSchema.createCallHistory`.
    var lastKnownAt: Int64

    static let selection = """
        SELECT id, account, direction, peer_uri, peer_display_name, started_at, answered_at,
               ended_at, last_known_at, result, status_code, codec FROM call
        """
    init(_ row: Row) throws(CallHistoryError) {
        let id = CallRecord.ID(rawValue: row["id"])
        let directionText: String = row["direction"]
        guard let direction = CallDirection(rawValue: directionText) else {
            throw .unreadableRow(id, reason: "direction \"\(directionText)\"")
        }
        let resultText: String = row["result"]
        let result: CallResult?
        if resultText == CallRecord.inProgressText {
            result = nil
        } else if let kind = CallResult.Kind(rawValue: resultText),
                  let decoded = CallResult(kind: kind, statusCode: row["status_code"]) {
            result = decoded
        } else {
            let code = (row["status_code"] as Int?).map(String.init) ?? "none"
            throw .unreadableRow(id, reason: "result \"\(resultText)\" with status code \(code)")
        }
        record = CallRecord(
            id: id, account: row["account"], direction: direction, peerURI: row["peer_uri"],
            peerDisplayName: row["peer_display_name"],
            started: StoredTime.date(row["started_at"]),
            answered: (row["answered_at"] as Int64?).map(StoredTime.date),
            ended: (row["ended_at"] as Int64?).map(StoredTime.date),
            result: result, codec: row["codec"])
        lastKnownAt = row["last_known_at"]
    }

    static func fetch(_ db: Database, _ id: CallRecord.ID) throws -> CallRow? {
        guard let row = try Row.fetchOne(db, sql: selection + " WHERE id = ?", arguments: [id.rawValue]) else {
            return nil
        }
        return try CallRow(row)
    }

    /// Like `fetch`, but a missing call is an error: for updates of a known id.
    static func existing(_ db: Database, _ id: CallRecord.ID) throws -> CallRow {
        guard let row = try fetch(db, id) else { throw CallHistoryError.unknownCall(id) }
        return row
    }

    static func records(_ db: Database, _ tail: String, _ arguments: StatementArguments = []) throws -> [CallRecord] {
        try Row.fetchAll(db, sql: selection + " " + tail, arguments: arguments).map { row throws in
            try CallRow(row).record
        }
    }
}
