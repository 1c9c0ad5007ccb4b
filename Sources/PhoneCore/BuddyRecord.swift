import Foundation
import Presence
import SIPUA

/// What we know of one buddy: the latest of each source the merge rules
/// use (docs/presence-merge.md). Pure: NOTIFYs and subscription states in,
/// a `BuddySnapshot` out.
struct BuddyRecord: Sendable {
    let account: String
    let uri: String
    var pidf: PIDFObservation?
    var dialogs = DialogInfoTracker()
    var line: BLFObservation?
    var presenceState: SIPUA.SubscriptionState = .subscribing
    var dialogState: SIPUA.SubscriptionState = .subscribing
    /// Each subscription has said something: a NOTIFY, or that it failed.
    var presenceHeard = false
    var dialogHeard = false

    init(account: String, uri: String) {
        self.account = account
        self.uri = uri
    }

    /// A NOTIFY of the `presence` or `dialog` package for this buddy.
    /// A document we cannot read is kept as not understood, never dropped
    /// silently and never shown as a status (rule M6).
    mutating func notified(package: String, body: EventBody?, interpreter: PresenceInterpreter, now: Date) {
        switch package {
        case EventPackage.presence.name:
            presenceHeard = true
            let interpretation: PresenceInterpretation
            if let body {
                do {
                    interpretation = interpreter.interpret(try PIDFReader.read(body.bytes), now: now)
                } catch {
                    interpretation = .notUnderstood(reasons: ["\(error)"])
                }
            } else {
                interpretation = .noDocument
            }
            let observation = PIDFObservation(interpretation, receivedAt: now)
            // rule M0: the newer document wins (a reordered NOTIFY does not)
            pidf = pidf.map { BuddyStatusMerger.newer($0, observation) } ?? observation
        case EventPackage.dialog.name:
            dialogHeard = true
            guard let body else {
                // Kamailio's NOTIFY for a line without dialogs has no body
                line = BLFObservation(.idle, receivedAt: now)
                return
            }
            if case .document(let document)? = try? DialogInfoReader.read(body.bytes) {
                switch dialogs.apply(document) {
                case .applied: line = BLFObservation(dialogs.state, receivedAt: now)
                case .staleIgnored, .versionGap: break   // a gap heals with the next refresh's full state
                }
            }
        default:
            break
        }
    }

    mutating func subscriptionChanged(package: String, to state: SIPUA.SubscriptionState) {
        // only we unsubscribe: when unwatching (the record goes) or when
        // moving the subscription to a new contact (a new one follows)
        if state == .terminated(.unsubscribed) { return }
        let ended: Bool
        switch state {
        case .failed, .terminated: ended = true
        default: ended = false
        }
        switch package {
        case EventPackage.presence.name:
            presenceState = state
            if ended { presenceHeard = true }
        case EventPackage.dialog.name:
            dialogState = state
            if ended { dialogHeard = true }
        default:
            break
        }
    }

    var snapshot: BuddySnapshot {
        let merged = BuddyStatusMerger.merge(presence: pidf, line: line,
                                             subscription: Self.worse(Self.mergeState(presenceState),
                                                                      Self.mergeState(dialogState)))
        let (status, reason) = Self.words(merged.availability)
        var snapshot = BuddySnapshot(account: account, uri: uri, status: status, reason: reason, rule: merged.rule.rawValue,
                             source: merged.availabilitySource.rawValue, note: merged.note?.text,
                             activities: merged.activities.map(\.token), line: merged.line.map(Self.words),
                             presenceSubscription: Self.words(presenceState),
                             dialogSubscription: Self.words(dialogState), stale: merged.isStale,
                             complete: presenceHeard && dialogHeard)
        snapshot.location = pidf?.interpretation.status?.location
        return snapshot
    }

    // MARK: Mapping to the merge rules' terms

    /// A subscription being set up counts as active: nothing received yet
    /// means "unknown" (M10), not a failure.
    static func mergeState(_ state: SIPUA.SubscriptionState) -> Presence.SubscriptionState {
        switch state {
        case .idle, .subscribing, .active: return .active
        case .pending: return .pending
        case .failed(.terminatedByNotifier(let reason), _):
            return .terminated(reason: TerminationReason(token: reason?.description ?? "deactivated"))
        case .failed(let failure, _): return .failed(reason: describe(failure))
        case .terminated(let reason): return .terminated(reason: TerminationReason(token: reason.description))
        }
    }

    /// docs/presence-merge.md: with both subscriptions, the worse one is shown.
    static func worse(_ first: Presence.SubscriptionState, _ second: Presence.SubscriptionState)
        -> Presence.SubscriptionState {
        func rank(_ state: Presence.SubscriptionState) -> Int {
            switch state {
            case .failed: return 3
            case .terminated(let reason): return reason.allowsResubscription ? 1 : 2
            case .pending: return 1
            case .active: return 0
            }
        }
        return rank(second) > rank(first) ? second : first
    }

    static func describe(_ failure: SubscriptionFailure) -> String {
        switch failure {
        case .authenticationRejected(let realm): return "credentials rejected (realm \(realm))"
        case .authenticationFailed(let error): return "authentication failed: \(error)"
        case .timeout: return "no answer"
        case .serverError(let code, let reason), .rejected(let code, let reason): return "\(code) \(reason)"
        case .terminatedByNotifier(let reason): return "ended by the server (\(reason?.description ?? "no reason"))"
        case .expired: return "expired"
        }
    }

    static func words(_ availability: MergedAvailability) -> (String, String?) {
        switch availability {
        case .available: return ("available", nil)
        case .away: return ("away", nil)
        case .busy: return ("busy", nil)
        case .onThePhone: return ("on-the-phone", nil)
        case .ringing: return ("ringing", nil)
        case .offline: return ("offline", nil)
        case .lineIdle: return ("line-idle", nil)
        case .unknown: return ("unknown", nil)
        case .pendingAuthorization: return ("pending-authorization", nil)
        case .notUnderstood: return ("not-understood", nil)
        case .subscriptionFailed(let reason): return ("subscription-failed", reason)
        case .subscriptionEnded(let reason): return ("subscription-ended", reason.token)
        }
    }

    static func words(_ line: BLFState) -> String {
        switch line {
        case .idle: return "idle"
        case .ringing: return "ringing"
        case .onThePhone: return "on-the-phone"
        case .terminated: return "terminated"
        }
    }

    static func words(_ state: SIPUA.SubscriptionState) -> String {
        switch state {
        case .idle: return "idle"
        case .subscribing: return "subscribing"
        case .pending: return "pending"
        case .active: return "active"
        case .failed: return "failed"
        case .terminated: return "terminated"
        }
    }
}
