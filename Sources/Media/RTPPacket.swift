/// One RTP data packet (RFC 3550 §5.1):
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// |                           timestamp                           |
/// |           synchronization source (SSRC) identifier            |
/// |            contributing source (CSRC) identifiers             |  CC x
/// | header extension (§5.3.1), payload, padding (P)               |
/// ```
public struct RTPPacket: Sendable, Hashable {
    /// The header extension of §5.3.1: a profile-defined 16-bit value and
    /// data whose length is a multiple of four octets.
    public struct HeaderExtension: Sendable, Hashable {
        public var profileData: UInt16
        /// Padded with zeros to a multiple of four when encoded.
        public var data: [UInt8]

        public init(profileData: UInt16, data: [UInt8]) {
            self.profileData = profileData
            self.data = data
        }
    }

    public var marker: Bool
    /// 7 bits; higher values are cut to 7 bits when encoded.
    public var payloadType: UInt8
    public var sequenceNumber: UInt16
    public var timestamp: UInt32
    public var ssrc: UInt32
    /// At most 15 (the CC field has 4 bits); more are dropped when encoded.
    public var csrcs: [UInt32]
    public var headerExtension: HeaderExtension?
    public var payload: [UInt8]
    /// Octets of padding after the payload, including the count octet
    /// itself (§5.1, P bit); 0 means no padding.
    public var paddingLength: UInt8

    public init(
        marker: Bool = false, payloadType: UInt8, sequenceNumber: UInt16, timestamp: UInt32,
        ssrc: UInt32, csrcs: [UInt32] = [], headerExtension: HeaderExtension? = nil,
        payload: [UInt8], paddingLength: UInt8 = 0
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.headerExtension = headerExtension
        self.payload = payload
        self.paddingLength = paddingLength
    }

    /// The only version RFC 3550 defines.
    public static let version: UInt8 = 2
    static let fixedHeaderLength = 12

    /// The packet as sent on the wire.
    public func encoded() -> [UInt8] {
        let csrcs = csrcs.prefix(15)
        var writer = NetworkByteWriter(capacity: Self.fixedHeaderLength + payload.count + 4 * csrcs.count)
        var first = Self.version << 6 | UInt8(csrcs.count)
        if paddingLength > 0 { first |= 0x20 }
        if headerExtension != nil { first |= 0x10 }
        writer.write(first)
        writer.write((marker ? 0x80 : 0) | (payloadType & 0x7F))
        writer.write(sequenceNumber)
        writer.write(timestamp)
        writer.write(ssrc)
        for csrc in csrcs { writer.write(csrc) }
        if let headerExtension {
            let words = (headerExtension.data.count + 3) / 4
            writer.write(headerExtension.profileData)
            writer.write(UInt16(clamping: words))
            writer.write(contentsOf: headerExtension.data.prefix(Int(UInt16.max) * 4))
            writer.padToWordBoundary()
        }
        writer.write(contentsOf: payload)
        if paddingLength > 0 {
            writer.write(contentsOf: repeatElement(0, count: Int(paddingLength) - 1))
            writer.write(paddingLength)
        }
        return writer.bytes
    }

    /// Why a datagram is not an RTP packet.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// Fewer than 12 octets, or a CSRC list or extension that runs past
        /// the end.
        case truncated
        case unsupportedVersion(UInt8)
        /// The P bit is set but the count is 0 or longer than what follows
        /// the header.
        case invalidPadding
        /// Payload types 72-76 collide with RTCP packet types 200-204 when
        /// the marker bit is set (RFC 3550 §A.1, RFC 5761 §4): an RTCP packet
        /// on the RTP port.
        case rtcpPayloadType(UInt8)

        public var description: String {
            switch self {
            case .truncated: "RTP packet truncated"
            case .unsupportedVersion(let version): "RTP version \(version), expected 2"
            case .invalidPadding: "RTP padding count does not fit the packet"
            case .rtcpPayloadType(let type): "payload type \(type) is an RTCP packet type"
            }
        }
    }

    /// Parses one datagram; anything malformed throws, nothing traps.
    public init(parsing bytes: [UInt8]) throws(ParseError) {
        var reader = NetworkByteReader(bytes)
        guard let first = reader.readUInt8(), let second = reader.readUInt8(),
              let sequenceNumber = reader.readUInt16(), let timestamp = reader.readUInt32(),
              let ssrc = reader.readUInt32()
        else { throw .truncated }
        let version = first >> 6
        guard version == Self.version else { throw .unsupportedVersion(version) }
        let payloadType = second & 0x7F
        guard !(72...76).contains(payloadType) else { throw .rtcpPayloadType(payloadType) }

        var csrcs: [UInt32] = []
        for _ in 0..<Int(first & 0x0F) {
            guard let csrc = reader.readUInt32() else { throw .truncated }
            csrcs.append(csrc)
        }
        var headerExtension: HeaderExtension?
        if first & 0x10 != 0 {
            guard let profileData = reader.readUInt16(), let words = reader.readUInt16(),
                  let data = reader.readBytes(Int(words) * 4)
            else { throw .truncated }
            headerExtension = HeaderExtension(profileData: profileData, data: data)
        }
        var paddingLength: UInt8 = 0
        if first & 0x20 != 0 {
            // The last octet counts the padding, itself included (§5.1).
            guard let last = bytes.last, last > 0, Int(last) <= reader.remaining else {
                throw .invalidPadding
            }
            paddingLength = last
        }
        let payload = reader.readBytes(reader.remaining - Int(paddingLength)) ?? []

        self.init(
            marker: second & 0x80 != 0, payloadType: payloadType, sequenceNumber: sequenceNumber,
            timestamp: timestamp, ssrc: ssrc, csrcs: csrcs, headerExtension: headerExtension,
            payload: payload, paddingLength: paddingLength)
    }
}
