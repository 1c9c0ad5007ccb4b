import SwitchboardTestKit
import Testing
@testable import SIPCore

/// Whatever the octets, the parser answers with a verdict and never traps.
@Suite struct SIPMalformedInputTests {
    static let seeds = ["rfc4475/wsinv.dat", "rfc4475/intmeth.dat", "rfc4475/esc01.dat", "rfc4475/mpart01.dat",
                        "rfc4475/unreason.dat", "rfc5118/ipv6-good"]

    @Test(arguments: seeds)
    func everyTruncationGetsAVerdict(_ name: String) throws {
        let bytes = try FixtureFiles.bytes("sip-torture/" + name)
        for length in 0..<bytes.count {
            let result = SIPParser.parse(datagram: Array(bytes[..<length]))
            if case .accept = result.verdict { #expect(result.message != nil) }
            if let reply = result.reply {
                #expect(SIPParser.parse(datagram: reply.serialized()).message == reply, "truncated at \(length)")
            }
        }
    }

    @Test(arguments: seeds)
    func randomMutationsGetAVerdict(_ name: String) throws {
        let original = try FixtureFiles.bytes("sip-torture/" + name)
        var random = SplitMix64(seed: UInt64(name.utf8.count) * 7919)
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes[index] = 0
                case 2: bytes.insert(contentsOf: [0xFF, 0xFE, 0xC0, 0x80], at: index)
                case 3: bytes.remove(at: index)
                default: bytes.insert(contentsOf: Array(":;,<>\"\\%@[]".utf8).shuffled(using: &random), at: index)
                }
            }
            let result = SIPParser.parse(datagram: bytes)
            _ = result.message?.serialized()
        }
    }

    @Test func randomBytesGetAVerdict() {
        var random = SplitMix64(seed: 42)
        for size in [1, 2, 3, 10, 100, 1000, 5000] {
            for _ in 0..<50 {
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
                let result = SIPParser.parse(datagram: bytes)
                #expect(result.verdict != .accept)
            }
        }
    }

    @Test func emptyAndKeepaliveDatagramsAreDropped() {
        #expect(SIPParser.parse(datagram: []).verdict == .drop(reason: "keepalive"))
        #expect(SIPParser.parse(datagram: Array("\r\n\r\n".utf8)).verdict == .drop(reason: "keepalive"))
    }

    static let options = "OPTIONS sip:bob@example.test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
        + "From: <sip:alice@example.test>;tag=1\r\nTo: <sip:bob@example.test>\r\nCall-ID: x@y\r\nCSeq: 1 OPTIONS\r\n"

    @Test func hugeMessagesAreRefusedOrFramed() {
        let hugeHeader = Self.options + "X-Huge: " + String(repeating: "a", count: 1 << 20) + "\r\nContent-Length: 0\r\n\r\n"
        let result = SIPParser.parse(datagram: Array(hugeHeader.utf8))
        #expect(result.verdict == .reject(statusCode: 513, reason: "Message Too Large"))
        #expect(result.reply?.statusCode == 513)
        let hugeBody = Self.options + "Content-Type: text/plain\r\nContent-Length: \(1 << 20)\r\n\r\n" + String(repeating: "b", count: 1 << 20)
        let body = SIPParser.parse(datagram: Array(hugeBody.utf8))
        #expect(body.verdict == .accept)
        #expect(body.message?.body.count == 1 << 20)
    }

    @Test func nulAndInvalidUTF8InHeadersDoNotCrash() {
        for junk: [UInt8] in [[0], [0xFF, 0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            let head = Array((Self.options + "Subject: ").utf8) + junk + Array("\r\nContent-Length: 0\r\n\r\n".utf8)
            let result = SIPParser.parse(datagram: head)
            #expect(result.verdict == .accept)
            #expect(result.message?.headers["Subject"] != nil)
            let inStartLine = Array("OPTIONS sip:b".utf8) + junk + Array("@example.test SIP/2.0\r\n".utf8)
                + Array(Self.options.utf8.dropFirst(36)) + Array("Content-Length: 0\r\n\r\n".utf8)
            _ = SIPParser.parse(datagram: inStartLine)
        }
    }

    @Test func contentLengthProblems() {
        func verdict(_ lengthLine: String, body: String = "") -> SIPVerdict {
            SIPParser.parse(datagram: Array((Self.options + lengthLine + "\r\n" + body).utf8)).verdict
        }
        #expect(verdict("Content-Length: -1\r\n") == .reject(statusCode: 400, reason: "Bad Request"))
        #expect(verdict("Content-Length: 99999999999999999999\r\n") == .reject(statusCode: 400, reason: "Bad Request"))
        #expect(verdict("Content-Length: 5\r\n", body: "abc") == .reject(statusCode: 400, reason: "Bad Request"))
        #expect(verdict("Content-Length: 3\r\nl: 4\r\n", body: "abcd") == .reject(statusCode: 400, reason: "Bad Request"))
        #expect(verdict("Content-Length: 2\r\n", body: "abcd") == .accept)
    }

    @Test func badResponsesAreDropped() {
        let head = "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        for line in ["SIP/2.0 99 Low", "SIP/2.0 700 High", "SIP/2.0 2000 Long", "SIP/3.0 200 OK", "SIP/2.0 -200 Neg"] {
            if case .drop = SIPParser.parse(datagram: Array((line + "\r\n" + head).utf8)).verdict {} else {
                Issue.record("\(line) should be dropped")
            }
        }
        #expect(SIPParser.parse(datagram: Array(("SIP/2.0 200 OK\r\n" + head).utf8)).verdict == .accept)
    }

    @Test func valueParsersRefuseGarbage() {
        for text in ["", "sip:", "sip:@", "sip:a@[::1", "sip:a@host:99999", "sip:a@host:-1", "<sip:a@b>", "sip:a b@c"] {
            #expect(throws: SIPSyntaxError.self, "\(text.debugDescription)") { try SIPURI(parsing: text) }
        }
        for text in ["", "SIP/2.0/UDP", "SIP/2.0/UDP host:abc", "garbage"] {
            #expect(throws: SIPSyntaxError.self, "\(text.debugDescription)") { try Via(parsing: text) }
        }
        for text in ["", "INVITE", "-1 INVITE", "2147483648 INVITE", "99999999999999999999 INVITE", "1"] {
            #expect(throws: SIPSyntaxError.self, "\(text.debugDescription)") { try CSeq(parsing: text) }
        }
        #expect((try? CSeq(parsing: "2147483647 INVITE"))?.number == CSeq.maximum)
        for text in ["", "<", "\"unterminated <sip:a@b>", "<sip:a@b"] {
            #expect(throws: SIPSyntaxError.self, "\(text.debugDescription)") { try NameAddr(parsing: text) }
        }
    }
}
