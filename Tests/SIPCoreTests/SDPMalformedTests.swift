import SwitchboardTestKit
import Testing
@testable import SIPCore

/// Whatever the octets, reading SDP gives a value or an `SDPSyntaxError`,
/// never a trap.
@Suite struct SDPMalformedTests {
    static let valid = """
        v=0
        o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com
        s=-
        c=IN IP4 192.0.2.101
        t=0 0
        m=audio 49172 RTP/AVP 0 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        """

    static func error(_ text: String) -> SDPSyntaxError? {
        do {
            _ = try SessionDescription(parsing: SDPTestSupport.crlf(text))
            return nil
        } catch {
            return error
        }
    }

    static func replacing(_ prefix: String, with line: String?) -> String {
        valid.split(separator: "\n").compactMap { current -> String? in
            current.hasPrefix(prefix) ? line : String(current)
        }.joined(separator: "\n")
    }

    @Test func theBaseIsValid() throws {
        #expect(try SDPTestSupport.parse(Self.valid).media.count == 1)
    }

    @Test(arguments: [
        ("v=", "a description starts with v= (RFC 8866 §5.1)", 1),
        ("o=", "missing o= line (RFC 8866 §5.2)", nil),
        ("s=", "missing s= line (RFC 8866 §5.3)", nil),
        ("t=", "missing t= line (RFC 8866 §5.9)", nil),
    ] as [(String, String, Int?)])
    func missingMandatoryLines(_ removed: String, _ detail: String, _ line: Int?) {
        #expect(Self.error(Self.replacing(removed, with: nil)) == SDPSyntaxError(line: line, detail))
    }

    @Test(arguments: [
        // a replacement m= line and the error it gets
        ("m=audio", SDPSyntaxError(line: 6, "malformed m= line \"audio\" (RFC 8866 §5.14)")),
        ("m=audio 49172", SDPSyntaxError(line: 6, "malformed m= line \"audio 49172\" (RFC 8866 §5.14)")),
        ("m=audio  49172 RTP/AVP 0", SDPSyntaxError(line: 6, "malformed m= line \"audio  49172 RTP/AVP 0\" (RFC 8866 §5.14)")),
        ("m=audio abc RTP/AVP 0", SDPSyntaxError(line: 6, "port \"abc\" is not a number up to 65535 (RFC 8866 §5.14)")),
        ("m=audio 70000 RTP/AVP 0", SDPSyntaxError(line: 6, "port \"70000\" is not a number up to 65535 (RFC 8866 §5.14)")),
        ("m=audio -1 RTP/AVP 0", SDPSyntaxError(line: 6, "port \"-1\" is not a number up to 65535 (RFC 8866 §5.14)")),
        ("m=audio 4917x/2 RTP/AVP 0", SDPSyntaxError(line: 6, "port \"4917x\" is not a number up to 65535 (RFC 8866 §5.14)")),
        ("m=audio 49172/x RTP/AVP 0", SDPSyntaxError(line: 6, "number of ports \"x\" is not a number")),
        ("m=audio 49172/0 RTP/AVP 0", SDPSyntaxError(line: 6, "number of ports is 0 (RFC 8866 §5.14)")),
        ("m= audio 49172 RTP/AVP 0", SDPSyntaxError(line: 6, "malformed m= line \" audio 49172 RTP/AVP 0\" (RFC 8866 §5.14)")),
    ])
    func badMediaLines(_ line: String, _ expected: SDPSyntaxError) {
        #expect(Self.error(Self.replacing("m=", with: line)) == expected)
    }

