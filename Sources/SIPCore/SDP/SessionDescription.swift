/// An SDP session description (RFC 8866, which obsoletes RFC 4566) as a value.
/// Received text is parsed by libosip2 (`SessionDescription(parsing:)`);
/// `serialized()` writes it back in Swift, in the order of RFC 8866 §5.
///
/// Fields keep the text of the description where RFC 8866 leaves it open
/// (network and address types, media types, protocols, formats); numbers
/// are typed where the grammar makes them numbers.
public struct SessionDescription: Hashable, Sendable {
    /// `v=`: always 0 (RFC 8866 §5.1).
    public var version: Int = 0
    /// `o=` (RFC 8866 §5.2).
    public var origin: SDPOrigin
    /// `s=`: never empty on the wire; RFC 8866 §5.3 recommends a single space
    /// or `-` when there is nothing to say.
    public var sessionName: String
    /// `i=`, `u=`, `e=`, `p=` (RFC 8866 §5.4–5.6).
    public var information: String?
    public var uri: String?
    public var emails: [String] = []
    public var phones: [String] = []
    /// Session-level `c=`, the default for media without their own (RFC 8866 §5.7).
    public var connection: SDPConnection?
    public var bandwidths: [SDPBandwidth] = []
    /// `t=` lines with their `r=` lines; at least one (RFC 8866 §5.9).
    public var timings: [SDPTiming] = [SDPTiming()]
    /// `z=` as written (RFC 8866 §5.11).
    public var timeZones: String?
    /// `k=` as written (obsolete, RFC 8866 §5.12).
    public var encryptionKey: String?
    /// Session-level `a=` lines in order.
    public var attributes: [SDPAttribute] = []
    /// `m=` sections in order; their position is their identity in
    /// offer/answer (RFC 3264 §6).
    public var media: [MediaDescription] = []

    public init(origin: SDPOrigin, sessionName: String = "-", connection: SDPConnection? = nil,
                media: [MediaDescription] = []) {
        self.origin = origin
        self.sessionName = sessionName
        self.connection = connection
        self.media = media
    }

    /// The direction declared at session level, if any (RFC 8866 §6.7).
    public var declaredDirection: MediaDirection? { attributes.direction }

    /// A stream's direction: its own attribute, else the session's, else
    /// sendrecv (RFC 8866 §6.7, RFC 3264 §5.1).
    public func direction(of media: MediaDescription) -> MediaDirection {
        media.declaredDirection ?? declaredDirection ?? .sendrecv
    }

    /// Where a stream's media goes: its own first `c=`, else the session's
    /// (RFC 8866 §5.7).
    public func connection(for media: MediaDescription) -> SDPConnection? {
        media.connections.first ?? connection
    }
}

/// `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`
/// (RFC 8866 §5.2). Session id and version are digits; RFC 3264 §8 requires
/// the version to grow by one with each changed description.
public struct SDPOrigin: Hashable, Sendable {
    public var username: String
    public var sessionID: UInt64
    public var sessionVersion: UInt64
    public var networkType: String
    public var addressType: String
    public var address: String

    public init(username: String = "-", sessionID: UInt64, sessionVersion: UInt64,
                networkType: String = "IN", addressType: String? = nil, address: String) {
        self.username = username
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.networkType = networkType
        self.addressType = addressType ?? SDPConnection.addressType(of: address)
        self.address = address
    }
}

/// `c=<nettype> <addrtype> <connection-address>` (RFC 8866 §5.7). Multicast
/// addresses may carry a TTL (IPv4) and a number of addresses.
public struct SDPConnection: Hashable, Sendable {
    public var networkType: String
    public var addressType: String
    public var address: String
    public var ttl: Int?
    public var numberOfAddresses: Int?

    public init(networkType: String = "IN", addressType: String? = nil, address: String,
                ttl: Int? = nil, numberOfAddresses: Int? = nil) {
        self.networkType = networkType
        self.addressType = addressType ?? Self.addressType(of: address)
        self.address = address
        self.ttl = ttl
        self.numberOfAddresses = numberOfAddresses
    }

    /// `IP6` for an address with a colon, `IP4` otherwise (host names
    /// included: RFC 8866 §5.7 lets either type carry an FQDN).
    public static func addressType(of address: String) -> String {
        address.contains(":") ? "IP6" : "IP4"
    }

    /// The RFC 2543 way of saying "do not send me anything", still to be
    /// understood when received (RFC 3264 §8.4). `::` is its IPv6 twin.
    public var isUnspecifiedAddress: Bool { address == "0.0.0.0" || address == "::" }
}

/// `b=<bwtype>:<bandwidth>` (RFC 8866 §5.8), bandwidth in kilobits per second
/// for the common types.
public struct SDPBandwidth: Hashable, Sendable {
    public var type: String
    public var value: UInt64

    public init(type: String, value: UInt64) {
        self.type = type
        self.value = value
    }
}

/// `t=<start-time> <stop-time>` with its `r=` lines (RFC 8866 §5.9, §5.10);
/// NTP seconds, `0 0` for an unbounded session as in every SIP call.
public struct SDPTiming: Hashable, Sendable {
    public var start: UInt64
    public var stop: UInt64
    public var repeats: [String]

    public init(start: UInt64 = 0, stop: UInt64 = 0, repeats: [String] = []) {
        self.start = start
        self.stop = stop
        self.repeats = repeats
    }
}

/// `a=<name>` or `a=<name>:<value>` (RFC 8866 §5.13).
public struct SDPAttribute: Hashable, Sendable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }
}
