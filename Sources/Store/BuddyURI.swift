import Foundation

/// The shape rules for a buddy's address and its labels, shared by the buddy
/// list and the commands. The store does not import the SIP parser (it sits
/// beside it, not above it), so this checks shape only: a known scheme, a
/// non-empty rest, no white space or control characters. Whether a `sip:`
/// URI parses is for the layer that subscribes to it.
public enum BuddyURI {
    public static let schemes = ["sip", "sips", "mailto"]
    public static let maximumLength = 1024

    /// The form the list keys on, so that one address is one buddy however it
    /// was typed: the scheme in lower case, and the host part (after the last
    /// `@`, up to the first `;`, `?` or `>`) in lower case, since RFC 3261
    /// §19.1.4 and RFC 5321 compare hosts without case. The user part keeps
    /// its case (it is case-sensitive in SIP). Nil when `text` is not an
    /// address the list can hold.
    public static func normalize(_ text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].lowercased()
        let rest = text[text.index(after: colon)...]
        guard schemes.contains(scheme), !rest.isEmpty, text.utf8.count <= maximumLength,
              !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else { return nil }
        let hostStart = rest.lastIndex(of: "@").map { rest.index(after: $0) } ?? rest.startIndex
        let hostEnd = rest[hostStart...].firstIndex(where: { ";?>".contains($0) }) ?? rest.endIndex
        guard hostStart < hostEnd else { return nil }  // "sip:bob@" has no host
        return scheme + ":" + rest[..<hostStart] + rest[hostStart..<hostEnd].lowercased() + rest[hostEnd...]
    }
}

/// A display name or group name: trimmed; empty means none.
public enum BuddyLabel {
    public static let maximumLength = 256

    /// The trimmed label, nil for an empty one, or `.failure` when it is too
    /// long or holds control characters (they would break the list's lines).
    public static func normalize(_ text: String?) -> Result<String?, BuddyListError> {
        guard let text else { return .success(nil) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return .success(nil) }
        guard trimmed.count <= maximumLength,
              !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return .failure(.invalidLabel(text)) }
        return .success(trimmed)
    }
}
