import SIPCore

/// What one account publishes, where, and how it paces itself (RFC 3903).
public struct PublicationConfiguration: Sendable {
    /// Our address-of-record: the Request-URI, From and To of every PUBLISH
    /// (RFC 3903 §4: the Request-URI names the presentity whose state it is).
    public var addressOfRecord: SIPURI
    /// Sent as a loose-routing Route ahead of the request; `;lr` is added.
    public var outboundProxy: SIPURI?
    /// Where this device is: the Via sent-by and transport. PUBLISH creates
    /// no dialog, so no Contact is sent.
    public var localAddress: SIPURI
    public var displayName: String?
    /// The event package published (RFC 3903 §4: the Event header).
    public var package: EventPackage
    /// The lifetime asked for; a 423 raises it to Min-Expires (RFC 3903 §5).
    public var requestedExpires: UInt32
    public var userAgent: String?
    public var backoff: RegistrationBackoff
    public var refresh: RegistrationRefreshPolicy

    public init(addressOfRecord: SIPURI, outboundProxy: SIPURI? = nil, localAddress: SIPURI,
                displayName: String? = nil, package: EventPackage = .presence, requestedExpires: UInt32 = 3600,
                userAgent: String? = nil, backoff: RegistrationBackoff = RegistrationBackoff(),
                refresh: RegistrationRefreshPolicy = RegistrationRefreshPolicy()) {
        self.addressOfRecord = addressOfRecord
        self.outboundProxy = outboundProxy
        self.localAddress = localAddress
        self.displayName = displayName
        self.package = package
        self.requestedExpires = requestedExpires
        self.userAgent = userAgent
        self.backoff = backoff
        self.refresh = refresh
    }
}
