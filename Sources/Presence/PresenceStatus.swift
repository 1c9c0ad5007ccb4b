import Foundation

/// What a buddy list row shows from one PIDF(+RPID) document.
public struct PresenceStatus: Hashable, Sendable, Codable {
    public var entity: String
    public var availability: Availability
    /// Activities in force now (RFC 4480 from/until honoured).
    public var activities: [RPIDActivity]
    public var note: LocalizedNote?
    /// Place types (RFC 4480 place-type) and the other text, in words.
    public var place: String?
    public var mood: [String]
    /// When input stopped, for a user-input that says idle.
    public var idleSince: XMLDateTime?
    public var location: String?
    /// Timed statuses (RFC 4481) and future activities, earliest first.
    public var schedule: [ScheduledStatus]
    /// Every tuple's contact, highest priority first.
    public var contacts: [ContactSummary]
    /// The newest timestamp in the document, if any.
    public var timestamp: Date?

    public init(entity: String, availability: Availability, activities: [RPIDActivity] = [],
                note: LocalizedNote? = nil, place: String? = nil, mood: [String] = [],
                idleSince: XMLDateTime? = nil, location: String? = nil, schedule: [ScheduledStatus] = [],
                contacts: [ContactSummary] = [], timestamp: Date? = nil) {
        self.entity = entity
        self.availability = availability
        self.activities = activities
        self.note = note
        self.place = place
        self.mood = mood
        self.idleSince = idleSince
        self.location = location
        self.schedule = schedule
        self.contacts = contacts
        self.timestamp = timestamp
    }
}

/// The one word a row shows. Ordered by how much it restricts a call:
/// on the phone beats busy beats away beats available.
public enum Availability: String, Hashable, Sendable, Codable, CaseIterable {
    case available, away, busy
    case onThePhone = "on-the-phone"
    case offline, unknown
}

public struct ScheduledStatus: Hashable, Sendable, Codable {
    public var from: XMLDateTime
    public var until: XMLDateTime?
    public var basic: BasicStatus?
    public var activities: [RPIDActivity]
    public var note: LocalizedNote?

    public init(from: XMLDateTime, until: XMLDateTime?, basic: BasicStatus?, activities: [RPIDActivity],
                note: LocalizedNote?) {
        self.from = from
        self.until = until
        self.basic = basic
        self.activities = activities
        self.note = note
    }
}

public struct ContactSummary: Hashable, Sendable, Codable {
    public var tupleID: String
    public var uri: String
    public var priority: Double?
    public var basic: BasicStatus?

    public init(tupleID: String, uri: String, priority: Double?, basic: BasicStatus?) {
        self.tupleID = tupleID
        self.uri = uri
        self.priority = priority
        self.basic = basic
    }
}

/// What a PIDF body means for the UI: a status, nothing yet, or a document
/// that must not be shown as a status because part of it was not understood.
public enum PresenceInterpretation: Hashable, Sendable, Codable {
    case noDocument
    case status(PresenceStatus)
    case notUnderstood(reasons: [String])

    public var status: PresenceStatus? {
        if case .status(let status) = self { return status }
        return nil
    }
}
