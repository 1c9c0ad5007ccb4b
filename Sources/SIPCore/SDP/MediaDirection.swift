/// The direction attributes of RFC 8866 §6.7, always from the point of view
/// of the party that wrote the description.
public enum MediaDirection: String, Hashable, Sendable, CaseIterable {
    case sendrecv, sendonly, recvonly, inactive

    public init(sends: Bool, receives: Bool) {
        switch (sends, receives) {
        case (true, true): self = .sendrecv
        case (true, false): self = .sendonly
        case (false, true): self = .recvonly
        case (false, false): self = .inactive
        }
    }

    public var sends: Bool { self == .sendrecv || self == .sendonly }
    public var receives: Bool { self == .sendrecv || self == .recvonly }

    /// The same stream seen from the other end: their sendonly is our recvonly.
    public var reversed: MediaDirection { MediaDirection(sends: receives, receives: sends) }

    /// What both sides allow: used to answer an offer (RFC 3264 §6.1: sendonly
    /// is answered recvonly or inactive, recvonly with sendonly or inactive,
    /// inactive with inactive) and to read an answer to ours.
    public func intersection(_ other: MediaDirection) -> MediaDirection {
        MediaDirection(sends: sends && other.sends, receives: receives && other.receives)
    }

    /// The direction that puts this stream on hold: RFC 3264 §8.4 turns
    /// sendrecv into sendonly and recvonly into inactive.
    public var held: MediaDirection { MediaDirection(sends: sends, receives: false) }
}

extension Array where Element == SDPAttribute {
    /// The first direction attribute in the list, if any (RFC 8866 §6.7
    /// allows one; a second one is ignored).
    var direction: MediaDirection? {
        lazy.compactMap { $0.value == nil ? MediaDirection(rawValue: $0.name) : nil }.first
    }

    /// Replaces the direction attributes by one, where the first one was.
    mutating func setDirection(_ direction: MediaDirection) {
        let attribute = SDPAttribute(direction.rawValue)
        let isDirection: (SDPAttribute) -> Bool = { $0.value == nil && MediaDirection(rawValue: $0.name) != nil }
        if let index = firstIndex(where: isDirection) {
            self[index] = attribute
            let rest = self[(index + 1)...].filter { !isDirection($0) }
            removeSubrange((index + 1)...)
            append(contentsOf: rest)
        } else {
            append(attribute)
        }
    }
}
