/// One header field as name and value text.
public struct SIPHeaderField: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = SIPHeaderName.canonical(name)
        self.value = value
    }
}

/// The header fields of a message that have no typed home in `SIPMessage`,
/// in order. Names compare case-insensitively; compact forms are expanded.
public struct SIPHeaders: Hashable, Sendable, Sequence {
    public private(set) var fields: [SIPHeaderField] = []

    public init(_ fields: [SIPHeaderField] = []) { self.fields = fields }

    public func makeIterator() -> IndexingIterator<[SIPHeaderField]> { fields.makeIterator() }
    public var count: Int { fields.count }

    /// The first value of `name`.
    public subscript(_ name: String) -> String? {
        let key = SIPHeaderName.canonical(name)
        return fields.first { $0.name.caseInsensitiveEquals(key) }?.value
    }

    public func values(_ name: String) -> [String] {
        let key = SIPHeaderName.canonical(name)
        return fields.filter { $0.name.caseInsensitiveEquals(key) }.map(\.value)
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append(SIPHeaderField(name, value))
    }

    /// Replaces every value of `name` with one value (or removes them for nil).
    public mutating func set(_ name: String, _ value: String?) {
        remove(name)
        if let value { add(name, value) }
    }

    public mutating func remove(_ name: String) {
        let key = SIPHeaderName.canonical(name)
        fields.removeAll { $0.name.caseInsensitiveEquals(key) }
    }
}

/// Canonical spelling of header names (RFC 3261 §7.3.3 compact forms expanded).
public enum SIPHeaderName {
    static let compact: [String: String] = [
        "i": "Call-ID", "m": "Contact", "e": "Content-Encoding", "l": "Content-Length",
        "c": "Content-Type", "f": "From", "s": "Subject", "k": "Supported", "t": "To",
        "v": "Via", "o": "Event", "u": "Allow-Events", "r": "Refer-To", "b": "Referred-By",
        "x": "Session-Expires", "y": "Identity", "a": "Accept-Contact", "j": "Reject-Contact",
        "d": "Request-Disposition",
    ]
    static let known: [String: String] = {
        let names = [
            "Accept", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow", "Allow-Events",
            "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Contact",
            "Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
            "Content-Type", "CSeq", "Date", "Error-Info", "Event", "Expires", "From", "In-Reply-To",
            "Max-Forwards", "Min-Expires", "MIME-Version", "Organization", "Path", "Priority",
            "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "RAck", "Reason",
            "Record-Route", "Refer-To", "Referred-By", "Replaces", "Reply-To", "Require",
            "Retry-After", "Route", "RSeq", "Server", "Service-Route", "SIP-ETag", "SIP-If-Match",
            "Subject", "Subscription-State", "Supported", "Timestamp", "To", "Unsupported",
            "User-Agent", "Via", "Warning", "WWW-Authenticate", "Session-Expires", "Min-SE",
            "Identity", "P-Asserted-Identity", "Accept-Contact", "Reject-Contact",
        ]
        var table: [String: String] = [:]
        for name in names { table[name.lowercased()] = name }
        return table
    }()

    public static func canonical(_ name: String) -> String {
        let lower = name.lowercased()
        if let long = compact[lower] { return long }
        if let known = known[lower] { return known }
        return name
    }
}
