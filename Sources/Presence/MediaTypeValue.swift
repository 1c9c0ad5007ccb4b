/// A `Content-Type` value split into its media type and parameters
/// (RFC 2045 §5.1): `multipart/related; type="application/rlmi+xml";
/// boundary=abc`. Type, subtype and parameter names are case-insensitive and
/// kept lowercased; parameter values keep their case (a boundary is compared
/// octet for octet). Quoted values may hold `;` and backslash escapes.
public struct MediaTypeValue: Hashable, Sendable {
    /// `type/subtype`, lowercased; empty when the value had none.
    public var mediaType: String
    public var parameters: [String: String]

    public init(parsing value: String) {
        var pieces = Self.split(value)
        mediaType = pieces.isEmpty ? "" : pieces.removeFirst().trimmingXMLWhitespace().lowercased()
        var parameters: [String: String] = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingXMLWhitespace().lowercased()
            guard !name.isEmpty else { continue }
            // First occurrence wins: a repeated parameter is malformed, and
            // the first is what most readers use.
            if parameters[name] == nil {
                parameters[name] = Self.unquote(piece[piece.index(after: equals)...].trimmingXMLWhitespace())
            }
        }
        self.parameters = parameters
    }

    /// Splits on `;` outside quoted strings.
    private static func split(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in value {
            if escaped { current.append(character); escaped = false; continue }
            if quoted && character == "\\" { current.append(character); escaped = true; continue }
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted { pieces.append(current); current = ""; continue }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }

    /// Removes the quotes of a quoted-string and resolves its escapes
    /// (RFC 822 quoted-pair, which RFC 2045 uses). An unterminated quote
    /// keeps what follows the opening one: lenient, and it cannot match a
    /// delimiter it does not hold anyway.
    private static func unquote(_ value: String) -> String {
        guard value.first == "\"" else { return value }
        var result = ""
        var escaped = false
        for character in value.dropFirst() {
            if escaped { result.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { break }
            result.append(character)
        }
        return result
    }
}
