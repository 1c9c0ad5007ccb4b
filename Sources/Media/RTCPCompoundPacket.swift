/// One RTCP datagram: RTCP packets stacked back to back (RFC 3550 §6.1),
/// each with the common header
///
/// ```
/// |V=2|P|  count  |      PT       |   length (32-bit words - 1)   |
/// ```
///
/// Parsing applies the validity checks of §A.2: version 2 everywhere, the
/// first packet an SR or RR without padding, padding only in the last packet,
/// and lengths that add up to the datagram exactly.
public struct RTCPCompoundPacket: Sendable, Hashable {
    public var packets: [RTCPPacket]

    public init(packets: [RTCPPacket]) {
        self.packets = packets
    }

    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case truncated
        case unsupportedVersion(UInt8)
        /// §6.1: a compound packet starts with an SR or RR.
        case firstPacketNotReport(packetType: UInt8)
        /// §A.2: only the last packet may be padded, and by no more than its
        /// own length.
        case invalidPadding
        /// A packet's length field points past the datagram.
        case lengthMismatch
        /// A packet whose body does not match its type and count.
        case malformed(packetType: UInt8)

        public var description: String {
            switch self {
            case .truncated: "RTCP packet truncated"
            case .unsupportedVersion(let version): "RTCP version \(version), expected 2"
            case .firstPacketNotReport(let type): "RTCP compound packet starts with type \(type), not SR or RR"
            case .invalidPadding: "RTCP padding is not valid"
            case .lengthMismatch: "RTCP length fields do not add up to the datagram"
            case .malformed(let type): "RTCP packet of type \(type) is malformed"
            }
        }
    }

    /// Parses a datagram; anything malformed throws, nothing traps.
    public init(parsing bytes: [UInt8]) throws(ParseError) {
        guard bytes.count >= 4 else { throw .truncated }
        var packets: [RTCPPacket] = []
        var offset = 0
        while offset < bytes.count {
            var header = NetworkByteReader(bytes, offset: offset)
            guard let first = header.readUInt8(), let packetType = header.readUInt8(),
                  let words = header.readUInt16()
            else { throw .truncated }
            guard first >> 6 == 2 else { throw .unsupportedVersion(first >> 6) }
            let length = (Int(words) + 1) * 4
            guard length <= bytes.count - offset else { throw .lengthMismatch }
            let end = offset + length
            var bodyEnd = end
            if first & 0x20 != 0 {
                // Padding: the last octet counts it (§6.4.1), last packet only.
                let padding = Int(bytes[end - 1])
                guard end == bytes.count, padding > 0, padding <= length - 4 else { throw .invalidPadding }
                bodyEnd -= padding
            }
            if packets.isEmpty {
                guard packetType == 200 || packetType == 201 else { throw .firstPacketNotReport(packetType: packetType) }
                guard first & 0x20 == 0 else { throw .invalidPadding }
            }
            let body = Array(bytes[(offset + 4)..<bodyEnd])
            guard let packet = Self.parseBody(body, type: packetType, count: first & 0x1F) else {
                throw .malformed(packetType: packetType)
            }
            packets.append(packet)
            offset = end
        }
        self.packets = packets
    }

    private static func parseBody(_ body: [UInt8], type: UInt8, count: UInt8) -> RTCPPacket? {
        var reader = NetworkByteReader(body)
        switch type {
        case 200:
            guard let ssrc = reader.readUInt32(), let ntp = reader.readUInt64(),
                  let rtpTimestamp = reader.readUInt32(), let packetCount = reader.readUInt32(),
                  let octetCount = reader.readUInt32(),
                  let blocks = readReportBlocks(count: count, from: &reader)
            else { return nil }
            // Anything after the blocks is a profile-specific extension
            // (§6.4.1), which we do not use.
            return .senderReport(RTCPSenderReport(
                ssrc: ssrc, ntpTimestamp: NTPTimestamp(rawValue: ntp), rtpTimestamp: rtpTimestamp,
                packetCount: packetCount, octetCount: octetCount, reportBlocks: blocks))
        case 201:
            guard let ssrc = reader.readUInt32(), let blocks = readReportBlocks(count: count, from: &reader)
            else { return nil }
            return .receiverReport(RTCPReceiverReport(ssrc: ssrc, reportBlocks: blocks))
        case 202:
            var chunks: [RTCPSourceDescriptionChunk] = []
            for _ in 0..<count {
                guard let chunk = readChunk(from: &reader) else { return nil }
                chunks.append(chunk)
            }
            return .sourceDescription(chunks)
        case 203:
            var ssrcs: [UInt32] = []
            for _ in 0..<count {
                guard let ssrc = reader.readUInt32() else { return nil }
                ssrcs.append(ssrc)
            }
            var reason: String?
            if reader.remaining > 0 {
                guard let length = reader.readUInt8(), let text = reader.readBytes(Int(length)) else { return nil }
                reason = String(decoding: text, as: UTF8.self)
            }
            return .goodbye(RTCPGoodbye(ssrcs: ssrcs, reason: reason))
        default:
            return .other(packetType: type, count: count, body: body)
        }
    }

    private static func readReportBlocks(count: UInt8, from reader: inout NetworkByteReader) -> [RTCPReportBlock]? {
        var blocks: [RTCPReportBlock] = []
        for _ in 0..<count {
            guard let ssrc = reader.readUInt32(), let fraction = reader.readUInt8(),
                  let lost = reader.readUInt24(), let highest = reader.readUInt32(),
                  let jitter = reader.readUInt32(), let lsr = reader.readUInt32(), let dlsr = reader.readUInt32()
            else { return nil }
            // Sign-extend the 24-bit cumulative loss.
            let cumulativeLost = Int32(bitPattern: lost << 8) >> 8
            blocks.append(RTCPReportBlock(
                ssrc: ssrc, fractionLost: fraction, cumulativeLost: cumulativeLost,
                extendedHighestSequenceNumber: highest, jitter: jitter, lastSenderReport: lsr,
                delaySinceLastSenderReport: dlsr))
        }
        return blocks
    }

    /// One SDES chunk: SSRC, items, then one to four null octets up to the
    /// next 32-bit boundary (§6.5).
    private static func readChunk(from reader: inout NetworkByteReader) -> RTCPSourceDescriptionChunk? {
        guard let ssrc = reader.readUInt32() else { return nil }
        var items: [RTCPSourceDescriptionChunk.Item] = []
        while true {
            guard let type = reader.readUInt8() else { return nil }
            if type == 0 { break }
            guard let length = reader.readUInt8(), let text = reader.readBytes(Int(length)) else { return nil }
            items.append(.init(type: type, text: text))
        }
        let padding = (4 - reader.offset % 4) % 4
        guard reader.skip(padding) else { return nil }
        return RTCPSourceDescriptionChunk(ssrc: ssrc, items: items)
    }

    /// The datagram to send.
    public func encoded() -> [UInt8] {
        var writer = NetworkByteWriter(capacity: 128)
        for packet in packets { Self.encode(packet, into: &writer) }
        return writer.bytes
    }

    private static func encode(_ packet: RTCPPacket, into writer: inout NetworkByteWriter) {
        let start = writer.count
        func header(count: Int) {
            writer.write(UInt8(2 << 6) | UInt8(min(count, 31)))
            writer.write(packet.packetType)
            writer.write(UInt16(0))  // length, patched below
        }
        switch packet {
        case .senderReport(let report):
            header(count: report.reportBlocks.count)
            writer.write(report.ssrc)
            writer.write(report.ntpTimestamp.rawValue)
            writer.write(report.rtpTimestamp)
            writer.write(report.packetCount)
            writer.write(report.octetCount)
            for block in report.reportBlocks.prefix(31) { encode(block, into: &writer) }
        case .receiverReport(let report):
            header(count: report.reportBlocks.count)
            writer.write(report.ssrc)
            for block in report.reportBlocks.prefix(31) { encode(block, into: &writer) }
        case .sourceDescription(let chunks):
            header(count: chunks.count)
            for chunk in chunks.prefix(31) {
                writer.write(chunk.ssrc)
                for item in chunk.items where item.type != 0 {
                    writer.write(item.type)
                    writer.write(UInt8(min(item.text.count, 255)))
                    writer.write(contentsOf: item.text.prefix(255))
                }
                // The end item, then nulls to the word boundary (§6.5).
                writer.write(UInt8(0))
                writer.padToWordBoundary()
            }
        case .goodbye(let goodbye):
            header(count: goodbye.ssrcs.count)
            for ssrc in goodbye.ssrcs.prefix(31) { writer.write(ssrc) }
            if let reason = goodbye.reason {
                let text = Array(reason.utf8.prefix(255))
                writer.write(UInt8(text.count))
                writer.write(contentsOf: text)
                writer.padToWordBoundary()
            }
        case .other(_, let count, let body):
            header(count: Int(count))
            writer.write(contentsOf: body)
            writer.padToWordBoundary()
        }
        writer.patch(UInt16(clamping: (writer.count - start) / 4 - 1), at: start + 2)
    }

    private static func encode(_ block: RTCPReportBlock, into writer: inout NetworkByteWriter) {
        writer.write(block.ssrc)
        writer.write(block.fractionLost)
        writer.writeUInt24(UInt32(bitPattern: block.cumulativeLost) & 0xFF_FFFF)
        writer.write(block.extendedHighestSequenceNumber)
        writer.write(block.jitter)
        writer.write(block.lastSenderReport)
        writer.write(block.delaySinceLastSenderReport)
    }
}