    @Test(arguments: [
        ("o=", "o=alice x 2890844526 IN IP4 h", 2, "session id and version must be numbers below 2^64 (RFC 8866 §5.2)"),
        ("o=", "o=alice 1 99999999999999999999 IN IP4 h", 2, "session id and version must be numbers below 2^64 (RFC 8866 §5.2)"),
        ("o=", "o=alice 1 1 IN IP4", 2, "malformed o= line \"alice 1 1 IN IP4\" (RFC 8866 §5.2)"),
        ("o=", "o=alice 1 1 IN IP4 h extra", 2, "extra fields after the address"),
        ("v=", "v=1", 1, "version \"1\" is not 0"),
        ("c=", "c=IN IP4", 4, "malformed c= line \"IN IP4\" (RFC 8866 §5.7)"),
        ("c=", "c=IN IP4 1.2.3.4 5.6.7.8", 4, "bad connection address \"1.2.3.4 5.6.7.8\" (RFC 8866 §5.7)"),
        ("c=", "c=IN IP4 224.2.1.1/x", 4, "multicast suffix \"x\" is not a number"),
        ("t=", "t=0", 5, "malformed t= line \"0\" (RFC 8866 §5.9)"),
        ("t=", "t=now later", 5, "start and stop times must be numbers (RFC 8866 §5.9)"),
        ("a=fmtp", "a=fmtp:", 9, "malformed a= line \"fmtp:\" (RFC 8866 §5.13)"),
        ("c=", "c=", 4, "c= without a value"),
        ("c=", "b=AS", 4, "malformed b= line \"AS\" (RFC 8866 §5.8)"),
        ("c=", "b=AS:x", 4, "bandwidth is not a number (RFC 8866 §5.8)"),
        // errors inside a section name their own line, not the section's first
        ("c=", "c=IN IP4 192.0.2.101\nb=AS:64\nb=CT:x", 6, "bandwidth is not a number (RFC 8866 §5.8)"),
        ("m=", "m=audio 49172 RTP/AVP 0\nc=IN IP4 192.0.2.1\nc=IN IP4 1.2.3.4 x", 8,
         "bad connection address \"1.2.3.4 x\" (RFC 8866 §5.7)"),
        ("m=", "m=audio 49172 RTP/AVP 0\nb=AS:64\nb=TIAS:y", 8, "bandwidth is not a number (RFC 8866 §5.8)"),
        ("t=", "t=0 0\nt=1 x", 6, "start and stop times must be numbers (RFC 8866 §5.9)"),
    ] as [(String, String, Int, String)])
    func badFields(_ prefix: String, _ line: String, _ number: Int, _ detail: String) {
        #expect(Self.error(Self.replacing(prefix, with: line)) == SDPSyntaxError(line: number, detail))
    }

    @Test(arguments: [
        ("s=", "s=-\nr=1d 1h 0", 4, "r= must follow a t= line (RFC 8866 §5.10)"),
        ("c=", "c=IN IP4 192.0.2.101\nx=unknown", 5, "unknown line type x= (RFC 8866 §5)"),
        ("t=", "t=0 0\nc=IN IP4 192.0.2.1", 6, "c= out of order (RFC 8866 §5)"),
        ("c=", "c=IN IP4 192.0.2.101\nc=IN IP4 192.0.2.102", 5, "c= out of order (RFC 8866 §5)"),
        ("a=fmtp", "a=fmtp:101 0-16\nt=0 0", 10, "t= belongs before the first m= line (RFC 8866 §5)"),
        ("a=fmtp", "a=fmtp:101 0-16\ni=one\ni=two", 10, "i= out of order (RFC 8866 §5)"),
        ("o=", "s=-\no=alice 1 1 IN IP4 h", 3, "o= out of order (RFC 8866 §5)"),
        ("c=", "c=IN IP4 192.0.2.101\n", 5, "empty line inside the description"),
        ("c=", "c=IN IP4 192.0.2.101\r\r", 4, "carriage return inside the line"),
        ("c=", " c=IN IP4 192.0.2.101", 4, "not a <letter>=<value> line: \" c=IN IP4 192.0.2.101\""),
        ("c=", "C=IN IP4 192.0.2.101", 4, "not a <letter>=<value> line: \"C=IN IP4 192.0.2.101\""),
        ("c=", "cc=IN IP4 192.0.2.101", 4, "not a <letter>=<value> line: \"cc=IN IP4 192.0.2.101\""),
    ] as [(String, String, Int, String)])
    func badStructure(_ prefix: String, _ lines: String, _ number: Int, _ detail: String) {
        #expect(Self.error(Self.replacing(prefix, with: lines)) == SDPSyntaxError(line: number, detail))
    }

    @Test(arguments: ["", "\r\n", "hello", "hello world\r\n", "<html><body>sdp</body></html>",
                      "{\"type\":\"offer\",\"sdp\":\"v=0\"}", "v=0", "v=0\r\n", "=\r\n", "v\r\n", "v=0\r\no="])
    func garbage(_ text: String) {
        #expect(throws: SDPSyntaxError.self) { try SessionDescription(parsing: text) }
    }

