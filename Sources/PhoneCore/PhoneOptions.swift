import SIPTransaction
import SIPTransport
import SIPUA

/// How PhoneCore runs its SIP stack. Defaults are the RFC values; tests and
/// the demo shorten the timers.
public struct PhoneOptions: Sendable {
    /// Receives every SIP message sent and received, credentials redacted.
    public var traceHook: SIPTraceHook?
    public var timers = TransactionTimers()
    /// RFC 5626 §4.5 retry backoff after failures (base, cap).
    public var retryBase: Duration = .seconds(30)
    public var retryMaximum: Duration = .seconds(1800)
    /// Where per-device state (the instance id) is kept; nil keeps nothing.
    public var stateDirectory: String?
    /// The SQLite file of the call history; nil keeps none.
    public var historyPath: String?
    public var userAgent = "Switchboard/0.1"
    /// How fast new subscriptions start (the buddy list, `bench presence`).
    public var subscriptionPacing = SubscriptionPacing()

    public init() {}
}
