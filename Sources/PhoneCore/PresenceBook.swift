import Foundation
import Presence
import SIPCore
import SIPUA

/// PhoneCore's presence state, in one value so the actor keeps it in one
/// stored property: our own status per account, the buddies we watch,
/// who watches us, and the waiters of commands.
struct PresenceBook: Sendable {
    var own: [String: OwnPresenceState] = [:]
    /// Per account, per buddy URI.
    var buddies: [String: [String: BuddyRecord]] = [:]
    var buddyOrder: [String: [String]] = [:]
    /// Per account; absent until the first watcherinfo NOTIFY.
    var watchers: [String: [WatcherSnapshot]] = [:]
    var watchingWatchers: Set<String> = []
    /// A long-running instance (daemon, TUI, `register`) publishes when it
    /// registers and withdraws when it leaves. A headless one-shot run does
    /// neither: a `state` must not overwrite the status, and what `status
    /// set` published outlives the run (its tag is in the state directory).
    var followsRegistration = true
    var interpreter = PresenceInterpreter()
    var waiters: [UUID: PresenceWaiter] = [:]
    /// Names and groups of the stored buddy list, by URI as watched.
    var labels: [String: StoredBuddyLabel] = [:]
    /// The stored buddies being watched (to stop watching removed ones).
    var storedWatched: Set<String> = []
    /// Per account, per list URI (RFC 4662): the members watched through it.
    var lists: [String: [String: Set<String>]] = [:]
    /// Per account, per list URI: the list subscription's own state.
    var listStates: [String: [String: SIPUA.SubscriptionState]] = [:]
    /// Per account: list members some RLMI document has named (with or
    /// without an instance), i.e. the RLS has taken them on.
    var listed: [String: Set<String>] = [:]
}

/// What the buddy list says of a buddy beside its address.
struct StoredBuddyLabel: Sendable, Equatable {
    var displayName: String?
    var group: String?
}

/// A command waiting for presence state (a publication answered, buddies
/// complete, watchers known).
struct PresenceWaiter: Sendable {
    var ready: @Sendable (PresenceBook) -> Bool
    var continuation: CheckedContinuation<Bool, Never>
}

/// One account's own presence.
struct OwnPresenceState: Sendable {
    var entity: String
    var contact: String
    var status: OwnStatus?
    var call: CallPresence?
    var publication: PublicationState = .unpublished
    var requestPending = false
    var registered = false
    /// Registered at some point: a later registration is a recovery.
    var everRegistered = false
    /// What the last PUBLISH carried: each change is one PUBLISH, and a
    /// repeat of the same status is none.
    var lastPublished: PublishedInputs?
    /// Where the SIP-ETag is kept between runs; nil keeps nothing.
    var entityTagFile: String?

    struct PublishedInputs: Equatable, Sendable {
        var status: OwnStatus?
        var call: CallPresence?
    }

    var snapshot: OwnPresenceSnapshot {
        var snapshot = OwnPresenceSnapshot(status: status, call: call, publication: "unpublished")
        switch publication {
        case .unpublished: snapshot.publication = "unpublished"
        case .publishing: snapshot.publication = "publishing"
        case .removing: snapshot.publication = "removing"
        case .published(let active):
            snapshot.publication = "published"
            snapshot.expires = Int(active.grantedExpires)
        case .failed(let failure, _):
            if case .unsupportedByServer = failure { snapshot.publication = "off" } else { snapshot.publication = "failed" }
            snapshot.failure = Self.describe(failure)
            snapshot.failureKind = Self.kind(of: failure)
        }
        return snapshot
    }

    /// Settled: the last PUBLISH was answered (or publishing is off).
    var isSettled: Bool {
        if requestPending { return false }
        switch publication {
        case .publishing, .removing: return false
        case .published(let active): return active.refreshFailure == nil
        default: return true
        }
    }

    static func kind(of failure: PublicationFailure) -> RegistrationSnapshot.FailureKind {
        switch failure {
        case .authenticationRejected, .authenticationFailed: return .authentication
        case .timeout: return .unreachable
        case .unsupportedByServer, .serverError, .rejected: return .refused
        case .expired: return .expired
        }
    }

    static func describe(_ failure: PublicationFailure) -> String {
        switch failure {
        case .unsupportedByServer(let code): return "the server does not take PUBLISH (\(code)): publishing is off"
        case .authenticationRejected(let realm): return "the server rejected the credentials (realm \(realm))"
        case .authenticationFailed(let error): return "authentication failed: \(error)"
        case .timeout: return "no answer from the presence server"
        case .serverError(let code, let reason), .rejected(let code, let reason):
            return "the presence server answered \(code) \(reason)"
        case .expired: return "the publication expired"
        }
    }
}

/// What a presence command can fail with.
public enum PresenceError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownAccount(String)
    case invalidURI(String)
    case invalidStatus(String)
    case textTooLong(Int)
    case messageFailed(MessageOutcome)
    /// Writing a resource list's documents over XCAP failed (RFC 4826).
    case listUploadFailed(String)

    public var description: String {
        switch self {
        case .unknownAccount(let id): return "no account \(id)"
        case .listUploadFailed(let detail): return "the resource list could not be written over XCAP: \(detail)"
        case .invalidURI(let detail): return "invalid URI: \(detail)"
        case .invalidStatus(let activity):
            return "unknown activity \(activity): use available, offline or an RFC 4480 activity (busy, away, meeting ...)"
        case .textTooLong(let octets):
            return "the message is \(octets) octets; at most \(MessageRequestBuilder.maximumTextOctets) fit in one MESSAGE"
        case .messageFailed(let outcome):
            switch outcome {
            case .delivered(let code): return "delivered (\(code))"
            case .refused(let code, let reason): return "the server answered \(code) \(reason)"
            case .authenticationFailed(let detail): return "authentication failed: \(detail)"
            case .timeout: return "no answer"
            case .transportError(let detail): return "transport: \(detail)"
            case .notConfigured: return "the account has no presence set up"
            }
        }
    }
}
