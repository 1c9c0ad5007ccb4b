import SIPCore
import SIPTransaction
import SIPTransport

/// How a `UserAgent` runs: where it listens, its timer values, how it
/// presents itself.
public struct UserAgentConfiguration: Sendable {
    /// Local address for the UDP socket (and the address put in Contact when
    /// it is not a wildcard). Port 0 picks a free one.
    public var bindHost: String = "0.0.0.0"
    public var bindPort: Int = 0
    public var transport = SIPTransportConfiguration()
    /// RFC 3261 timer values (T1, T2, T4); tests shorten them.
    public var timers = TransactionTimers()
    public var userAgent = "Switchboard"

    public init() {}
}

/// Something that happened in the user agent, for PhoneCore, the commands and logs.
public enum UserAgentEvent: Sendable, CustomStringConvertible {
    case registration(account: String, RegistrationState)
    case bindingsQueried(account: String, [RegistrarBinding])
    /// A bindings query failed; the registration itself is unchanged.
    case bindingsQueryFailed(account: String, RegistrationFailure)
    case transport(SIPConnectionEvent)
    /// A request arrived that no usage handled; it was answered with `status`.
    case requestAnswered(method: SIPMethod, statusCode: Int)
    case call(CallHandle, CallUpdate)
    /// Publication, subscriptions, NOTIFYs and MESSAGEs (UserAgent+Presence.swift).
    case presence(PresenceUsageEvent)

    public var description: String {
        switch self {
        case .registration(let account, let state): return "registration \(account): \(state)"
        case .bindingsQueried(let account, let bindings): return "bindings \(account): \(bindings.count)"
        case .bindingsQueryFailed(let account, let failure): return "bindings query \(account) failed: \(failure)"
        case .transport(let event): return "transport: \(event)"
        case .requestAnswered(let method, let status): return "answered \(method) with \(status)"
        case .call(let call, let update): return "\(call): \(update)"
        case .presence(let event): return "presence: \(event)"
        }
    }
}

/// The outcome of a client transaction started through `UserAgent.request`.
public enum ClientOutcome: Sendable {
    case response(SIPMessage)
    case timeout
    case transportError(SIPTransportError)
}
