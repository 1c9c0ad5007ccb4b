import SIPAuth

/// Where one subscription stands, as a buddy list shows it. A subscription
/// that ended for good says why (rejected, noresource, ...): a UI must not
/// show such a buddy as merely offline.
public enum SubscriptionState: Equatable, Sendable {
    /// Nothing asked for.
    case idle
    /// A new subscription is being set up: waiting for its start slot, its
    /// SUBSCRIBE in flight, or accepted with no NOTIFY yet.
    case subscribing
    /// The notifier has not decided yet (RFC 6665 §4.1.3, e.g. waiting for
    /// the presentity to authorize us); it lasts until `expiresAt`.
    case pending(expiresAt: RegistrationInstant)
    /// NOTIFYs carry the resource's state; it lasts until `expiresAt`.
    case active(expiresAt: RegistrationInstant)
    /// Not in force. `retryAt` is when a new subscription is tried; nil
    /// when the machine waits for the user (`start`).
    case failed(SubscriptionFailure, retryAt: RegistrationInstant?)
    /// Ended for good: by us (`unsubscribed`) or by the notifier with a
    /// reason that forbids subscribing again.
    case terminated(SubscriptionEndReason)

    public var expiresAt: RegistrationInstant? {
        switch self {
        case .pending(let at), .active(let at): return at
        default: return nil
        }
    }

    /// Counted as in force: pending or active.
    public var isLive: Bool { expiresAt != nil }
}

/// Why a subscription is not in force.
public enum SubscriptionFailure: Error, Equatable, Sendable {
    /// Our digest answer was refused: wrong username or password.
    case authenticationRejected(realm: String)
    /// A challenge could not be answered (no credentials, no algorithm, ...).
    case authenticationFailed(DigestAuthenticationError)
    /// No final response in time, or the flow broke (RFC 3261 §17.1.2.2).
    case timeout
    /// 5xx, 408, 480 or any response with Retry-After: retried.
    case serverError(statusCode: Int, reasonPhrase: String)
    /// A final response retrying cannot fix (403, 404, 489 Bad Event, ...).
    case rejected(statusCode: Int, reasonPhrase: String)
    /// The notifier ended it with a reason that allows a new subscription
    /// later (probation, or deactivated/timeout too often).
    case terminatedByNotifier(SubscriptionEndReason?)
    /// It lapsed before a refresh succeeded.
    case expired
}
