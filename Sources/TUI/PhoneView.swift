import Foundation
import PhoneCore

/// What the screen shows about the phone, as plain values: the one place
/// where PhoneCore's snapshot is mapped for the TUI.
///
/// Accounts, registrations, calls, buddies, pending watchers and your own
/// presence all come from `PhoneSnapshot` (presence mapping in
/// PhoneView+Presence.swift). Nothing here is invented.
public struct PhoneView: Sendable, Equatable {
    public var accounts: [AccountRow]
    public var buddyGroups: [BuddyGroup]
    /// People asking to see your presence, waiting for approve/block.
    public var pendingWatchers: [WatcherRow]
    public var calls: [CallRow]
    /// Your own published presence; nil while presence is off.
    public var ownPresence: OwnPresence?

    public init(accounts: [AccountRow] = [], buddyGroups: [BuddyGroup] = [], pendingWatchers: [WatcherRow] = [],
                calls: [CallRow] = [], ownPresence: OwnPresence? = nil) {
        self.accounts = accounts
        self.buddyGroups = buddyGroups
        self.pendingWatchers = pendingWatchers
        self.calls = calls
        self.ownPresence = ownPresence
    }

    public init(snapshot: PhoneSnapshot) {
        self.init(accounts: snapshot.accounts.map(AccountRow.init(account:)),
                  buddyGroups: Self.buddyGroups(snapshot.buddies ?? []),
                  pendingWatchers: (snapshot.watchers ?? []).filter { $0.status == "pending" || $0.status == "waiting" }
                      .map { WatcherRow(uri: $0.uri, displayName: $0.displayName) },
                  calls: snapshot.calls.map(CallRow.init(call:)),
                  ownPresence: Self.ownPresence(snapshot.accounts.first?.presence))
    }

    public var buddyCount: Int { buddyGroups.reduce(0) { $0 + $1.buddies.count } }

    /// The call that is ringing for us, if any (the popup shows it).
    public var incomingCall: CallRow? { calls.first { $0.direction == .incoming && $0.state == .ringing } }
}

public struct AccountRow: Sendable, Equatable {
    public var id: String
    public var aor: String
    public var transport: String
    public var registration: RegistrationRow

    public init(id: String, aor: String, transport: String, registration: RegistrationRow) {
        self.id = id
        self.aor = aor
        self.transport = transport
        self.registration = registration
    }

    init(account: PhoneSnapshot.Account) {
        self.init(id: account.id, aor: account.aor, transport: account.transport,
                  registration: RegistrationRow(account.registration))
    }
}

public struct RegistrationRow: Sendable, Equatable {
    public enum Status: String, Sendable {
        case unregistered, registering, registered, failed, unregistering
    }
    public var status: Status
    /// Seconds the registrar granted.
    public var expires: Int?
    public var failure: String?
    /// Seconds until the next attempt after a failure.
    public var retryIn: Int?

    public init(status: Status, expires: Int? = nil, failure: String? = nil, retryIn: Int? = nil) {
        self.status = status
        self.expires = expires
        self.failure = failure
        self.retryIn = retryIn
    }

    init(_ snapshot: RegistrationSnapshot) {
        self.init(status: Status(rawValue: snapshot.status.rawValue) ?? .unregistered, expires: snapshot.expires,
                  failure: snapshot.failure, retryIn: snapshot.retryIn.map { Int($0.rounded()) })
    }
}

/// A buddy's presence, as the list shows it.
public enum PresenceState: String, Sendable, CaseIterable {
    case available, away, busy, onThePhone = "on-the-phone", offline
    /// No presence known: not subscribed, subscription refused or failed.
    case unknown

    public var symbol: String {
        switch self {
        case .available: return "●"
        case .away: return "◐"
        case .busy: return "⊘"
        case .onThePhone: return "◉"
        case .offline: return "○"
        case .unknown: return "?"
        }
    }

