#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SIPCore

/// What one account binding registers, where, and how it paces itself.
public struct RegistrationConfiguration: Sendable {
    /// The address-of-record: To and From of every REGISTER (RFC 3261 §10.2).
    public var addressOfRecord: SIPURI
    /// The Request-URI: the registrar's domain, without user part (§10.2).
    public var registrar: SIPURI
    /// Sent as a loose-routing Route header ahead of the registrar (§8.1.2);
    /// `;lr` is added when missing.
    public var outboundProxy: SIPURI?
    /// Where this device is reached: the local (or learned public) address,
    /// port and transport. Also the Via sent-by of the request; the
    /// transaction layer may rewrite the Via.
    public var contact: SIPURI
    /// The display name of To and From.
    public var displayName: String?
    /// The binding lifetime asked for (§10.2.1.1); a 423 raises it (§10.2.8).
    public var requestedExpires: UInt32
    /// The device's instance id, sent as `+sip.instance` (RFC 5626 §4.1) so
    /// the registrar knows this device's binding across address changes.
    public var instanceID: UUID?
    /// RFC 5626 outbound: `reg-id=1` on the Contact and `outbound` in
    /// Supported. Needs `instanceID` (§4.2: a reg-id without +sip.instance
    /// means nothing), so it is ignored without one.
    public var outbound: Bool
    public var userAgent: String?
    /// The Call-ID of every REGISTER of this binding; nil draws a random one.
    /// §10.2.4: one Call-ID "for all registrations during a single boot
    /// cycle"; a driver that keeps it across restarts passes it here, with
    /// `initialCSeq` above the last one used.
    public var callID: String?
    /// The CSeq of the first REGISTER; each one after adds one (§10.2).
    public var initialCSeq: UInt32
    public var backoff: RegistrationBackoff
    public var refresh: RegistrationRefreshPolicy

    public init(addressOfRecord: SIPURI, registrar: SIPURI, outboundProxy: SIPURI? = nil, contact: SIPURI,
                displayName: String? = nil, requestedExpires: UInt32 = 3600, instanceID: UUID? = nil,
                outbound: Bool = false, userAgent: String? = nil, callID: String? = nil, initialCSeq: UInt32 = 1,
                backoff: RegistrationBackoff = RegistrationBackoff(),
                refresh: RegistrationRefreshPolicy = RegistrationRefreshPolicy()) {
        self.addressOfRecord = addressOfRecord
        self.registrar = registrar
        self.outboundProxy = outboundProxy
        self.contact = contact
        self.displayName = displayName
        self.requestedExpires = requestedExpires
        self.instanceID = instanceID
        self.outbound = outbound
        self.userAgent = userAgent
        self.callID = callID
        self.initialCSeq = initialCSeq
        self.backoff = backoff
        self.refresh = refresh
    }

    /// Outbound is on and possible.
    public var usesOutbound: Bool { outbound && instanceID != nil }

    /// `<urn:uuid:…>`, the +sip.instance value without its quotes, in the
    /// lower case RFC 4122 §3 asks for on output.
    public var instanceURN: String? {
        instanceID.map { "<urn:uuid:" + $0.uuidString.lowercased() + ">" }
    }

    /// The reg-id of our one flow (RFC 5626 §4.2.1: 1 for the first flow).
    static let registrationID = "1"
}
