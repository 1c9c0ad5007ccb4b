// The SIP URIs an account setting may hold (aor, registrar, proxy).
//
// This is a deliberately narrow check of shape, not a full RFC 3261 parser
// (that lives in SIPCore, which Config must not import): it exists so a typo
// in a config file is caught at load time with a clear message instead of
// surfacing later as a baffling REGISTER failure.

public struct AccountURI: Sendable, Equatable, CustomStringConvertible {
    public enum Scheme: String, Sendable, Equatable {
        case sip, sips
    }

    public let scheme: Scheme
    /// The user part (before `@`), nil when absent (allowed for registrar and proxy).
    public let user: String?
    /// Host name, IPv4 address, or bracketed IPv6 reference (`[::1]`), as written.
    public let host: String
    public let port: Int?
    /// URI parameters as written, without the leading `;` (e.g. `lr;transport=tcp`), or nil.
    public let parameters: String?

    public var description: String {
        var text = "\(scheme.rawValue):"
        if let user { text += "\(user)@" }
        text += host
        if let port { text += ":\(port)" }
        if let parameters { text += ";\(parameters)" }
        return text
    }

    /// `sip:host[:port]` with the same scheme: the registrar RFC 3261 section 10.2.6
    /// says to use when nothing else is configured.
    public var domainURI: AccountURI {
        AccountURI(scheme: scheme, user: nil, host: host, port: port, parameters: nil)
    }

    init(scheme: Scheme, user: String?, host: String, port: Int?, parameters: String?) {
        self.scheme = scheme
        self.user = user
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    /// Parses `text`; `requireUser` is true for an address of record.
    /// The thrown message never repeats the input, which could hold a password.
    public init(parsing text: String, requireUser: Bool) throws(AccountURIError) {
        guard let colon = text.firstIndex(of: ":") else { throw .noScheme }
        let schemeText = text[..<colon]
        guard let scheme = Scheme(rawValue: schemeText.lowercased()) else {
            // Echo the scheme only when it looks like one; anything else may be a secret.
            let looksLikeScheme = schemeText.count <= 10 && schemeText.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || "+-.".unicodeScalars.contains($0))
            }
            throw .unsupportedScheme(looksLikeScheme ? String(schemeText) : nil)
        }
        let afterScheme = text[text.index(after: colon)...]

        // The user part may itself contain ';' and '?', so split it off at the last '@' first.
        var user: String?
        var hostAndParameters = afterScheme
        if let at = afterScheme.lastIndex(of: "@") {
            let userPart = afterScheme[..<at]
            if userPart.contains(":") { throw .passwordInURI }
            guard !userPart.isEmpty, userPart.unicodeScalars.allSatisfy(Self.isUserCharacter) else { throw .badUser }
            user = String(userPart)
            hostAndParameters = afterScheme[afterScheme.index(after: at)...]
        } else if requireUser {
            throw .missingUser
        }
        if hostAndParameters.contains("?") { throw .headersNotAllowed }

        var hostPort = hostAndParameters
        var parameters: String?
        if let semicolon = hostAndParameters.firstIndex(of: ";") {
            hostPort = hostAndParameters[..<semicolon]
            let list = String(hostAndParameters[hostAndParameters.index(after: semicolon)...])
            guard Self.isValidParameterList(list) else { throw .badParameters }
            parameters = list
        }

        let (host, port) = try Self.splitHostPort(hostPort)
        self.init(scheme: scheme, user: user, host: host, port: port, parameters: parameters)
    }

    private static func splitHostPort(_ text: Substring) throws(AccountURIError) -> (String, Int?) {
        var hostPart = text
        var portPart: Substring?
        if text.hasPrefix("[") {
            // IPv6 reference: the port colon comes after the closing bracket.
            guard let close = text.firstIndex(of: "]") else { throw .badHost }
            hostPart = text[...close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .badHost }
                portPart = after.dropFirst()
            }
            let inner = hostPart.dropFirst().dropLast()
            guard !inner.isEmpty, inner.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }) else {
                throw .badHost
            }
        } else {
            if let colon = text.firstIndex(of: ":") {
                hostPart = text[..<colon]
                portPart = text[text.index(after: colon)...]
            }
            guard isValidHostName(hostPart) else { throw .badHost }
        }
        guard let portPart else { return (String(hostPart), nil) }
        guard !portPart.isEmpty, portPart.count <= 5, portPart.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let port = Int(portPart), (1...65535).contains(port) else { throw .badPort }
        return (String(hostPart), port)
    }

    /// Letters, digits, `-` and `.` labels: covers DNS names and dotted IPv4.
    private static func isValidHostName(_ host: Substring) -> Bool {
        guard !host.isEmpty, host.count <= 253, !host.hasPrefix("."), !host.hasPrefix("-") else { return false }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.count <= 63 && label.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-")
            }
        }
    }

    /// RFC 3261 user: unreserved, escaped (%XX) and user-unreserved characters.
    private static func isUserCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            || "-_.!~*'()%&=+$,;?/".unicodeScalars.contains(scalar)
    }

    /// `name[=value]` items separated by `;`, printable ASCII without spaces.
    private static func isValidParameterList(_ text: String) -> Bool {
        text.split(separator: ";", omittingEmptySubsequences: false).allSatisfy { item in
            !item.isEmpty && !item.hasPrefix("=") && item.unicodeScalars.allSatisfy {
                $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" && $0 != "\""
            }
        }
    }
}

/// Why a string is not an acceptable account URI; `description` is the user-facing reason.
public enum AccountURIError: Error, Sendable, Equatable, CustomStringConvertible {
    case noScheme, unsupportedScheme(String?), missingUser, passwordInURI, badUser
    case badHost, badPort, badParameters, headersNotAllowed

    public var description: String {
        switch self {
        case .noScheme: return "expected a SIP URI like sip:alice@example.com (no 'sip:' scheme)"
        case .unsupportedScheme(let scheme?): return "expected scheme sip or sips, got '\(scheme)'"
        case .unsupportedScheme(nil): return "expected a SIP URI starting with sip: or sips:"
        case .missingUser: return "expected user@host after the scheme, like sip:alice@example.com"
        case .passwordInURI: return "must not contain a password (user:password@); use password or password_file"
        case .badUser: return "the user part before '@' is empty or has characters not allowed in a SIP URI"
        case .badHost: return "the host is missing or not a valid host name, IPv4 address or [IPv6] address"
        case .badPort: return "the port must be a number from 1 to 65535"
        case .badParameters: return "URI parameters after ';' are malformed"
        case .headersNotAllowed: return "URI headers ('?...') are not allowed here"
        }
    }
}
