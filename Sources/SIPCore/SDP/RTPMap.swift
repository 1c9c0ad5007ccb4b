/// `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]`
/// (RFC 8866 §6.6). For audio the encoding parameters are the channel count.
public struct RTPMap: Hashable, Sendable {
    public var payloadType: Int
    public var encodingName: String
    public var clockRate: Int
    /// Audio channels when written; RFC 8866 §6.6 reads absence as one.
    public var channels: Int?

    public init(payloadType: Int, encodingName: String, clockRate: Int, channels: Int? = nil) {
        self.payloadType = payloadType
        self.encodingName = encodingName
        self.clockRate = clockRate
        self.channels = channels
    }

    /// Reads the value of an `rtpmap` attribute; nil when it is not one.
    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, let payloadType = SDPNumber.payloadType(parts[0]) else { return nil }
        let encoding = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard encoding.count == 2 || encoding.count == 3, !encoding[0].isEmpty,
              let clockRate = SDPNumber.int(encoding[1]), clockRate > 0 else { return nil }
        var channels: Int?
        if encoding.count == 3 {
            guard let count = SDPNumber.int(encoding[2]), count > 0 else { return nil }
            channels = count
        }
        self.init(payloadType: payloadType, encodingName: String(encoding[0]), clockRate: clockRate,
                  channels: channels)
    }

    public var attributeValue: String {
        "\(payloadType) \(encodingName)/\(clockRate)" + (channels.map { "/\($0)" } ?? "")
    }

    /// Same codec: names compare case-insensitively (RFC 4855 §3), one
    /// channel when none is written.
    public func describesSameEncoding(as other: RTPMap) -> Bool {
        encodingName.lowercased() == other.encodingName.lowercased() && clockRate == other.clockRate
            && (channels ?? 1) == (other.channels ?? 1)
    }

    /// The static audio payload types of RFC 3551 §6 (Table 4), which an
    /// offer may use without an rtpmap line (RFC 8866 §6.6).
    public static func staticAudio(payloadType: Int) -> RTPMap? {
        let table: [Int: (String, Int, Int?)] = [
            0: ("PCMU", 8000, nil), 3: ("GSM", 8000, nil), 4: ("G723", 8000, nil),
            5: ("DVI4", 8000, nil), 6: ("DVI4", 16000, nil), 7: ("LPC", 8000, nil),
            8: ("PCMA", 8000, nil), 9: ("G722", 8000, nil), 10: ("L16", 44100, 2),
            11: ("L16", 44100, nil), 12: ("QCELP", 8000, nil), 13: ("CN", 8000, nil),
            14: ("MPA", 90000, nil), 15: ("G728", 8000, nil), 16: ("DVI4", 11025, nil),
            17: ("DVI4", 22050, nil), 18: ("G729", 8000, nil),
        ]
        guard let (name, rate, channels) = table[payloadType] else { return nil }
        return RTPMap(payloadType: payloadType, encodingName: name, clockRate: rate, channels: channels)
    }
}

/// Digit-only number parsing for SDP fields: `Int("+5")` and `Int(" 5")`
/// would accept what the grammar does not.
enum SDPNumber {
    static func uint64<S: StringProtocol>(_ text: S) -> UInt64? {
        guard !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return UInt64(text)
    }

    static func int<S: StringProtocol>(_ text: S) -> Int? {
        guard text.utf8.count <= 9, let value = uint64(text) else { return nil }
        return Int(value)
    }

    static func port<S: StringProtocol>(_ text: S) -> Int? {
        guard let value = int(text), value <= 65535 else { return nil }
        return value
    }

    /// RTP payload types are 7 bits (RFC 3550 §5.1).
    static func payloadType<S: StringProtocol>(_ text: S) -> Int? {
        guard let value = int(text), value <= 127 else { return nil }
        return value
    }
}
