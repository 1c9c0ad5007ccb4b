/// A SIP, SIPS or other URI (RFC 3261 §19.1, RFC 3966 for tel).
///
/// `user` and `password` hold the decoded text (`%40` is `@`, `%00` is a NUL
/// scalar, never a truncation); printing escapes them again. Parameters and
/// headers keep the octets as written, escapes included, because their meaning
/// depends on the parameter. URIs of other schemes keep their text in `opaque`.
public struct SIPURI: Hashable, Sendable, CustomStringConvertible {
    public var scheme: String
    public var user: String?
    public var password: String?
    /// Host name, IPv4 address, or IPv6 address without brackets.
    public var host: String
    public var port: Int?
    public var parameters: [SIPParameter]
    public var headers: [SIPParameter]
    /// Everything after `scheme:` for schemes other than sip and sips.
    public var opaque: String?

    public init(scheme: String = "sip", user: String? = nil, password: String? = nil,
                host: String, port: Int? = nil,
                parameters: [SIPParameter] = [], headers: [SIPParameter] = []) {
        self.scheme = scheme.lowercased()
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
        self.opaque = nil
    }

    /// A URI of a scheme this stack does not interpret (tel, mailto, ...).
    public init(scheme: String, opaque: String) {
        self.scheme = scheme.lowercased()
        self.host = ""
        self.parameters = []
        self.headers = []
        self.opaque = opaque
    }

    /// Parses a URI through libosip2 and checks what osip lets through
    /// (port range, IPv6 literal syntax).
    public init(parsing text: String) throws(SIPSyntaxError) {
        self = try OsipURIReader.parse(text)
    }

    public var isSIP: Bool { scheme == "sip" || scheme == "sips" }
    public var isSecure: Bool { scheme == "sips" }

    /// `user@host[:port]` without parameters: the address-of-record key.
    public var addressOfRecord: String {
        var out = scheme + ":"
        if let user { out += SIPEscaping.escape(user, allowed: SIPEscaping.userUnescaped) + "@" }
        return out + hostPort
    }

    public var hostPort: String {
        let h = host.contains(":") ? "[\(host)]" : host
        if let port { return "\(h):\(port)" }
        return h
    }

    public var transportParameter: String? { parameters.value(of: "transport").flatMap { $0?.lowercased() } }

    public var description: String {
        if let opaque { return scheme + ":" + opaque }
        var out = scheme + ":"
        if let user {
            out += SIPEscaping.escape(user, allowed: SIPEscaping.userUnescaped)
            if let password { out += ":" + SIPEscaping.escape(password, allowed: SIPEscaping.passwordUnescaped) }
            out += "@"
        }
        out += hostPort
        out += parameters.serialized()
        if !headers.isEmpty {
            out += "?" + headers.map { $0.name + "=" + ($0.value ?? "") }.joined(separator: "&")
        }
        return out
    }
}

/// Percent-escaping for the user and password parts (RFC 3261 §25.1).
public enum SIPEscaping {
    static let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()".utf8)
    public static let userUnescaped = unreserved.union("&=+$,;?/".utf8)
    public static let passwordUnescaped = unreserved.union("&=+$,".utf8)

    public static func escape(_ text: String, allowed: Set<UInt8>) -> String {
        var out = ""
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hexDigit(byte >> 4) + hexDigit(byte & 0x0f)
            }
        }
        return out
    }

    /// Decodes `%XX` escapes; invalid escapes are kept as written.
    public static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let high = hexValue(utf8[utf8.startIndex]),
               let low = hexValue(utf8[utf8.startIndex + 1]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexDigit(_ value: UInt8) -> String {
        String(UnicodeScalar(value < 10 ? value + 48 : value + 55))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }
}
