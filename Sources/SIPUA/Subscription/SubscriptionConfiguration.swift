import SIPCore

/// What one subscription watches, from where, and how it paces itself
/// (RFC 6665 §4.1.2).
public struct SubscriptionConfiguration: Sendable {
    /// The resource watched: Request-URI and To of the initial SUBSCRIBE
    /// (a buddy's address-of-record, or a resource list's URI).
    public var resource: SIPURI
    /// Our address-of-record: the From of every SUBSCRIBE.
    public var subscriber: SIPURI
    public var displayName: String?
    /// Where NOTIFYs reach us: the Contact of a SUBSCRIBE (RFC 6665
    /// §4.1.2.1: it creates a dialog) and its Via sent-by and transport.
    public var contact: SIPURI
    /// Sent as a loose-routing Route ahead of an initial SUBSCRIBE; `;lr` is added.
    public var outboundProxy: SIPURI?
    public var package: EventPackage
    /// The Event header's `id` parameter (RFC 6665 §8.2.1), to run several
    /// subscriptions to one package in one dialog; nil sends none.
    public var eventID: String?
    /// The resource is a list served by an RLS (RFC 4662 §4.1): Supported:
    /// eventlist, and RLMI and multipart/related in Accept.
    public var resourceList: Bool
    /// The duration asked for (RFC 6665 §4.1.2.1); a 423 raises it.
    public var requestedExpires: UInt32
    public var userAgent: String?
    public var backoff: RegistrationBackoff
    /// The refresh point is drawn from 50–90 % of the granted interval, so
    /// a list of 10,000 does not refresh in step.
    public var refresh: RegistrationRefreshPolicy

    public init(resource: SIPURI, subscriber: SIPURI, displayName: String? = nil, contact: SIPURI,
                outboundProxy: SIPURI? = nil, package: EventPackage = .presence, eventID: String? = nil,
                resourceList: Bool = false, requestedExpires: UInt32 = 3600, userAgent: String? = nil,
                backoff: RegistrationBackoff = RegistrationBackoff(),
                refresh: RegistrationRefreshPolicy = RegistrationRefreshPolicy()) {
        self.resource = resource
        self.subscriber = subscriber
        self.displayName = displayName
        self.contact = contact
        self.outboundProxy = outboundProxy
        self.package = package
        self.eventID = eventID
        self.resourceList = resourceList
        self.requestedExpires = requestedExpires
        self.userAgent = userAgent
        self.backoff = backoff
        self.refresh = refresh
    }

    /// The key of this subscription in a `SubscriptionSet`.
    public var key: SubscriptionKey { SubscriptionKey(resource: resource, package: package.name) }

    /// The Event header value: the package, and its `id` if any.
    var eventHeader: String {
        package.name + (eventID.map { ";id=" + $0 } ?? "")
    }
}

/// A subscription's identity in a `SubscriptionSet`: one resource, one package.
public struct SubscriptionKey: Hashable, Sendable, CustomStringConvertible {
    public var resource: SIPURI
    /// The event package name, e.g. `presence`, `dialog`.
    public var package: String

    public init(resource: SIPURI, package: String) {
        self.resource = resource
        self.package = package
    }

    public var description: String { "\(resource) (\(package))" }
}
