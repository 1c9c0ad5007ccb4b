/// A `;name[=value]` parameter of a URI or a header. Values are kept as they
/// were written (still escaped, quotes kept) so that printing gives the same
/// octets back; names compare case-insensitively (RFC 3261 §19.1.4, §7.3.1).
public struct SIPParameter: Hashable, Sendable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == SIPParameter {
    /// The value of the first parameter called `name`: `.some(nil)` for a
    /// parameter without value (`;lr`), `nil` when absent.
    public func value(of name: String) -> String?? {
        guard let found = first(where: { $0.name.caseInsensitiveEquals(name) }) else { return nil }
        return .some(found.value)
    }

    public func contains(_ name: String) -> Bool { value(of: name) != nil }

    /// Sets, replaces or (with `nil`) removes a parameter with a value.
    public mutating func set(_ name: String, _ value: String?) {
        if let index = firstIndex(where: { $0.name.caseInsensitiveEquals(name) }) {
            if let value { self[index].value = value } else { remove(at: index) }
        } else if let value {
            append(SIPParameter(name, value))
        }
    }

    /// Adds a flag parameter (`;lr`, `;rport`) unless present.
    public mutating func setFlag(_ name: String) {
        if !contains(name) { append(SIPParameter(name)) }
    }

    func serialized() -> String {
        var out = ""
        for parameter in self {
            out += ";" + parameter.name
            if let value = parameter.value { out += "=" + value }
        }
        return out
    }
}

extension String {
    /// ASCII case-insensitive comparison without allocating (header and
    /// parameter names are tokens; non-ASCII octets must match exactly).
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        for (a, b) in zip(utf8, other.utf8) where a != b {
            let lowerA = (a >= 65 && a <= 90) ? a + 32 : a
            let lowerB = (b >= 65 && b <= 90) ? b + 32 : b
            if lowerA != lowerB { return false }
        }
        return true
    }
}
