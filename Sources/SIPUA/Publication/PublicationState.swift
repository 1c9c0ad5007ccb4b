import SIPAuth

/// Where our published state stands, as a UI would show it.
public enum PublicationState: Equatable, Sendable {
    /// Nothing published and nothing asked for.
    case unpublished
    /// A PUBLISH is on its way and no publication is known to be in force.
    case publishing
    /// The server holds our state until `expiresAt`.
    case published(ActivePublication)
    /// Nothing known to be in force. `retryAt` is when the machine tries
    /// again; nil when it waits for the user (or for good, for
    /// `unsupportedByServer`).
    case failed(PublicationFailure, retryAt: RegistrationInstant?)
    /// Withdrawing our state (PUBLISH with Expires: 0).
    case removing

    public var activePublication: ActivePublication? {
        if case .published(let active) = self { return active }
        return nil
    }
}

/// A publication the server confirmed.
public struct ActivePublication: Equatable, Sendable {
    /// The SIP-ETag the server gave it (RFC 3903 §6: a new one with every
    /// successful PUBLISH); nil from a server that broke §6 by sending none,
    /// whose publication can then only be refreshed by initial PUBLISHes.
    public var entityTag: String?
    /// Seconds the server granted (the 2xx's Expires, RFC 3903 §6).
    public var grantedExpires: UInt32
    /// Counted from when the request was sent: the server started no earlier.
    public var expiresAt: RegistrationInstant
    /// Set while a refresh or modify failed and is being retried; the
    /// published state is still in force until `expiresAt`.
    public var refreshFailure: PublicationFailure?
}

/// Why publishing is not in force.
public enum PublicationFailure: Error, Equatable, Sendable {
    /// The server does not do PUBLISH, or not for this event package (405,
    /// 501, 489). Reported once; the machine stays off.
    case unsupportedByServer(statusCode: Int)
    /// Our digest answer was refused: wrong username or password.
    case authenticationRejected(realm: String)
    /// A challenge could not be answered (no credentials, no algorithm, ...).
    case authenticationFailed(DigestAuthenticationError)
    /// No final response in time, or the flow broke (RFC 3261 §17.1.2.2).
    case timeout
    /// 5xx, 408, or another final response with Retry-After: retried.
    case serverError(statusCode: Int, reasonPhrase: String)
    /// A final response that retrying cannot fix (403, 400, ...): not
    /// retried until the user publishes again.
    case rejected(statusCode: Int, reasonPhrase: String)
    /// The publication lapsed before a refresh succeeded.
    case expired
}
