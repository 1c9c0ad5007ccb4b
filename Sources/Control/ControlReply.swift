/// The answer to one request: data for the client, or an error.
public enum ControlReply: Sendable, Hashable {
    case ok(JSONValue)
    case failure(ControlError)

    /// Shorthand for `.failure(ControlError(code:message:))`.
    public static func error(_ code: ControlErrorCode, _ message: String) -> ControlReply {
        .failure(ControlError(code: code, message: message))
    }
}

/// An error as it travels in a reply: a code a script can switch on and a
/// message for people.
public struct ControlError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: ControlErrorCode
    public var message: String

    public init(code: ControlErrorCode, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

/// An error code: a number (the command grammar's exit codes) or a name
/// (the protocol's own errors, below).
public enum ControlErrorCode: Sendable, Hashable, CustomStringConvertible,
    ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case number(Int)
    case name(String)

    public init(integerLiteral value: Int) { self = .number(value) }
    public init(stringLiteral value: String) { self = .name(value) }

    public init?(_ json: JSONValue) {
        switch json {
        case .int(let value): self = .number(value)
        case .string(let value): self = .name(value)
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .number(let value): .int(value)
        case .name(let value): .string(value)
        }
    }

    public var description: String {
        switch self {
        case .number(let value): String(value)
        case .name(let value): value
        }
    }
}

/// The errors the protocol itself answers with; a handler may use others.
extension ControlErrorCode {
    /// The line is not JSON: syntax, invalid UTF-8, a raw NUL, nesting too deep.
    public static let badJSON: ControlErrorCode = "bad-json"
    /// The line is JSON but not a request: not an object, a missing or
    /// mistyped member, an unknown member, a duplicate key.
    public static let badRequest: ControlErrorCode = "bad-request"
    /// The line is longer than the server's limit; the server closes the
    /// connection after this reply, since the stream can no longer be framed.
    public static let lineTooLong: ControlErrorCode = "line-too-long"
}
