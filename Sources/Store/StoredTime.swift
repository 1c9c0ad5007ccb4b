import Foundation

/// How times are kept in the database: whole milliseconds since 1970 UTC.
///
/// Integers sort and compare in SQL without parsing, survive every SQLite
/// tool unchanged, and a millisecond is finer than anything call history needs.
/// Rounding to the nearest millisecond (not down) makes the conversion stable:
/// a `Date` read back from the store converts to the same integer again.
enum StoredTime {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
