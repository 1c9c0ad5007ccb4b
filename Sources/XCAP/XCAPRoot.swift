/// An XCAP root (RFC 4825 §6.1): the HTTP URI under which a server keeps its
/// documents, e.g. `http://xcap.example.com/xcap-root`, and the document
/// URIs below it.
///
/// Only `http:` is accepted: this client does not speak TLS yet, and a root
/// that says `https:` must fail loudly rather than be talked to in clear.
/// The parser is strict because the root comes from a config file and is
/// put into request lines: no user info, query, fragment, white space or
/// control characters.
public struct XCAPRoot: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    /// The path of the root without a trailing slash ("" for the server's root).
    public let path: String

    public init(host: String, port: Int = 80, path: String = "") {
        self.host = host
        self.port = port
        self.path = path
    }

    /// Parses `http://host[:port][/path]`.
    public init(parsing text: String) throws(XCAPError) {
        func invalid(_ why: String) -> XCAPError { .invalidRoot(text, why) }
        /// Digits only: Int() would take "+80".
        func portNumber(_ digits: Substring) -> Int? {
            digits.isEmpty || digits.count > 5 || !digits.allSatisfy(\.isASCII) || !digits.allSatisfy(\.isNumber) ? nil : Int(digits)
        }
        guard !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw invalid("white space or control characters")
        }
        let lower = text.lowercased()
        if lower.hasPrefix("https://") { throw invalid("https is not supported; use an http:// root") }
        guard lower.hasPrefix("http://") else { throw invalid("not an http:// URI") }
        let rest = text.dropFirst("http://".count)
        guard !rest.contains("?"), !rest.contains("#") else { throw invalid("a query or fragment") }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        guard !authority.contains("@") else { throw invalid("user info (credentials belong in the account settings)") }
        var host = Substring(authority), port = 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw invalid("an unclosed IPv6 literal") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = portNumber(after.dropFirst()) else { throw invalid("a bad port") }
                port = number
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw invalid("a bad IPv6 literal")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let number = portNumber(authority[authority.index(after: colon)...]) else { throw invalid("a bad port") }
            port = number
        }
        guard (1...65_535).contains(port) else { throw invalid("port \(port) is out of range") }
        guard !host.isEmpty else { throw invalid("no host") }
        if !authority.hasPrefix("[") {
            guard host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else {
                throw invalid("a bad host name")
            }
        }
        var path = String(rest[slash...])
        // what goes into the request line as it is: ASCII, and % only as %XX
        guard path.unicodeScalars.allSatisfy({ $0.isASCII && !"\"<>\\^`{|}".unicodeScalars.contains($0) }),
              Self.percentEscapesAreWhole(path) else {
            throw invalid("characters a URI path cannot hold")
        }
        while path.hasSuffix("/") { path.removeLast() }
        guard !path.contains("//"), !path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) else {
            throw invalid("empty, . or .. path segments")
        }
        self.host = String(host)
        self.port = port
        self.path = path
    }

    static func percentEscapesAreWhole(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%") {
                let hex = { (byte: UInt8) in Character(Unicode.Scalar(byte)).isHexDigit }
                guard index + 2 < bytes.count, hex(bytes[index + 1]), hex(bytes[index + 2]) else { return false }
                index += 3
            } else {
                index += 1
            }
        }
        return true
    }

    /// The Host header value (RFC 9112 §3.2): the port only when not 80.
    public var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? name : "\(name):\(port)"
    }

    public var description: String { "http://" + hostHeader + path }

    /// The absolute URI of a path on this server (for messages and reports).
    public func uri(of path: String) -> String { "http://" + hostHeader + path }

    /// The path of a user's document (RFC 4825 §6.2):
    /// `<root>/<auid>/users/<xui>/<document>`, the XUI percent-encoded as one
    /// path segment (so a `/` in it cannot climb out).
    public func userDocumentPath(auid: String, user xui: String, document: String = "index") -> String {
        "\(path)/\(Self.segment(auid))/users/\(Self.segment(xui))/\(Self.segment(document))"
    }

    /// The user's presence authorization rules (RFC 5025 §9.1: AUID
    /// `pres-rules`, default document `index`).
    public func presRulesPath(user xui: String) -> String {
        userDocumentPath(auid: "pres-rules", user: xui)
    }

    /// The node selector of one list inside a resource-lists document
    /// (RFC 4825 §6.3): `[`, `]` and `"` percent-encoded, the name as a segment.
    public static func resourceListSelector(listName: String) -> String {
        "~~/resource-lists/list%5B@name=%22" + segment(listName) + "%22%5D"
    }

    /// RFC 3986 §3.3 pchar: unreserved, sub-delims, ":" and "@" stay;
    /// everything else is %XX of its UTF-8 bytes.
    static func segment(_ text: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@".utf8)
        var out = ""
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
