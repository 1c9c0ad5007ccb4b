import Foundation
import GRDB

/// The SIP-ETag of each account's presence publication (RFC 3903 §4.1), kept
/// between runs so that a headless `switchboard status set` refreshes or
/// modifies the publication the previous run made (SIP-If-Match) instead of
/// leaving it to expire beside a new one.
///
/// It lives in the database rather than a file in the state directory: one
/// transaction replaces it, two processes publishing at once cannot leave a
/// torn file, and there is no second file format to check.
public struct PublicationTags: Sendable {
    public struct Tag: Sendable, Hashable {
        public var etag: String
        /// When the server drops the publication unless refreshed.
        public var expires: Date

        public init(etag: String, expires: Date) {
            self.etag = etag
            self.expires = expires
        }
    }

    let database: DatabasePool
    /// Held so that the store counts as open while this value is in use.
    let session: SessionLock

    /// Remembers the entity tag the server gave the account's publication.
    public func set(account: String, etag: String, expires: Date, at time: Date) async throws {
        guard !account.isEmpty, (1...1024).contains(etag.utf8.count),
              !etag.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else { throw PublicationTagError.invalid(account: account, etag: etag) }
        let expiresAt = StoredTime.milliseconds(expires), updatedAt = StoredTime.milliseconds(time)
        try await database.uncancelledWrite { db in
            try db.execute(sql: """
                INSERT INTO publication (account, etag, expires_at, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (account) DO UPDATE SET etag = excluded.etag, expires_at = excluded.expires_at,
                                                    updated_at = excluded.updated_at
                """, arguments: [account, etag, expiresAt, updatedAt])
        }
    }

    /// The account's tag while its publication is still alive at `now`; nil
    /// when there is none or it has expired (an expired tag only earns a 412).
    public func tag(account: String, now: Date) async throws -> Tag? {
        let nowMilliseconds = StoredTime.milliseconds(now)
        return try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT etag, expires_at FROM publication WHERE account = ? AND expires_at > ?",
                             arguments: [account, nowMilliseconds])
                .map { Tag(etag: $0["etag"], expires: StoredTime.date($0["expires_at"])) }
        }
    }

    /// Forgets the account's tag (the publication was removed, or refused with 412).
    public func remove(account: String) async throws {
        try await database.uncancelledWrite { db in
            try db.execute(sql: "DELETE FROM publication WHERE account = ?", arguments: [account])
        }
    }
}

public enum PublicationTagError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An empty account, or an entity tag that is empty, too long or not a token.
    case invalid(account: String, etag: String)

    public var description: String {
        switch self {
        case .invalid(let account, let etag): return "cannot keep entity tag \"\(etag)\" for account \"\(account)\""
        }
    }
}
