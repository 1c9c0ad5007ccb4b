/// A PIDF document (RFC 3863 §4) with the data model of RFC 4479 §3:
/// services (PIDF tuples), persons and devices, plus the extensions we read
/// and publish (RPID RFC 4480, timed-status RFC 4481, geopriv RFC 4119/5491).
public struct PIDFDocument: Hashable, Sendable, Codable {
    /// RFC 3863 §4.1.1: the presentity URL ("pres:" or "sip:").
    public var entity: String
    public var tuples: [PresenceTuple]
    /// RFC 4479 §4.1: the human user; RPID elements mostly live here.
    public var persons: [PresencePerson]
    /// RFC 4479 §4.3: the physical devices.
    public var devices: [PresenceDevice]
    /// RFC 3863 §4.1.6: notes on the whole document, in several languages.
    public var notes: [LocalizedNote]

    public init(entity: String, tuples: [PresenceTuple] = [], persons: [PresencePerson] = [],
                devices: [PresenceDevice] = [], notes: [LocalizedNote] = []) {
        self.entity = entity
        self.tuples = tuples
        self.persons = persons
        self.devices = devices
        self.notes = notes
    }
}

/// RFC 3863 §4.1.5 / RFC 4479 §4.3.5: a note, in the language of `xml:lang`.
public struct LocalizedNote: Hashable, Sendable, Codable {
    public var text: String
    /// An RFC 5646 tag, or nil when the note did not say.
    public var language: String?

    public init(_ text: String, language: String? = nil) {
        self.text = text
        self.language = language
    }
}

/// RFC 3863 §4.1.4: `<basic>`.
public enum BasicStatus: String, Hashable, Sendable, Codable {
    case open, closed
}

/// RFC 3863 §4.1.3: `<contact>` with its optional priority (a qvalue, 0 to 1).
public struct PresenceContact: Hashable, Sendable, Codable {
    public var uri: String
    public var priority: Double?

    public init(uri: String, priority: Double? = nil) {
        self.uri = uri
        self.priority = priority
    }
}

/// RFC 3863 §4.1.2 `<tuple>`, the data model's service (RFC 4479 §4.2).
public struct PresenceTuple: Hashable, Sendable, Codable {
    public var id: String
    /// nil when `<status>` has no `<basic>` (RFC 3863 §4.1.4 makes it optional).
    public var basic: BasicStatus?
    /// RFC 3863 §3.3's `<im:im>` status extension (e.g. "busy"), still sent by some clients.
    public var imStatus: String?
    public var contact: PresenceContact?
    public var notes: [LocalizedNote]
    public var timestamp: XMLDateTime?
    /// RFC 4479 §4.2.4: the device(s) this service runs on.
    public var deviceIDs: [String]
    /// RFC 4480 §3 elements allowed on a tuple.
    public var rpidClass: String?
    public var statusIcon: String?
    public var userInput: UserInput?
    /// RFC 4481: what the basic status will be (or was) at other times.
    public var timedStatuses: [TimedStatus]
    /// RFC 4119 §2.2: location carried in the tuple's `<status>`.
    public var location: GeoprivLocation?

    public init(id: String, basic: BasicStatus? = nil, imStatus: String? = nil,
                contact: PresenceContact? = nil, notes: [LocalizedNote] = [],
                timestamp: XMLDateTime? = nil, deviceIDs: [String] = [], rpidClass: String? = nil,
                statusIcon: String? = nil, userInput: UserInput? = nil,
                timedStatuses: [TimedStatus] = [], location: GeoprivLocation? = nil) {
        self.id = id
        self.basic = basic
        self.imStatus = imStatus
        self.contact = contact
        self.notes = notes
        self.timestamp = timestamp
        self.deviceIDs = deviceIDs
        self.rpidClass = rpidClass
        self.statusIcon = statusIcon
        self.userInput = userInput
        self.timedStatuses = timedStatuses
        self.location = location
    }
}

/// RFC 4479 §4.1 `<dm:person>` with the RPID person elements (RFC 4480 §3).
public struct PresencePerson: Hashable, Sendable, Codable {
    public var id: String
    public var activities: RPIDActivities?
    public var mood: RPIDMood?
    public var placeType: RPIDPlaceType?
    public var privacy: RPIDPrivacy?
    public var sphere: String?
    public var rpidClass: String?
    public var userInput: UserInput?
    public var timeOffset: TimeOffset?
    public var statusIcon: String?
    /// `<dm:note>` (RFC 4479 §4.3.5) and, leniently, a `<note>` in the PIDF namespace.
    public var notes: [LocalizedNote]
    public var timestamp: XMLDateTime?
    public var timedStatuses: [TimedStatus]
    /// RFC 5491 §3.2: a location may describe the person directly.
    public var location: GeoprivLocation?

    public init(id: String, activities: RPIDActivities? = nil, mood: RPIDMood? = nil,
                placeType: RPIDPlaceType? = nil, privacy: RPIDPrivacy? = nil, sphere: String? = nil,
                rpidClass: String? = nil, userInput: UserInput? = nil, timeOffset: TimeOffset? = nil,
                statusIcon: String? = nil, notes: [LocalizedNote] = [], timestamp: XMLDateTime? = nil,
                timedStatuses: [TimedStatus] = [], location: GeoprivLocation? = nil) {
        self.id = id
        self.activities = activities
        self.mood = mood
        self.placeType = placeType
        self.privacy = privacy
        self.sphere = sphere
        self.rpidClass = rpidClass
        self.userInput = userInput
        self.timeOffset = timeOffset
        self.statusIcon = statusIcon
        self.notes = notes
        self.timestamp = timestamp
        self.timedStatuses = timedStatuses
        self.location = location
    }
}

/// RFC 4479 §4.3 `<dm:device>`.
public struct PresenceDevice: Hashable, Sendable, Codable {
    public var id: String
    /// RFC 4479 §4.3.1: the device's URN (for example "urn:x-mac:0003ba4811e3").
    public var deviceID: String?
    public var userInput: UserInput?
    public var rpidClass: String?
    public var notes: [LocalizedNote]
    public var timestamp: XMLDateTime?
    public var location: GeoprivLocation?

    public init(id: String, deviceID: String? = nil, userInput: UserInput? = nil, rpidClass: String? = nil,
                notes: [LocalizedNote] = [], timestamp: XMLDateTime? = nil, location: GeoprivLocation? = nil) {
        self.id = id
        self.deviceID = deviceID
        self.userInput = userInput
        self.rpidClass = rpidClass
        self.notes = notes
        self.timestamp = timestamp
        self.location = location
    }
}

/// RFC 4481 §2: `<ts:timed-status from until>`: the status at another time,
/// which is how a buddy's schedule ("closed next week") is published.
public struct TimedStatus: Hashable, Sendable, Codable {
    public var from: XMLDateTime
    public var until: XMLDateTime?
    /// In a tuple: the basic status for that interval.
    public var basic: BasicStatus?
    /// In a person: RPID activities for that interval.
    public var activities: [RPIDActivity]
    public var notes: [LocalizedNote]

    public init(from: XMLDateTime, until: XMLDateTime? = nil, basic: BasicStatus? = nil,
                activities: [RPIDActivity] = [], notes: [LocalizedNote] = []) {
        self.from = from
        self.until = until
        self.basic = basic
        self.activities = activities
        self.notes = notes
    }
}
