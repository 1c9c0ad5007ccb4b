import Testing
@testable import Media

@Suite("RTCP compound packets (RFC 3550 §6)")
struct RTCPPacketTests {
    static let block = RTCPReportBlock(
        ssrc: 0x2222_2222, fractionLost: 0x40, cumulativeLost: -2, extendedHighestSequenceNumber: 0x0001_0005,
        jitter: 0x10, lastSenderReport: 0xB705_2000, delaySinceLastSenderReport: 0x0005_4000)

    static let receiverReportBytes: [UInt8] = [
        0x81, 0xC9, 0x00, 0x07, 0x11, 0x11, 0x11, 0x11,  // V=2 RC=1 RR, 8 words
        0x22, 0x22, 0x22, 0x22, 0x40, 0xFF, 0xFF, 0xFE,  // SSRC_1, fraction, cumulative -2
        0x00, 0x01, 0x00, 0x05, 0x00, 0x00, 0x00, 0x10,  // highest seq, jitter
        0xB7, 0x05, 0x20, 0x00, 0x00, 0x05, 0x40, 0x00,  // LSR, DLSR
    ]
    static let sourceDescriptionBytes: [UInt8] = [
        0x81, 0xCA, 0x00, 0x03, 0x11, 0x11, 0x11, 0x11,  // V=2 SC=1 SDES, 4 words
        0x01, 0x05, 0x61, 0x40, 0x62, 0x2E, 0x63, 0x00,  // CNAME "a@b.c", end
    ]
    static let goodbyeBytes: [UInt8] = [
        0x81, 0xCB, 0x00, 0x02, 0x11, 0x11, 0x11, 0x11, 0x03, 0x62, 0x79, 0x65,  // BYE "bye"
    ]

    static let compound = RTCPCompoundPacket(packets: [
        .receiverReport(RTCPReceiverReport(ssrc: 0x1111_1111, reportBlocks: [block])),
        .sourceDescription([RTCPSourceDescriptionChunk(ssrc: 0x1111_1111, items: [.init(.cname, "a@b.c")])]),
        .goodbye(RTCPGoodbye(ssrcs: [0x1111_1111], reason: "bye")),
    ])

    @Test("RR, SDES CNAME and BYE encode to the bytes of §6.4.2, §6.5 and §6.6")
    func knownBytes() throws {
        let bytes = Self.receiverReportBytes + Self.sourceDescriptionBytes + Self.goodbyeBytes
        #expect(Self.compound.encoded() == bytes)
        #expect(try RTCPCompoundPacket(parsing: bytes) == Self.compound)
    }

    @Test("a sender report with blocks round-trips")
    func senderReport() throws {
        let report = RTCPSenderReport(
            ssrc: 5, ntpTimestamp: NTPTimestamp(rawValue: 0xE000_0000_8000_0000), rtpTimestamp: 123_456,
            packetCount: 50, octetCount: 8000, reportBlocks: [Self.block, Self.block])
        let compound = RTCPCompoundPacket(packets: [
            .senderReport(report),
            .sourceDescription([RTCPSourceDescriptionChunk(ssrc: 5, items: [.init(.cname, "abcd"), .init(.tool, "switchboard")])]),
        ])
        let bytes = compound.encoded()
        #expect(bytes.count == 4 + 24 + 48 + 4 + 4 + 6 + 13 + 1)
        #expect(Array(bytes[0...3]) == [0x82, 0xC8, 0x00, 0x12])
        #expect(try RTCPCompoundPacket(parsing: bytes) == compound)
    }

    @Test("SDES chunks end with nulls to a word boundary, at least one")
    func sourceDescriptionPadding() throws {
        // CNAME of 2 octets: 4 + 2 + 2 = 8, so the end item needs a whole word.
        let packet = RTCPCompoundPacket(packets: [
            .receiverReport(RTCPReceiverReport(ssrc: 1)),
            .sourceDescription([
                RTCPSourceDescriptionChunk(ssrc: 1, items: [.init(.cname, "ab")]),
                RTCPSourceDescriptionChunk(ssrc: 2, items: []),
            ]),
        ])
        let bytes = packet.encoded()
        #expect(bytes.count == 8 + 4 + 12 + 8)
        #expect(Array(bytes[20...23]) == [0, 0, 0, 0])
        #expect(try RTCPCompoundPacket(parsing: bytes) == packet)
    }

    @Test("unknown packet types are kept; negative losses sign-extend")
    func otherTypes() throws {
        let bytes = Self.receiverReportBytes + [0x80, 0xCC, 0x00, 0x01, 1, 2, 3, 4]  // APP
        let parsed = try RTCPCompoundPacket(parsing: bytes)
        #expect(parsed.packets.last == .other(packetType: 204, count: 0, body: [1, 2, 3, 4]))
        guard case .receiverReport(let report) = parsed.packets.first else {
            Issue.record("first packet is not an RR")
            return
        }
        #expect(report.reportBlocks.first?.cumulativeLost == -2)
        #expect(parsed.encoded() == bytes)
    }

