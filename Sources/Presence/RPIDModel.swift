/// RFC 4480 §3 (activities): what the person is doing. Tokens are the
/// element names of the RPID schema; `other` carries its free text.
public enum RPIDActivity: Hashable, Sendable, Codable {
    case appointment, away, breakfast, busy, dinner, holiday, inTransit, lookingForWork, lunch, meal
    case meeting, onThePhone, performance, permanentAbsence, playing, presentation, shopping
    case sleeping, spectator, steering, travel, tv, unknown, vacation, working, worship
    case other(String)

    static let byToken: [String: RPIDActivity] = [
        "appointment": .appointment, "away": .away, "breakfast": .breakfast, "busy": .busy,
        "dinner": .dinner, "holiday": .holiday, "in-transit": .inTransit,
        "looking-for-work": .lookingForWork, "lunch": .lunch, "meal": .meal, "meeting": .meeting,
        "on-the-phone": .onThePhone, "performance": .performance,
        "permanent-absence": .permanentAbsence, "playing": .playing, "presentation": .presentation,
        "shopping": .shopping, "sleeping": .sleeping, "spectator": .spectator, "steering": .steering,
        "travel": .travel, "tv": .tv, "unknown": .unknown, "vacation": .vacation, "working": .working,
        "worship": .worship,
    ]

    /// The activity an RPID element name stands for ("on-the-phone"), or
    /// nil for a name RFC 4480 does not define.
    public init?(token: String) {
        guard let known = Self.byToken[token.lowercased()] else { return nil }
        self = known
    }

    /// The RPID element name ("on-the-phone"); "other" for `.other`.
    public var token: String {
        if case .other = self { return "other" }
        return Self.byToken.first { $0.value == self }?.key ?? "other"
    }

    /// Words a person reads ("on the phone", or the other text).
    public var displayText: String {
        if case .other(let text) = self { return text }
        return token.replacingOccurrences(of: "-", with: " ")
    }
}

/// RFC 4480 §3 `<rpid:activities>`, optionally valid only `from`–`until`.
public struct RPIDActivities: Hashable, Sendable, Codable {
    public var activities: [RPIDActivity]
    public var from: XMLDateTime?
    public var until: XMLDateTime?
    public var notes: [LocalizedNote]

    public init(_ activities: [RPIDActivity], from: XMLDateTime? = nil, until: XMLDateTime? = nil,
                notes: [LocalizedNote] = []) {
        self.activities = activities
        self.from = from
        self.until = until
        self.notes = notes
    }
}

/// RFC 4480 §3 `<rpid:mood>`: tokens from its list ("happy", "angry",
/// "in_love" ...) kept as written, plus the free text of `<rpid:other>`.
public struct RPIDMood: Hashable, Sendable, Codable {
    public var values: [String]
    public var other: String?
    public var from: XMLDateTime?
    public var until: XMLDateTime?
    public var notes: [LocalizedNote]

    public init(_ values: [String], other: String? = nil, from: XMLDateTime? = nil,
                until: XMLDateTime? = nil, notes: [LocalizedNote] = []) {
        self.values = values
        self.other = other
        self.from = from
        self.until = until
        self.notes = notes
    }
}

/// RFC 4480 §3 `<rpid:place-type>`: RFC 4589 location types ("home",
/// "office", "residence" ...) plus `<rpid:other>` text.
public struct RPIDPlaceType: Hashable, Sendable, Codable {
    public var types: [String]
    public var other: String?
    public var from: XMLDateTime?
    public var until: XMLDateTime?

    public init(_ types: [String], other: String? = nil, from: XMLDateTime? = nil, until: XMLDateTime? = nil) {
        self.types = types
        self.other = other
        self.from = from
        self.until = until
    }
}

/// RFC 4480 `<rpid:privacy>`: the kinds of communication others nearby are
/// unlikely to overhear ("audio", "text", "video", or "unknown"; other
/// namespaces may add more) as tokens, plus `<rpid:other>` text.
public struct RPIDPrivacy: Hashable, Sendable, Codable {
    public var values: [String]
    public var other: String?

    public init(_ values: [String], other: String? = nil) {
        self.values = values
        self.other = other
    }
}

/// RFC 4480 §3 `<rpid:user-input>`: "active" or "idle", with the idle
/// threshold in seconds and the time of the last input.
public struct UserInput: Hashable, Sendable, Codable {
    public enum State: String, Hashable, Sendable, Codable { case active, idle }
    public var state: State
    public var idleThreshold: Int?
    public var lastInput: XMLDateTime?

    public init(_ state: State, idleThreshold: Int? = nil, lastInput: XMLDateTime? = nil) {
        self.state = state
        self.idleThreshold = idleThreshold
        self.lastInput = lastInput
    }
}

/// RFC 4480 §3 `<rpid:time-offset>`: minutes from UTC where the person
/// is, with an optional description ("Asia/Tokyo").
public struct TimeOffset: Hashable, Sendable, Codable {
    public var minutes: Int
    public var description: String?

    public init(minutes: Int, description: String? = nil) {
        self.minutes = minutes
        self.description = description
    }
}
