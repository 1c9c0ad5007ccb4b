/// The body of a SIP INFO request of type `application/dtmf-relay`, the de
/// facto format (Cisco's, never standardised) for DTMF outside RTP:
///
/// ```
/// Signal=5
/// Duration=160
/// ```
///
/// Duration is in milliseconds. Parsing is lenient in what peers are known
/// to send: keys in any case, spaces around `=`, LF or CRLF line ends, other
/// keys ignored, `Signal` as a key character (0-9, *, #, A-D) or as its RFC
/// 4733 event code 10-15 (some gateways send `Signal=11` for #).
public struct DTMFRelayBody: Sendable, Hashable {
    public static let contentType = "application/dtmf-relay"

    public var digit: DTMFDigit
    /// In milliseconds; nil when the body has no Duration line.
    public var durationMilliseconds: Int?

    public init(digit: DTMFDigit, durationMilliseconds: Int? = 160) {
        self.digit = digit
        self.durationMilliseconds = durationMilliseconds
    }

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case missingSignal
        case invalidSignal(String)
        case invalidDuration(String)

        public var description: String {
            switch self {
            case .missingSignal: "dtmf-relay body has no Signal line"
            case .invalidSignal(let value): "dtmf-relay Signal '\(value)' is not a DTMF key"
            case .invalidDuration(let value): "dtmf-relay Duration '\(value)' is not a number of milliseconds"
            }
        }
    }

    public init(parsing body: String) throws(ParseError) {
        var signal: String?
        var duration: String?
        for line in body.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingWhitespace().lowercased()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            switch key {
            case "signal" where signal == nil: signal = value
            case "duration" where duration == nil: duration = value
            default: continue
            }
        }
        guard let signal else { throw .missingSignal }
        if signal.count == 1, let digit = DTMFDigit(signal.first!) {
            self.digit = digit
        } else if let code = UInt8(signal), code >= 10, let digit = DTMFDigit(event: code) {
            self.digit = digit
        } else {
            throw .invalidSignal(signal)
        }
        if let duration {
            guard let milliseconds = Int(duration), milliseconds >= 0 else { throw .invalidDuration(duration) }
            self.durationMilliseconds = milliseconds
        } else {
            self.durationMilliseconds = nil
        }
    }

    /// The body text, CRLF line ends.
    public var encoded: String {
        var text = "Signal=\(digit.character)\r\n"
        if let durationMilliseconds { text += "Duration=\(durationMilliseconds)\r\n" }
        return text
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
