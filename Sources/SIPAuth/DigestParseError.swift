// Everything that can be wrong with a WWW-Authenticate, Proxy-Authenticate,
// Authorization or Proxy-Authorization value. Header values come from the
// network, so every malformation maps to one of these and never to a trap.

/// Why a Digest header value could not be used.
public enum DigestParseError: Error, Equatable, Sendable {
    /// The value is empty or only whitespace.
    case empty
    /// Longer than `limit` bytes; refused before lexing (see `AuthParamLexer`).
    case tooLong(byteCount: Int, limit: Int)
    /// The value does not start with an auth-scheme token.
    case missingScheme
    /// A scheme other than Digest (e.g. Basic), which this module does not answer.
    case unsupportedScheme(String)
    /// A byte that cannot appear where it was found, at this UTF-8 offset.
    case unexpectedCharacter(byte: UInt8, offset: Int)
    /// A quoted-string value that is never closed.
    case unterminatedQuotedString(parameter: String)
    /// `name` without `=value`, or `name=` followed by nothing.
    case missingValue(parameter: String)
    /// The same parameter twice (RFC 7235 §2.1: each name only once per challenge).
    case duplicateParameter(String)
    /// A parameter the scheme requires (realm, nonce, ...) is absent.
    case missingParameter(String)
    /// An algorithm this module does not implement.
    case unsupportedAlgorithm(String)
    /// A qop list offering nothing this module implements (only auth, auth-int).
    case unsupportedQualityOfProtection(String)
    /// A parameter whose value has the wrong form (e.g. nc that is not 8 hex digits).
    case invalidValue(parameter: String, value: String)
}

extension DigestParseError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty:
            return "empty authentication header value"
        case let .tooLong(byteCount, limit):
            return "authentication header value is \(byteCount) bytes, limit is \(limit)"
        case .missingScheme:
            return "authentication header value does not start with a scheme"
        case let .unsupportedScheme(scheme):
            return "unsupported authentication scheme \(Self.printable(scheme))"
        case let .unexpectedCharacter(byte, offset):
            let hexDigits = String(byte, radix: 16, uppercase: true)
            let hex = hexDigits.count == 1 ? "0" + hexDigits : hexDigits
            return "unexpected character 0x\(hex) at offset \(offset)"
        case let .unterminatedQuotedString(parameter):
            return "unterminated quoted string in parameter \(Self.printable(parameter))"
        case let .missingValue(parameter):
            return "parameter \(Self.printable(parameter)) has no value"
        case let .duplicateParameter(parameter):
            return "parameter \(Self.printable(parameter)) appears more than once"
        case let .missingParameter(parameter):
            return "required parameter \(Self.printable(parameter)) is missing"
        case let .unsupportedAlgorithm(algorithm):
            return "unsupported digest algorithm \(Self.printable(algorithm))"
        case let .unsupportedQualityOfProtection(qop):
            return "no supported qop in \(Self.printable(qop))"
        case let .invalidValue(parameter, value):
            return "invalid value \(Self.printable(value)) for parameter \(Self.printable(parameter))"
        }
    }

    /// Peer-supplied text, shortened and with control characters escaped, so
    /// an error message can go into a log line without forging extra lines.
    static func printable(_ text: String, limit: Int = 40) -> String {
        var shown = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            shown += scalar.value < 0x20 || scalar.value == 0x7f
                ? scalar.escaped(asASCII: true) : String(scalar)
        }
        if text.unicodeScalars.count > limit { shown += "…" }
        return "\"" + shown + "\""
    }
}
