import Foundation

/// One entry of the buddy list: an address to watch and talk to.
public struct Buddy: Sendable, Hashable {
    /// The normalized address (`BuddyURI.normalize`): `sip:`, `sips:` or `mailto:`.
    public var uri: String
    public var displayName: String?
    public var group: String?
    /// When the buddy was added, to the millisecond.
    public var created: Date

    public init(uri: String, displayName: String? = nil, group: String? = nil, created: Date) {
        self.uri = uri
        self.displayName = displayName
        self.group = group
        self.created = created
    }

    /// The scheme decides how the buddy is reached: SIP presence and MESSAGE,
    /// or (a later issue) mail.
    public var isMail: Bool { uri.hasPrefix("mailto:") }
}

// JSON like the call records: `{"uri":…,"displayName":…,"group":…,"created":"…Z"}`,
// absent values left out, the time as ISO 8601 UTC with milliseconds.
extension Buddy: Codable {
    enum CodingKeys: String, CodingKey { case uri, displayName, group, created }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uri, forKey: .uri)
        try container.encodeIfPresent(displayName, forKey: .displayName)
        try container.encodeIfPresent(group, forKey: .group)
        try container.encode(JSONTime.text(created), forKey: .created)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uri = try container.decode(String.self, forKey: .uri)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        created = try JSONTime.decode(container, .created)
    }
}