    @Test("padding in the last packet is removed")
    func padding() throws {
        var bytes = Self.receiverReportBytes + Self.goodbyeBytes
        bytes[32] |= 0x20  // P on the BYE
        bytes[35] += 1  // one more word
        bytes += [0, 0, 0, 4]
        let parsed = try RTCPCompoundPacket(parsing: bytes)
        #expect(parsed.packets.last == .goodbye(RTCPGoodbye(ssrcs: [0x1111_1111], reason: "bye")))
    }

    @Test("malformed compound packets", arguments: [
        ([] as [UInt8], RTCPCompoundPacket.ParseError.truncated),
        ([0x80, 0xC9, 0x00], .truncated),
        ([0x40, 0xC9, 0x00, 0x01, 0, 0, 0, 1], .unsupportedVersion(1)),
        ([0x81, 0xCA, 0x00, 0x03] + Array(RTCPPacketTests.sourceDescriptionBytes[4...]), .firstPacketNotReport(packetType: 202)),
        ([0x80, 0xC9, 0x00, 0x05, 0, 0, 0, 1], .lengthMismatch),
        ([0x81, 0xC9, 0x00, 0x01, 0, 0, 0, 1], .malformed(packetType: 201)),  // RC=1, no block
        ([0x80, 0xC8, 0x00, 0x01, 0, 0, 0, 1], .malformed(packetType: 200)),  // SR without sender info
        ([0xA0, 0xC9, 0x00, 0x01, 0, 0, 0, 4], .invalidPadding),  // padded first packet
        ([0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0x81, 0xCB, 0x00, 0x01, 0, 0, 0, 1, 0x80], .truncated),
        ([0x80, 0xC9, 0x00, 0x01, 0, 0, 0, 1, 0x80, 0xCA, 0x00, 0x00, 0x80], .truncated),
    ])
    func malformed(bytes: [UInt8], expected: RTCPCompoundPacket.ParseError) {
        #expect(throws: expected) { try RTCPCompoundPacket(parsing: bytes) }
    }

    @Test("padding anywhere but the end, or too long, is refused")
    func badPadding() {
        var middle = Self.receiverReportBytes + Self.sourceDescriptionBytes + Self.goodbyeBytes
        middle[32] |= 0x20
        #expect(throws: RTCPCompoundPacket.ParseError.invalidPadding) { try RTCPCompoundPacket(parsing: middle) }
        var tooLong = Self.receiverReportBytes + Self.goodbyeBytes
        tooLong[32] |= 0x20
        tooLong[43] = 12  // claims more than the BYE's body
        #expect(throws: RTCPCompoundPacket.ParseError.invalidPadding) { try RTCPCompoundPacket(parsing: tooLong) }
    }

    @Test("items and reasons running past their packet are refused")
    func overruns() {
        var sdes = Self.receiverReportBytes + Self.sourceDescriptionBytes
        sdes[32 + 9] = 40  // CNAME length past the chunk
        #expect(throws: RTCPCompoundPacket.ParseError.malformed(packetType: 202)) { try RTCPCompoundPacket(parsing: sdes) }
        var bye = Self.receiverReportBytes + Self.goodbyeBytes
        bye[32 + 8] = 200  // reason length past the packet
        #expect(throws: RTCPCompoundPacket.ParseError.malformed(packetType: 203)) { try RTCPCompoundPacket(parsing: bye) }
    }

    @Test("every prefix either fails or is a shorter compound packet")
    func truncations() {
        let bytes = Self.compound.encoded()
        for length in 0..<bytes.count {
            if let parsed = try? RTCPCompoundPacket(parsing: Array(bytes.prefix(length))) {
                #expect(Self.compound.packets.starts(with: parsed.packets))
                #expect(parsed.packets.count < 3)
            }
        }
    }

    @Test("random bytes never trap")
    func randomBytes() {
        var generator = SeededGenerator(seed: 6)
        var parsed = 0
        for _ in 0..<20_000 {
            let words = Int.random(in: 1...12, using: &generator)
            var bytes = (0..<(4 * words)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Often a plausible header, to reach deeper checks.
            if Bool.random(using: &generator) {
                bytes[0] = 0x80 | (bytes[0] & 0x1F)
                bytes[1] = 201
                bytes[2] = 0
                bytes[3] = UInt8(words - 1)
            }
            guard let packet = try? RTCPCompoundPacket(parsing: bytes) else { continue }
            parsed += 1
            #expect((try? RTCPCompoundPacket(parsing: packet.encoded())) != nil)
        }
        #expect(parsed > 100)
    }
}
