/// Why a change to the buddy list was refused. The list is unchanged.
public enum BuddyListError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a `sip:`, `sips:` or `mailto:` address the list can hold.
    case invalidURI(String)
    /// A display or group name that is too long or holds control characters.
    case invalidLabel(String)
    /// The address is already on the list (after normalization).
    case duplicate(String)
    /// No buddy has this address.
    case unknownBuddy(String)
    /// A row that does not decode (edited by hand): the address and why.
    case unreadableRow(String, reason: String)

    public var description: String {
        switch self {
        case .invalidURI(let uri):
            return "\"\(uri)\" is not a sip:, sips: or mailto: address"
        case .invalidLabel(let label):
            return "\"\(label)\" cannot be a name (at most \(BuddyLabel.maximumLength) characters, no control characters)"
        case .duplicate(let uri):
            return "\(uri) is already a buddy"
        case .unknownBuddy(let uri):
            return "\(uri) is not a buddy"
        case .unreadableRow(let uri, let reason):
            return "\(uri): unreadable buddy row: \(reason)"
        }
    }
}
