/// The named colour roles a theme defines (finch's .gntrc idea): views say
/// what a piece of text *is*, the theme says how that looks.
public enum StyleRole: String, Sendable, CaseIterable, Hashable {
    case background
    case text
    case dim
    case accent
    case available
    case away
    case busy
    case onThePhone = "on-the-phone"
    case offline
    case unknown
    case error
}

/// A role plus selection highlighting (reverse video over the role's look).
public struct TextStyle: Sendable, Hashable {
    public var role: StyleRole
    public var highlighted: Bool

    public init(_ role: StyleRole, highlighted: Bool = false) {
        self.role = role
        self.highlighted = highlighted
    }

    public static let text = TextStyle(.text)
    public static let dim = TextStyle(.dim)
    public static let accent = TextStyle(.accent)
    public static let error = TextStyle(.error)
}
