import Foundation
import Presence

/// The status the user chose for themselves (`status set`).
public struct OwnStatus: Codable, Sendable, Equatable {
    /// An RFC 4480 activity token ("busy", "away", "meeting" ...),
    /// "available" for none, or "offline" to publish a closed status.
    public var activity: String
    public var note: String?
    /// When the activity stops being in force (RFC 4480 `until`).
    public var until: Date?
    /// Where we are, in words ("Room 4.12", "Berlin office"): published as
    /// a civic address's LOC (RFC 4119 geopriv, RFC 5139 §3.1).
    public var location: String?

    public init(activity: String, note: String? = nil, until: Date? = nil, location: String? = nil) {
        self.activity = activity
        self.note = note
        self.until = until
        self.location = location
    }

    /// Activities a person can set that are not RPID tokens.
    public static let plainStates = ["available", "offline"]

    /// Whether `activity` is a state we can publish.
    public static func isValidActivity(_ activity: String) -> Bool {
        plainStates.contains(activity.lowercased()) || RPIDActivity(token: activity) != nil
    }
}

/// A call in progress, as our presence shows it (issue 6: session type,
/// peer device, codec, bitrate).
public struct CallPresence: Codable, Sendable, Equatable {
    public var codec: String?
    public var bitrate: Int?
    public var peerUserAgent: String?
}

/// Our own presence: what we chose, what the calls say, what the server holds.
public struct OwnPresenceSnapshot: Codable, Sendable, Equatable {
    public var status: OwnStatus?
    /// Set while a call is up: the published status is on-the-phone.
    public var call: CallPresence?
    /// unpublished, publishing, published, failed, removing, off
    public var publication: String
    public var failure: String?
    /// The failure class commands map to exit codes (as for registrations).
    public var failureKind: RegistrationSnapshot.FailureKind?
    /// Seconds the server granted the last PUBLISH.
    public var expires: Int?

    /// What watchers make of this status (docs/presence-merge.md): the
    /// interpreter's own table, so "appointment" is busy here as there.
    public var availability: Availability {
        if call != nil { return .onThePhone }
        let token = status?.activity.lowercased() ?? "available"
        if token == "offline" { return .offline }
        return RPIDActivity(token: token).flatMap(PresenceInterpreter.availability(for:)) ?? .available
    }
}

/// One buddy's merged status (docs/presence-merge.md) as plain values.
public struct BuddySnapshot: Codable, Sendable, Equatable {
    public var account: String
    public var uri: String
    /// available, away, busy, on-the-phone, ringing, offline, line-idle,
    /// unknown, pending-authorization, not-understood,
    /// subscription-failed, subscription-ended
    public var status: String
    /// Why a subscription failed or ended, in words.
    public var reason: String?
    /// The merge rule that decided (M1–M10).
    public var rule: String
    public var source: String
    public var note: String?
    public var activities: [String]
    /// idle, ringing, on-the-phone, terminated; nil before any dialog NOTIFY.
    public var line: String?
    /// presence and dialog subscription states (subscribing, pending, active, failed, terminated).
    public var presenceSubscription: String
    public var dialogSubscription: String
    /// The shown status is the last known one of an ended subscription.
    public var stale: Bool
    /// Every subscription of this buddy has said something (a NOTIFY, or a
    /// failure): what `watch --once` waits for.
    public var complete: Bool
    /// Where the buddy says it is (its geopriv location in one line).
    public var location: String? = nil
    /// From the stored buddy list, when the buddy is on it.
    public var displayName: String? = nil
    public var group: String? = nil
}

/// Someone watching our presence (RFC 3857/3858 watcherinfo).
public struct WatcherSnapshot: Codable, Sendable, Equatable {
    public var account: String
    public var uri: String
    public var displayName: String?
    /// pending, active, waiting, terminated
    public var status: String
    public var event: String?
}

/// An instant message sent or received.
public struct MessageRecord: Codable, Sendable, Equatable {
    public var account: String
    /// in or out
    public var direction: String
    public var peer: String
    public var text: String
    public var time: Date
    /// For sent messages: the final status code, if any answer came.
    public var statusCode: Int?
}

/// Presence news for PhoneCore's clients (inside `PhoneEvent.presence`).
public enum PresenceChange: Sendable, Equatable {
    case ownStatus(account: String, OwnPresenceSnapshot)
    case buddy(BuddySnapshot)
    case watchers(account: String, [WatcherSnapshot])
    case message(MessageRecord)

    public var name: String {
        switch self {
        case .ownStatus: return "status"
        case .buddy: return "buddy"
        case .watchers: return "watchers"
        case .message: return "message"
        }
    }

    public var record: PhoneEventRecord {
        var record: PhoneEventRecord
        switch self {
        case .ownStatus(let account, let own):
            record = PhoneEventRecord(event: name, account: account,
                                      message: "status \(account): \(own.status?.activity ?? "available") "
                                        + "(\(own.publication))" + (own.status?.note.map { ": \($0)" } ?? ""))
            record.status = own
        case .buddy(let buddy):
            record = PhoneEventRecord(event: name, account: buddy.account,
                                      message: "buddy \(buddy.uri): \(buddy.status)"
                                        + (buddy.note.map { " (\($0))" } ?? "") + (buddy.reason.map { ": \($0)" } ?? ""))
            record.buddy = buddy
        case .watchers(let account, let watchers):
            record = PhoneEventRecord(event: name, account: account,
                                      message: "watchers \(account): "
                                        + watchers.map { "\($0.uri) \($0.status)" }.joined(separator: ", "))
            record.watchers = watchers
        case .message(let message):
            let arrow = message.direction == "in" ? "from" : "to"
            record = PhoneEventRecord(event: name, account: message.account,
                                      message: "message \(arrow) \(message.peer): \(message.text)")
            record.instantMessage = message
        }
        return record
    }
}
