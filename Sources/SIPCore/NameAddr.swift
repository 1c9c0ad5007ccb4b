/// `"Display Name" <uri>;params`: the value of From, To, Contact, Route and
/// Record-Route (RFC 3261 §20). The display name is stored unquoted.
public struct NameAddr: Hashable, Sendable, CustomStringConvertible {
    public var displayName: String?
    public var uri: SIPURI
    public var parameters: [SIPParameter]

    public init(displayName: String? = nil, uri: SIPURI, parameters: [SIPParameter] = []) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    /// Parses a header value such as a From or Contact field through libosip2.
    public init(parsing text: String) throws(SIPSyntaxError) {
        self = try OsipHeaderReader.nameAddr(text)
    }

    public var tag: String? {
        get { parameters.value(of: "tag") ?? nil }
        set { parameters.set("tag", newValue) }
    }

    public var description: String {
        var out = ""
        if let displayName, !displayName.isEmpty { out += Self.quoted(displayName) + " " }
        out += "<" + uri.description + ">"
        return out + parameters.serialized()
    }

    /// Quotes a display name, escaping `"` and `\` (RFC 3261 §25.1 quoted-pair).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out += "\\" }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}

/// One value of a Contact header: an address, or `*` (only in REGISTER).
public enum SIPContact: Hashable, Sendable, CustomStringConvertible {
    case wildcard
    case address(NameAddr)

    public var nameAddr: NameAddr? {
        if case .address(let value) = self { return value }
        return nil
    }

    /// The `expires` contact parameter, when present and numeric.
    public var expires: UInt32? {
        guard let raw = nameAddr?.parameters.value(of: "expires") ?? nil else { return nil }
        return UInt32(raw)
    }

    public var description: String {
        switch self {
        case .wildcard: return "*"
        case .address(let value): return value.description
        }
    }
}
