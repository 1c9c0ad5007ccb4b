/// What PhoneCore tells its clients (the commands, the control socket, the TUI).
public enum PhoneEvent: Sendable, Equatable {
    case registration(account: String, RegistrationSnapshot)
    case bindings(account: String, [RegistrationSnapshot.Binding])
    /// A note for the event log (transport flows coming and going, requests answered).
    case notice(String)
    /// Own status, buddies, watchers, messages (PresenceSnapshot.swift).
    case presence(PresenceChange)
}

/// The whole state as values.
public struct PhoneSnapshot: Codable, Sendable, Equatable {
    public struct Account: Codable, Sendable, Equatable {
        public var id: String
        public var aor: String
        /// Where requests go: the outbound proxy, else the registrar.
        public var nextHop: String
        public var transport: String
        public var insecureTLS: Bool
        public var registration: RegistrationSnapshot
        /// Absent in snapshots written before presence existed.
        public var presence: OwnPresenceSnapshot? = nil
    }
    public var accounts: [Account]
    /// Merged buddy statuses and our watchers (optional: older JSON has none).
    public var buddies: [BuddySnapshot]? = nil
    public var watchers: [WatcherSnapshot]? = nil
}

extension PhoneEvent {
    /// The event's name on the control socket and in `events --json`.
    public var name: String {
        switch self {
        case .registration: return "registration"
        case .bindings: return "bindings"
        case .notice: return "notice"
        case .presence(let change): return change.name
        }
    }

    /// The event as a flat value for JSON.
    public var record: PhoneEventRecord {
        switch self {
        case .registration(let account, let snapshot):
            return PhoneEventRecord(event: name, account: account, registration: snapshot)
        case .bindings(let account, let bindings):
            return PhoneEventRecord(event: name, account: account, bindings: bindings)
        case .notice(let text):
            return PhoneEventRecord(event: name, message: text)
        case .presence(let change):
            return change.record
        }
    }
}

public struct PhoneEventRecord: Codable, Sendable, Equatable {
    public var event: String
    public var account: String?
    public var registration: RegistrationSnapshot?
    public var bindings: [RegistrationSnapshot.Binding]?
    public var message: String?
    public var status: OwnPresenceSnapshot? = nil
    public var buddy: BuddySnapshot? = nil
    public var watchers: [WatcherSnapshot]? = nil
    public var instantMessage: MessageRecord? = nil

    public init(event: String, account: String? = nil, registration: RegistrationSnapshot? = nil,
                bindings: [RegistrationSnapshot.Binding]? = nil, message: String? = nil) {
        self.event = event
        self.account = account
        self.registration = registration
        self.bindings = bindings
        self.message = message
    }

    /// One line of text for people.
    public var text: String {
        switch event {
        case "registration":
            let state = registration.map { snapshot -> String in
                var text = snapshot.status.rawValue
                if let expires = snapshot.expires { text += " (expires \(expires) s)" }
                if let failure = snapshot.failure { text += ": \(failure)" }
                if let retry = snapshot.retryIn { text += ", retrying in \(Int(retry.rounded())) s" }
                return text
            } ?? ""
            return "registration \(account ?? ""): \(state)"
        case "bindings":
            return "bindings \(account ?? ""): " + (bindings ?? []).map(\.contact).joined(separator: ", ")
        default:
            return message ?? event
        }
    }
}
