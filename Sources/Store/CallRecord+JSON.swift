import Foundation

// The JSON form of a record, for `switchboard history --json` and the control socket:
//
//   {"id":7,"account":"alice","direction":"out","peerURI":"sip:bob@example.com",
//    "peerDisplayName":"Bob","started":"2025-01-31T09:15:02.125Z",
//    "answered":"2025-01-31T09:15:05.000Z","ended":"2025-01-31T09:16:05.500Z",
//    "duration":60.5,"result":"answered","codec":"PCMU"}
//
// Times are ISO 8601 strings in UTC with milliseconds, written here rather
// than left to the encoder's date strategy: the default strategy writes
// seconds since 2001, which no reader of command output expects. The result
// is a flat string ("in_progress" while the call goes on) with `statusCode`
// beside it for "failed", so `jq '.result'` needs no unpacking. `duration` is
// written for readers and ignored when decoding (it is derived). Absent
// values are left out, as elsewhere in Switchboard's JSON.
extension CallRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case id, account, direction, peerURI, peerDisplayName, started, answered, ended
        case duration, result, statusCode, codec
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(account, forKey: .account)
        try container.encode(direction, forKey: .direction)
        try container.encode(peerURI, forKey: .peerURI)
        try container.encodeIfPresent(peerDisplayName, forKey: .peerDisplayName)
        try container.encode(JSONTime.text(started), forKey: .started)
        try container.encodeIfPresent(answered.map(JSONTime.text), forKey: .answered)
        try container.encodeIfPresent(ended.map(JSONTime.text), forKey: .ended)
        try container.encodeIfPresent(duration, forKey: .duration)
        try container.encode(result?.kind.rawValue ?? Self.inProgressText, forKey: .result)
        try container.encodeIfPresent(result?.statusCode, forKey: .statusCode)
        try container.encodeIfPresent(codec, forKey: .codec)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ID.self, forKey: .id)
        account = try container.decode(String.self, forKey: .account)
        direction = try container.decode(CallDirection.self, forKey: .direction)
        peerURI = try container.decode(String.self, forKey: .peerURI)
        peerDisplayName = try container.decodeIfPresent(String.self, forKey: .peerDisplayName)
        started = try JSONTime.decode(container, .started)
        answered = try container.contains(.answered) ? JSONTime.decode(container, .answered) : nil
        ended = try container.contains(.ended) ? JSONTime.decode(container, .ended) : nil
        codec = try container.decodeIfPresent(String.self, forKey: .codec)

        let text = try container.decode(String.self, forKey: .result)
        if text == Self.inProgressText {
            result = nil
        } else if let kind = CallResult.Kind(rawValue: text) {
            let code = try container.decodeIfPresent(Int.self, forKey: .statusCode)
            guard let decoded = CallResult(kind: kind, statusCode: code) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .statusCode, in: container,
                    debugDescription: "a \"failed\" result needs a statusCode, and only it has one")
            }
            result = decoded
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .result, in: container, debugDescription: "unknown call result \"\(text)\"")
        }
    }
}

extension CallResult {
    /// Puts a result back together from its kind and code, as stored; nil
    /// when they do not fit (a failure without a code, a code without a failure).
    init?(kind: Kind, statusCode: Int?) {
        switch (kind, statusCode) {
        case (.failed, let code?): self = .failed(statusCode: code)
        case (.failed, nil), (_, _?): return nil
        case (.answered, nil): self = .answered
        case (.missed, nil): self = .missed
        case (.rejected, nil): self = .rejected
        case (.cancelled, nil): self = .cancelled
        case (.busy, nil): self = .busy
        case (.interrupted, nil): self = .interrupted
        }
    }
}

/// ISO 8601 in UTC with milliseconds, e.g. 2025-01-31T09:15:02.125Z.
///
/// The milliseconds are computed as an integer and written by hand: a
/// formatter working on the `Double` inside a `Date` may write .122 for a time
/// stored as ...123 ms. Parsed times are rounded back to whole milliseconds so
/// that a record survives encoding and decoding unchanged.
enum JSONTime {
    static let wholeSeconds = Date.ISO8601FormatStyle(timeZone: .gmt)
    static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    static func text(_ date: Date) -> String {
        let milliseconds = StoredTime.milliseconds(date)
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        // Before 1970 the remainder is negative; borrow one second.
        let (second, millisecond) = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let whole = Date(timeIntervalSince1970: Double(second)).formatted(wholeSeconds)
        let digits = String(millisecond)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    static func decode<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        guard let date = (try? withFraction.parse(text)) ?? (try? wholeSeconds.parse(text)) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "not an ISO 8601 time: \"\(text)\"")
        }
        return StoredTime.date(StoredTime.milliseconds(date))
    }
}
