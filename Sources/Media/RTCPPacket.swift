/// The RTCP packets of RFC 3550 §6.4 to §6.6. A datagram carries several of
/// them as one `RTCPCompoundPacket` (§6.1).
public enum RTCPPacket: Sendable, Hashable {
    case senderReport(RTCPSenderReport)
    case receiverReport(RTCPReceiverReport)
    case sourceDescription([RTCPSourceDescriptionChunk])
    case goodbye(RTCPGoodbye)
    /// A packet type we do not interpret (APP, or the feedback types of RFC
    /// 4585), kept so that the rest of the compound packet can be read.
    case other(packetType: UInt8, count: UInt8, body: [UInt8])

    /// The packet type field (§12.1).
    public var packetType: UInt8 {
        switch self {
        case .senderReport: 200
        case .receiverReport: 201
        case .sourceDescription: 202
        case .goodbye: 203
        case .other(let packetType, _, _): packetType
        }
    }
}

/// One reception report block (§6.4.1): what the reporter knows about one
/// source it receives.
public struct RTCPReportBlock: Sendable, Hashable {
    /// The source this block is about.
    public var ssrc: UInt32
    /// Lost packets since the previous report, as a fraction of 256.
    public var fractionLost: UInt8
    /// Lost packets since the start, a signed 24-bit number (duplicates can
    /// make it negative).
    public var cumulativeLost: Int32
    /// Highest sequence number received, with 16 bits of wrap count above.
    public var extendedHighestSequenceNumber: UInt32
    /// Interarrival jitter in RTP timestamp units.
    public var jitter: UInt32
    /// LSR: middle 32 bits of the NTP timestamp of the last sender report
    /// received from `ssrc`, 0 if none.
    public var lastSenderReport: UInt32
    /// DLSR: time since that sender report arrived, in 1/65536 s.
    public var delaySinceLastSenderReport: UInt32

    public init(
        ssrc: UInt32, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequenceNumber: UInt32,
        jitter: UInt32, lastSenderReport: UInt32, delaySinceLastSenderReport: UInt32
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequenceNumber = extendedHighestSequenceNumber
        self.jitter = jitter
        self.lastSenderReport = lastSenderReport
        self.delaySinceLastSenderReport = delaySinceLastSenderReport
    }
}

/// SR (§6.4.1): sent by a participant that has sent RTP recently.
public struct RTCPSenderReport: Sendable, Hashable {
    public var ssrc: UInt32
    /// Wallclock time when the report was sent, NTP format (§4).
    public var ntpTimestamp: NTPTimestamp
    /// The same instant on the RTP media clock.
    public var rtpTimestamp: UInt32
    public var packetCount: UInt32
    public var octetCount: UInt32
    /// At most 31 (5-bit count); more are dropped when encoded.
    public var reportBlocks: [RTCPReportBlock]

    public init(
        ssrc: UInt32, ntpTimestamp: NTPTimestamp, rtpTimestamp: UInt32, packetCount: UInt32,
        octetCount: UInt32, reportBlocks: [RTCPReportBlock] = []
    ) {
        self.ssrc = ssrc
        self.ntpTimestamp = ntpTimestamp
        self.rtpTimestamp = rtpTimestamp
        self.packetCount = packetCount
        self.octetCount = octetCount
        self.reportBlocks = reportBlocks
    }
}

/// RR (§6.4.2): sent by a participant that only receives.
public struct RTCPReceiverReport: Sendable, Hashable {
    public var ssrc: UInt32
    /// At most 31 (5-bit count); more are dropped when encoded.
    public var reportBlocks: [RTCPReportBlock]

    public init(ssrc: UInt32, reportBlocks: [RTCPReportBlock] = []) {
        self.ssrc = ssrc
        self.reportBlocks = reportBlocks
    }
}

/// One SDES chunk (§6.5): items describing one source.
public struct RTCPSourceDescriptionChunk: Sendable, Hashable {
    /// SDES item types (§6.5, §12.2).
    public enum ItemType: UInt8, Sendable, Hashable {
        case cname = 1, name, email, phone, location, tool, note, privateExtension
    }

    public struct Item: Sendable, Hashable {
        /// The raw type octet, so that unknown items survive a round trip.
        public var type: UInt8
        /// At most 255 octets of UTF-8 (§6.5); longer text is cut.
        public var text: [UInt8]

        public init(type: UInt8, text: [UInt8]) {
            self.type = type
            self.text = text
        }

        public init(_ type: ItemType, _ text: String) {
            self.init(type: type.rawValue, text: Array(text.utf8))
        }
    }

    public var ssrc: UInt32
    public var items: [Item]

    public init(ssrc: UInt32, items: [Item]) {
        self.ssrc = ssrc
        self.items = items
    }

    /// The CNAME item (§6.5.1), if any.
    public var canonicalName: String? {
        items.first { $0.type == ItemType.cname.rawValue }.map { String(decoding: $0.text, as: UTF8.self) }
    }
}

/// BYE (§6.6): the sources are leaving.
public struct RTCPGoodbye: Sendable, Hashable {
    /// At most 31 (5-bit count); more are dropped when encoded.
    public var ssrcs: [UInt32]
    /// At most 255 octets; longer text is cut.
    public var reason: String?

    public init(ssrcs: [UInt32], reason: String? = nil) {
        self.ssrcs = ssrcs
        self.reason = reason
    }
}
