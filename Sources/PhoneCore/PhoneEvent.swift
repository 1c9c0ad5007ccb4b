/// What PhoneCore tells its clients (the commands, the control socket, the TUI).
public enum PhoneEvent: Sendable, Equatable {
    case registration(account: String, RegistrationSnapshot)
    case bindings(account: String, [RegistrationSnapshot.Binding])
    /// A note for the event log (transport flows coming and going, requests answered).
    case notice(String)
}

/// The whole state as values.
public struct PhoneSnapshot: Codable, Sendable, Equatable {
    public struct Account: Codable, Sendable, Equatable {
        public var id: String
        public var aor: String
        public var transport: String
        public var insecureTLS: Bool
        public var registration: RegistrationSnapshot
    }
    public var accounts: [Account]
}
