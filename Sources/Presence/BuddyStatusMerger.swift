import Foundation

/// The latest PIDF-derived status of a buddy and when it arrived.
public struct PIDFObservation: Hashable, Sendable {
    public var interpretation: PresenceInterpretation
    /// Local clock, when the NOTIFY was received.
    public var receivedAt: Date
    /// The newest timestamp inside the document (sender's clock), if any.
    public var documentTimestamp: Date?

    public init(_ interpretation: PresenceInterpretation, receivedAt: Date, documentTimestamp: Date? = nil) {
        self.interpretation = interpretation
        self.receivedAt = receivedAt
        self.documentTimestamp = documentTimestamp ?? interpretation.status?.timestamp
    }
}

/// The latest line state of a buddy (dialog event package) and when it arrived.
public struct BLFObservation: Hashable, Sendable {
    public var state: BLFState
    public var receivedAt: Date

    public init(_ state: BLFState, receivedAt: Date) {
        self.state = state
        self.receivedAt = receivedAt
    }
}

/// What one buddy row shows after merging its sources.
public enum MergedAvailability: Hashable, Sendable, Codable {
    case available, away, busy, onThePhone, ringing, offline
    /// The line has no call; whether the phone is registered is not known.
    case lineIdle
    /// Subscribed, but nothing has told us anything yet.
    case unknown
    /// The presentity has not yet authorized us (RFC 6665 §4.1.3 pending).
    case pendingAuthorization
    /// The last document had a mustUnderstand element we do not know.
    case notUnderstood
    /// The subscription could not be set up; never shown as offline or idle.
    case subscriptionFailed(reason: String)
    /// The notifier ended the subscription for good (rejected, noresource).
    case subscriptionEnded(reason: TerminationReason)
}

/// Where a part of the merged status came from.
public enum StatusSource: String, Hashable, Sendable, Codable {
    case pidf, blf, subscription, none
}

/// The rules of docs/presence-merge.md, by number; the merged status says
/// which one decided.
public enum MergeRule: String, Hashable, Sendable, Codable, CaseIterable {
    case m1SubscriptionFailed = "M1"
    case m2SubscriptionEnded = "M2"
    case m3Pending = "M3"
    case m4LineInCall = "M4"
    case m5LineRinging = "M5"
    case m6NotUnderstood = "M6"
    case m7NewerLineEndsPhoneActivity = "M7"
    case m8PresenceDocument = "M8"
    case m9LineOnly = "M9"
    case m10Nothing = "M10"
}

public struct MergedStatus: Hashable, Sendable {
    public var availability: MergedAvailability
    public var availabilitySource: StatusSource
    public var rule: MergeRule
    /// The note, activities and details of the PIDF status (source: pidf),
    /// shown beside the availability whatever decided it.
    public var note: LocalizedNote?
    public var activities: [RPIDActivity]
    public var presence: PresenceStatus?
    /// The line as the dialog package last said (source: blf).
    public var line: BLFState?
    public var subscription: SubscriptionState
    /// The subscription ended with a reason that allows subscribing again
    /// (RFC 6665 §4.2.2); the status shown is the last known one.
    public var isStale: Bool
}

/// Merges a buddy's sources into one status. Pure: same inputs, same output.
/// The rules are written down in docs/presence-merge.md and tested one by one.
public enum BuddyStatusMerger {
    public static func merge(presence: PIDFObservation?, line: BLFObservation?,
                             subscription: SubscriptionState) -> MergedStatus {
        let status = presence?.interpretation.status
        var merged = MergedStatus(availability: .unknown, availabilitySource: .none, rule: .m10Nothing,
                                  note: status?.note, activities: status?.activities ?? [], presence: status,
                                  line: line?.state, subscription: subscription, isStale: false)
        func decide(_ availability: MergedAvailability, _ source: StatusSource, _ rule: MergeRule) -> MergedStatus {
            merged.availability = availability
            merged.availabilitySource = source
            merged.rule = rule
            return merged
        }

        switch subscription {
        case .failed(let reason):
            return decide(.subscriptionFailed(reason: reason), .subscription, .m1SubscriptionFailed)
        case .terminated(let reason) where !reason.allowsResubscription:
            return decide(.subscriptionEnded(reason: reason), .subscription, .m2SubscriptionEnded)
        case .terminated:
            merged.isStale = true
        case .pending:
            return decide(.pendingAuthorization, .subscription, .m3Pending)
        case .active:
            break
        }

        if let line {
            switch line.state {
            case .onThePhone:
                return decide(.onThePhone, .blf, .m4LineInCall)
            case .ringing where status?.availability != .onThePhone:
                return decide(.ringing, .blf, .m5LineRinging)
            default:
                break
            }
        }

        if case .notUnderstood = presence?.interpretation {
            return decide(.notUnderstood, .pidf, .m6NotUnderstood)
        }

        if let status, let presence {
            if status.availability == .onThePhone, let line, line.state.isQuiet, line.receivedAt > presence.receivedAt {
                return decide(.available, .blf, .m7NewerLineEndsPhoneActivity)
            }
            return decide(MergedAvailability(status.availability), .pidf, .m8PresenceDocument)
        }

        if let line, line.state.isQuiet {
            return decide(.lineIdle, .blf, .m9LineOnly)
        }
        return decide(.unknown, .none, .m10Nothing)
    }

    /// Rule M0: of two PIDF observations of one buddy (a direct subscription
    /// and a resource list, say) the newer document wins. Documents compare
    /// by their own timestamps when both have one, since those say when the
    /// state was true; otherwise by arrival. A tie goes to the later arrival.
    public static func newer(_ first: PIDFObservation, _ second: PIDFObservation) -> PIDFObservation {
        if let a = first.documentTimestamp, let b = second.documentTimestamp, a != b {
            return a > b ? first : second
        }
        return first.receivedAt > second.receivedAt ? first : second
    }
}

extension BLFState {
    /// No call on the line: idle, or the only dialogs have ended.
    var isQuiet: Bool {
        switch self {
        case .idle, .terminated: true
        case .ringing, .onThePhone: false
        }
    }
}

extension MergedAvailability {
    init(_ availability: Availability) {
        switch availability {
        case .available: self = .available
        case .away: self = .away
        case .busy: self = .busy
        case .onThePhone: self = .onThePhone
        case .offline: self = .offline
        case .unknown: self = .unknown
        }
    }
}
