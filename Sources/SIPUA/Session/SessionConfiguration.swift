import SIPCore

/// The clock of the session machines: the driver's one monotonic clock, the
/// same the registration machines run on, so a driver schedules all of
/// them alike and tests can say "at 32 s".
public typealias SessionInstant = RegistrationInstant

/// Who we are in a call and how long we wait.
public struct SessionConfiguration: Sendable {
    /// Our address-of-record and display name: the From of our INVITE.
    public var localAddress: NameAddr
    /// Where the peer reaches this device: our Contact in the INVITE, its
    /// 2xx and target refreshes, and the Via sent-by of our requests.
    public var contact: SIPURI
    /// Sent as a loose-routing Route header ahead of the first INVITE
    /// (§8.1.2); in-dialog requests follow the dialog's route set instead.
    public var outboundProxy: SIPURI?
    public var userAgent: String?
    /// The round-trip estimate T1 and the retransmission cap T2 (§17.1.1.1):
    /// the 2xx retransmissions of §13.3.1.4 and the 64*T1 waits use them.
    public var t1: Duration
    public var t2: Duration
    /// The CSeq number of our first INVITE (§8.1.1.5: any value below 2^31).
    public var initialCSeq: UInt32
    /// Expires of the implicit subscription a REFER we accept creates
    /// (RFC 3515 §2.4.4), told to the transferor in Subscription-State.
    public var transferSubscriptionExpires: UInt32

    public init(localAddress: NameAddr, contact: SIPURI, outboundProxy: SIPURI? = nil, userAgent: String? = nil,
                t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), initialCSeq: UInt32 = 1,
                transferSubscriptionExpires: UInt32 = 60) {
        self.localAddress = localAddress
        self.contact = contact
        self.outboundProxy = outboundProxy
        self.userAgent = userAgent
        self.t1 = t1
        self.t2 = t2
        self.initialCSeq = initialCSeq
        self.transferSubscriptionExpires = transferSubscriptionExpires
    }

    /// 64*T1: how long a 2xx is retransmitted without ACK (§13.3.1.4), a
    /// CANCELled INVITE waits for its final response (§9.1), and late 2xx
    /// retransmissions may still arrive (RFC 6026 Timer M).
    public var transactionTimeout: Duration { t1 * 64 }

    /// Our requests go over TLS: a SIPS contact or `transport=tls`.
    public var usesTLS: Bool { contact.isSecure || contact.transportParameter == "tls" }

    /// The methods this user agent accepts in a call (§20.5 Allow).
    public static let allowedMethods: [SIPMethod] = [.invite, .ack, .cancel, .bye, .options, .refer, .notify, .info]

    static var allowHeaderValue: String { allowedMethods.map(\.rawValue).joined(separator: ", ") }
}