    @Test func nulOctetsAreRefused() {
        var bytes = Array(SDPTestSupport.crlf(Self.valid).utf8)
        let index = bytes.firstIndex(of: UInt8(ascii: "-"))!
        bytes[index] = 0
        #expect(throws: SDPSyntaxError(line: 3, "NUL octet (RFC 8866 §9 text excludes it)")) {
            try SessionDescription(parsing: bytes)
        }
        #expect(throws: SDPSyntaxError.self) { try SessionDescription(parsing: Array(Self.valid.utf8) + [0]) }
        #expect(throws: SDPSyntaxError.self) { try SessionDescription(parsing: [UInt8](repeating: 0, count: 100)) }
    }

    @Test func sixtyFourKibibytesOfJunk() {
        var random = SplitMix64(seed: 64)
        let junk = (0..<65536).map { _ in UInt8.random(in: 0x20...0x7E, using: &random) }
        #expect(throws: SDPSyntaxError("65536 octets, more than the 16384 read here")) {
            try SessionDescription(parsing: junk)
        }
        // well-formed lines, just too many of them
        let lines = Array(SDPTestSupport.crlf(Self.valid).utf8)
            + Array(String(repeating: "a=x\r\n", count: 13_000).utf8)
        #expect(throws: SDPSyntaxError.self) { try SessionDescription(parsing: lines) }
        // and junk that fits the limit
        #expect(throws: SDPSyntaxError.self) { try SessionDescription(parsing: junk.prefix(16384)) }
    }

    @Test func theLargestDescriptionReadIsQuick() throws {
        // osip's quadratic a= scan at the size limit.
        let head = SDPTestSupport.crlf(Self.valid)
        let filler = String(repeating: "a=x\r\n", count: (SessionDescription.maximumLength - head.utf8.count) / 5)
        let clock = ContinuousClock()
        let start = clock.now
        let session = try SessionDescription(parsing: head + filler)
        #expect(session.media[0].attributes.count > 3000)
        #expect(clock.now - start < .seconds(2))
    }

    static let seeds: [String] = [valid, SDPParseTests.everyField, SDPRFC3264ExampleTests.secondOffer,
                                  SDPRFC3264ExampleTests.inactiveOffer]

    @Test(arguments: seeds.indices)
    func everyTruncationGivesAValueOrAnError(_ seed: Int) {
        let bytes = Array(SDPTestSupport.crlf(Self.seeds[seed]).utf8)
        var read = 0
        for length in 0...bytes.count {
            guard let session = try? SessionDescription(parsing: bytes[..<length]) else { continue }
            // whatever was read writes and reads back the same
            #expect((try? SessionDescription(parsing: session.serialized())) == session, "length \(length)")
            read += 1
        }
        #expect(read > 10, "cuts after t= and later lines still read")
    }

    @Test(arguments: seeds.indices)
    func randomMutationsGiveAValueOrAnError(_ seed: Int) {
        let original = Array(SDPTestSupport.crlf(Self.seeds[seed]).utf8)
        var random = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
        let alphabet = Array(" =:/\r\n0123456789-amvcto\0\u{7F}".utf8) + [0xC0, 0x80, 0xFF]
        var read = 0
        for _ in 0..<600 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...6, using: &random) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes[index] = alphabet.randomElement(using: &random)!
                case 2: bytes.remove(at: index)
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
                }
            }
            guard let session = try? SessionDescription(parsing: bytes) else { continue }
            #expect((try? SessionDescription(parsing: session.serialized())) == session)
            // and offer/answer on it never traps either
            _ = try? SDPAnswer.make(to: session, with: SDPTestSupport.bob, origin: SDPOfferAnswerTests.bobOrigin)
            _ = try? SDPOffer.readAnswer(session, to: SDPOfferAnswerTests.ourOffer)
            read += 1
        }
        #expect(read > 50, "some mutations still read, and round-trip")
    }

    @Test func randomBytes() {
        var random = SplitMix64(seed: 3264)
        for size in [1, 2, 3, 4, 10, 100, 1000, 16384] {
            for _ in 0..<40 {
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
                #expect(throws: SDPSyntaxError.self) { try SessionDescription(parsing: bytes) }
            }
        }
    }

    @Test func randomLinesWithTheRightLetters() {
        // Lines that pass the lexical checks, in random order and content.
        var random = SplitMix64(seed: 8866)
        let letters = Array("vosiuepcbtrzkam".utf8)
        let words = ["0", "IN", "IP4", "IP6", "192.0.2.1", "::1", "audio", "RTP/AVP", "49172", "rtpmap:0",
                     "PCMU/8000", "x", "1/2", ":", "-", "65536", "18446744073709551616"]
        for _ in 0..<2000 {
            var text = "v=0\r\n"
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                let letter = letters.randomElement(using: &random)!
                let value = (0..<Int.random(in: 1...6, using: &random)).map { _ in words.randomElement(using: &random)! }
                text += String(UnicodeScalar(letter)) + "=" + value.joined(separator: " ") + "\r\n"
            }
            if let session = try? SessionDescription(parsing: text) {
                #expect((try? SessionDescription(parsing: session.serialized())) == session, "\(text.debugDescription)")
            }
        }
    }
}