    public var role: StyleRole {
        switch self {
        case .available: return .available
        case .away: return .away
        case .busy: return .busy
        case .onThePhone: return .onThePhone
        case .offline: return .offline
        case .unknown: return .unknown
        }
    }
}

/// A buddy's line state from the dialog event package (BLF). `unknown` is
/// its own state (subscription failed or never answered), never shown as idle.
public enum BLFState: String, Sendable {
    case idle, ringing, busy, unknown

    public var label: String {
        switch self {
        case .idle: return "idle"
        case .ringing: return "ring"
        case .busy: return "busy"
        case .unknown: return "??"
        }
    }

    public var role: StyleRole {
        switch self {
        case .idle: return .available
        case .ringing: return .away
        case .busy: return .busy
        case .unknown: return .unknown
        }
    }
}

public struct BuddyGroup: Sendable, Equatable {
    public var name: String
    public var buddies: [BuddyRow]

    public init(name: String, buddies: [BuddyRow]) {
        self.name = name
        self.buddies = buddies
    }
}

public struct BuddyRow: Sendable, Equatable {
    public var uri: String
    public var displayName: String
    public var presence: PresenceState
    public var note: String?
    /// nil: no BLF subscription for this buddy.
    public var blf: BLFState?
    /// Messages not read yet.
    public var unread: Int

    public init(uri: String, displayName: String, presence: PresenceState, note: String? = nil,
                blf: BLFState? = nil, unread: Int = 0) {
        self.uri = uri
        self.displayName = displayName
        self.presence = presence
        self.note = note
        self.blf = blf
        self.unread = unread
    }
}

public struct WatcherRow: Sendable, Equatable {
    public var uri: String
    public var displayName: String?

    public init(uri: String, displayName: String? = nil) {
        self.uri = uri
        self.displayName = displayName
    }
}

public struct CallRow: Sendable, Equatable {
    public enum Direction: String, Sendable { case incoming, outgoing }
    public enum State: String, Sendable { case ringing, early, active, held, ended }

    public var id: String
    public var peerURI: String
    public var peerName: String?
    public var direction: Direction
    public var state: State
    /// When the call was answered (for the duration), nil before.
    public var connectedAt: Date?
    /// "PCMU/8000" once agreed.
    public var codec: String?
    /// RTCP figures: "loss 0.0% jitter 1.2 ms rtt 3 ms".
    public var quality: String?
    /// The far end holds the call.
    public var remoteHeld = false

    public init(id: String, peerURI: String, peerName: String? = nil, direction: Direction, state: State,
                connectedAt: Date? = nil, codec: String? = nil, quality: String? = nil) {
        self.id = id
        self.peerURI = peerURI
        self.peerName = peerName
        self.direction = direction
        self.state = state
        self.connectedAt = connectedAt
        self.codec = codec
        self.quality = quality
    }

    init(call: CallSnapshot) {
        let state: State = switch call.state {
        case .calling, .ringing, .incoming: .ringing
        case .early: .early
        case .connecting, .connected: call.held ? .held : .active
        case .ended: .ended
        }
        let quality = call.quality.map { quality in
            var text = "loss \(String(format: "%.1f", quality.lossPercent))% jitter \(String(format: "%.1f", quality.jitterMilliseconds)) ms"
            if let rtt = quality.roundTripMilliseconds { text += " rtt \(Int(rtt.rounded())) ms" }
            return text
        }
        self.init(id: String(call.id), peerURI: call.peer, peerName: call.peerName,
                  direction: call.direction == .incoming ? .incoming : .outgoing, state: state,
                  connectedAt: call.answeredAt, codec: call.codec, quality: call.state == .connected ? quality : nil)
        remoteHeld = call.remoteHeld
    }
}

public struct OwnPresence: Sendable, Equatable {
    public var state: PresenceState
    public var note: String?

    public init(state: PresenceState, note: String? = nil) {
        self.state = state
        self.note = note
    }
}
