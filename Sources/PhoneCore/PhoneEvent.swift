/// What PhoneCore tells its clients (the commands, the control socket, the TUI).
public enum PhoneEvent: Sendable, Equatable {
    case registration(account: String, RegistrationSnapshot)
    case bindings(account: String, [RegistrationSnapshot.Binding])
    /// A note for the event log (transport flows coming and going, requests answered).
    case notice(String)
    /// A call began, changed or ended.
    case call(CallSnapshot)
    /// A DTMF digit came in on a call.
    case dtmf(call: Int, digit: String)
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
    /// Live calls, oldest first.
    public var calls: [CallSnapshot]
    /// Merged buddy statuses and our watchers (optional: older JSON has none).
    public var buddies: [BuddySnapshot]? = nil
    public var watchers: [WatcherSnapshot]? = nil

    public init(calls: [CallSnapshot] = [], accounts: [Account], buddies: [BuddySnapshot]? = nil,
                watchers: [WatcherSnapshot]? = nil) {
        self.accounts = accounts
        self.calls = calls
        self.buddies = buddies
        self.watchers = watchers
    }

    private enum CodingKeys: String, CodingKey { case accounts, calls, buddies, watchers }

    /// Snapshots written before a field existed still decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accounts = try container.decode([Account].self, forKey: .accounts)
        calls = try container.decodeIfPresent([CallSnapshot].self, forKey: .calls) ?? []
        buddies = try container.decodeIfPresent([BuddySnapshot].self, forKey: .buddies)
        watchers = try container.decodeIfPresent([WatcherSnapshot].self, forKey: .watchers)
    }
}

extension PhoneEvent {
    /// The event's name on the control socket and in `events --json`.
    public var name: String {
        switch self {
        case .registration: return "registration"
        case .bindings: return "bindings"
        case .notice: return "notice"
        case .call: return "call"
        case .dtmf: return "dtmf"
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
        case .call(let snapshot):
            var record = PhoneEventRecord(event: name, account: snapshot.account)
            record.call = snapshot
            return record
        case .dtmf(let call, let digit):
            var record = PhoneEventRecord(event: name, message: digit)
            record.callID = call
            return record
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
    public var call: CallSnapshot?
    public var callID: Int?
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
        case "call":
            guard let call else { return event }
            var text = "call \(call.id) \(call.direction.rawValue) \(call.peer): \(call.state.rawValue)"
            if let codec = call.codec { text += " \(codec)" }
            if call.held { text += " (held)" }
            if call.remoteHeld { text += " (held by peer)" }
            if let reason = call.endReason { text += " \(reason)" + (call.statusCode.map { " \($0)" } ?? "") }
            return text
        case "dtmf":
            return "call \(callID ?? 0): DTMF \(message ?? "")"
        default:
            return message ?? event
        }
    }
}
