/// Typed readings of the media attributes a phone call needs. Unreadable
/// attributes read as absent: a peer's odd `a=` line should not fail a call.
extension MediaDescription {
    /// Values of the attributes called `name` (case-sensitive, RFC 8866 §5.13).
    public func attributeValues(_ name: String) -> [String] {
        attributes.compactMap { $0.name == name ? $0.value : nil }
    }

    public func hasAttribute(_ name: String) -> Bool { attributes.contains { $0.name == name } }

    /// The stream's own direction attribute, if any (RFC 8866 §6.7).
    public var declaredDirection: MediaDirection? { attributes.direction }

    /// All readable `a=rtpmap` lines, in order.
    public var rtpMaps: [RTPMap] { attributeValues("rtpmap").compactMap(RTPMap.init(attributeValue:)) }

    /// What a payload type in `formats` stands for: its rtpmap line, else the
    /// static RFC 3551 assignment for audio.
    public func rtpMap(for format: String) -> RTPMap? {
        guard let payloadType = SDPNumber.payloadType(format) else { return nil }
        if let mapped = rtpMaps.first(where: { $0.payloadType == payloadType }) { return mapped }
        return isAudio ? RTPMap.staticAudio(payloadType: payloadType) : nil
    }

    /// The parameters of `a=fmtp:<format> <parameters>` (RFC 8866 §6.15).
    public func fmtp(for format: String) -> String? {
        for value in attributeValues("fmtp") {
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.first.map(String.init) == format { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    /// `a=ptime` in milliseconds (RFC 8866 §6.4); a fraction is rounded.
    public var ptime: Int? {
        guard let text = attributeValues("ptime").first, let value = Double(text),
              value.isFinite, value > 0, value < 10_000 else { return nil }
        return Int(value.rounded())
    }

    /// `a=rtcp` of RFC 3605 §2.1.
    public var rtcp: RTCPAttribute? { attributeValues("rtcp").first.flatMap(RTCPAttribute.init(attributeValue:)) }

    /// The telephone-event payload types (RFC 4733 §7) with their events.
    public var telephoneEvents: [TelephoneEventFormat] {
        formats.compactMap { format in
            guard let map = rtpMap(for: format), map.encodingName.lowercased() == "telephone-event" else { return nil }
            // RFC 4733: without an fmtp line the events are 0-15 (the DTMF digits).
            let events = fmtp(for: format).flatMap { TelephoneEventSet(fmtp: $0) } ?? .dtmf
            return TelephoneEventFormat(payloadType: map.payloadType, clockRate: map.clockRate, events: events)
        }
    }
}

/// `a=rtcp:<port> [<nettype> <addrtype> <connection-address>]` (RFC 3605 §2.1):
/// where RTCP goes when it is not the RTP port plus one (RFC 3550 §11).
public struct RTCPAttribute: Hashable, Sendable {
    public var port: Int
    public var connection: SDPConnection?

    public init(port: Int, connection: SDPConnection? = nil) {
        self.port = port
        self.connection = connection
    }

    public init?(attributeValue: String) {
        let parts = attributeValue.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 4, let port = SDPNumber.port(parts[0]) else { return nil }
        self.port = port
        if parts.count == 4 {
            connection = SDPConnection(networkType: String(parts[1]), addressType: String(parts[2]),
                                       address: String(parts[3]))
        }
    }

    public var attributeValue: String {
        guard let connection else { return "\(port)" }
        return "\(port) \(connection.networkType) \(connection.addressType) \(connection.address)"
    }
}

/// One telephone-event payload type of a stream (RFC 4733 §7).
public struct TelephoneEventFormat: Hashable, Sendable {
    public var payloadType: Int
    public var clockRate: Int
    public var events: TelephoneEventSet

    public init(payloadType: Int, clockRate: Int = 8000, events: TelephoneEventSet = .dtmfAndFlash) {
        self.payloadType = payloadType
        self.clockRate = clockRate
        self.events = events
    }
}
