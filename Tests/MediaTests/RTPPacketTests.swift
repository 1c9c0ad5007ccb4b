import Testing
@testable import Media

@Suite("RTP packets (RFC 3550 §5.1)")
struct RTPPacketTests {
    @Test("a plain G.711 packet has the fixed header")
    func plainPacket() throws {
        let packet = RTPPacket(
            marker: true, payloadType: 0, sequenceNumber: 0x1234, timestamp: 0xDEAD_BEEF, ssrc: 0x0102_0304,
            payload: [0xFF, 0x7F])
        #expect(packet.encoded() == [
            0x80, 0x80, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, 0xFF, 0x7F,
        ])
        #expect(try RTPPacket(parsing: packet.encoded()) == packet)
    }

    @Test("CSRCs, header extension and padding round-trip")
    func allFields() throws {
        let packet = RTPPacket(
            marker: false, payloadType: 101, sequenceNumber: 65535, timestamp: 160, ssrc: 7,
            csrcs: [1, 2, 0xFFFF_FFFF],
            headerExtension: .init(profileData: 0xBEDE, data: [1, 2, 3, 4, 5, 6, 7, 8]),
            payload: Array(0..<20), paddingLength: 4)
        let bytes = packet.encoded()
        #expect(bytes[0] == 0x80 | 0x20 | 0x10 | 3)  // V=2, P, X, CC=3
        #expect(bytes[1] == 101)
        #expect(bytes.count == 12 + 12 + 4 + 8 + 20 + 4)
        #expect(bytes.suffix(4) == [0, 0, 0, 4])
        #expect(try RTPPacket(parsing: bytes) == packet)
    }

    @Test("extension data is padded to whole words")
    func extensionPadding() throws {
        let packet = RTPPacket(
            payloadType: 0, sequenceNumber: 1, timestamp: 2, ssrc: 3,
            headerExtension: .init(profileData: 1, data: [9, 9, 9]), payload: [1])
        let parsed = try RTPPacket(parsing: packet.encoded())
        #expect(parsed.headerExtension?.data == [9, 9, 9, 0])
        #expect(parsed.payload == [1])
    }

    @Test("every truncation of a valid packet is rejected or shorter, never a trap")
    func truncations() throws {
        let packet = RTPPacket(
            payloadType: 8, sequenceNumber: 9, timestamp: 10, ssrc: 11, csrcs: [12, 13],
            headerExtension: .init(profileData: 1, data: [1, 2, 3, 4]), payload: [5, 6, 7])
        let bytes = packet.encoded()
        let headerLength = 12 + 8 + 8
        for length in 0..<bytes.count {
            let prefix = Array(bytes.prefix(length))
            if length < headerLength {
                #expect(throws: RTPPacket.ParseError.truncated) { try RTPPacket(parsing: prefix) }
            } else {
                #expect(try RTPPacket(parsing: prefix).payload == Array(packet.payload.prefix(length - headerLength)))
            }
        }
    }

    @Test("malformed headers", arguments: [
        ([0x40, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1] as [UInt8], RTPPacket.ParseError.unsupportedVersion(1)),
        ([0x00, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], .unsupportedVersion(0)),
        ([0x80, 0xC8, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], .rtcpPayloadType(72)),  // an SR: 200 = M + 72
        ([0x80, 0xC9, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], .rtcpPayloadType(73)),
        ([0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], .invalidPadding),  // P but nothing to count
        ([0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xAA, 0x00], .invalidPadding),  // count 0
        ([0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xAA, 0x03], .invalidPadding),  // 3 > 2 after header
        ([0x81, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0], .truncated),  // CC=1, 3 octets
        ([0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1], .truncated),  // X, 1 word missing
        ([0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0xFF, 0xFF], .truncated),  // X, huge length
    ])
    func malformed(bytes: [UInt8], expected: RTPPacket.ParseError) {
        #expect(throws: expected) { try RTPPacket(parsing: bytes) }
    }

    @Test("padding that exactly fills the packet leaves an empty payload")
    func paddingOnly() throws {
        let bytes: [UInt8] = [0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 4]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.payload.isEmpty)
        #expect(packet.paddingLength == 4)
    }

    @Test("random bytes never trap, and what parses re-encodes to itself")
    func randomBytes() throws {
        var generator = SeededGenerator(seed: 3550)
        var parsed = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...80, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if !bytes.isEmpty, Bool.random(using: &generator) { bytes[0] = 0x80 | (bytes[0] & 0x3F) }
            guard let packet = try? RTPPacket(parsing: bytes) else { continue }
            parsed += 1
            #expect(packet.encoded().count == bytes.count)
            #expect(try RTPPacket(parsing: packet.encoded()) == packet)
        }
        #expect(parsed > 1000)
    }

    @Test("payload types above 127 and more than 15 CSRCs are cut when encoded")
    func encodeLimits() throws {
        let packet = RTPPacket(payloadType: 0x85, sequenceNumber: 0, timestamp: 0, ssrc: 0, csrcs: Array(0..<20), payload: [])
        let parsed = try RTPPacket(parsing: packet.encoded())
        #expect(parsed.payloadType == 5)
        #expect(parsed.marker == false)
        #expect(parsed.csrcs == Array(0..<15))
    }
}
