import SIPAuth
import SIPCore

/// Where one account binding stands, as a UI or presence would show it.
public enum RegistrationState: Equatable, Sendable {
    /// Nothing registered and nothing asked for.
    case unregistered
    /// A REGISTER is on its way and no binding is known to be in force.
    case registering
    /// The registrar holds our binding until `expiresAt`.
    case registered(ActiveRegistration)
    /// No binding in force. `retryAt` is when the machine tries again; nil
    /// when nothing is scheduled: it gave up until asked (`start`), or a
    /// request is already on its way (after `.expired`).
    case failed(RegistrationFailure, retryAt: RegistrationInstant?)
    /// Removing our binding.
    case unregistering

    /// Whether calls can reach us through this binding.
    public var isRegistered: Bool {
        if case .registered = self { return true }
        return false
    }

    public var activeRegistration: ActiveRegistration? {
        if case .registered(let active) = self { return active }
        return nil
    }
}

/// A binding the registrar confirmed.
public struct ActiveRegistration: Equatable, Sendable {
    /// Our contact as registered.
    public var contact: SIPURI
    /// The lifetime the registrar granted our contact, in seconds (RFC 3261
    /// §10.2.4: our contact's expires parameter, else the Expires header).
    public var grantedExpires: UInt32
    /// When the binding lapses unless refreshed, counted from when the
    /// request was sent: the registrar started counting no earlier.
    public var expiresAt: RegistrationInstant
    /// Every binding the registrar listed for the address-of-record,
    /// including other devices' (§10.2.4: the 200 lists them all).
    public var bindings: [RegistrarBinding]
    /// Set while a refresh failed and is being retried; the binding is
    /// still in force until `expiresAt`.
    public var refreshFailure: RegistrationFailure?
}

/// One Contact the registrar holds for the address-of-record.
public struct RegistrarBinding: Equatable, Sendable {
    public var address: NameAddr
    /// Seconds left, from the contact's expires parameter or the response's
    /// Expires header; nil if the registrar gave neither.
    public var expires: UInt32?
    /// This machine's contact rather than another device's.
    public var isOurs: Bool

    public init(address: NameAddr, expires: UInt32?, isOurs: Bool) {
        self.address = address
        self.expires = expires
        self.isOurs = isOurs
    }
}

/// Why a registration is not in force.
public enum RegistrationFailure: Error, Equatable, Sendable {
    /// The registrar (or a proxy) refused our digest answer: wrong username
    /// or password. Not retried until asked.
    case authenticationRejected(realm: String)
    /// A challenge could not be answered (no credentials for the realm, no
    /// supported algorithm, endless stale nonces). Not retried until asked.
    case authenticationFailed(DigestAuthenticationError)
    /// No final response in time (Timer F, RFC 3261 §17.1.2.2).
    case timeout
    /// The flow to the registrar broke (RFC 5626 §4.4).
    case transport
    /// A final response other than 2xx, 401, 407 and a usable 423.
    case serverError(statusCode: Int, reasonPhrase: String)
    /// The registrar answered 2xx but listed our contact with expires 0.
    case bindingNotKept
    /// The binding lapsed before a refresh succeeded.
    case expired
}
