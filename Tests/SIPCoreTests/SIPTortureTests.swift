import Crypto
import Foundation
import SwitchboardTestKit
import Testing
@testable import SIPCore

/// Every RFC 4475 / RFC 5118 message handled as `Tests/Fixtures/sip-torture/MANIFEST.md` says.
@Suite struct SIPTortureTests {
    enum Expected: CustomStringConvertible {
        case valid
        case reject(Int)
        case drop
        var description: String {
            switch self {
            case .valid: return "valid"
            case .reject(let code): return "reject \(code)"
            case .drop: return "drop"
            }
        }
    }

    static let expectations: [(String, Expected)] = [
        // RFC 4475 §3.1.1: valid, must parse
        ("rfc4475/wsinv.dat", .valid), ("rfc4475/intmeth.dat", .valid), ("rfc4475/esc01.dat", .valid),
        ("rfc4475/escnull.dat", .valid), ("rfc4475/esc02.dat", .valid), ("rfc4475/lwsdisp.dat", .valid),
        ("rfc4475/longreq.dat", .valid), ("rfc4475/dblreq.dat", .valid), ("rfc4475/semiuri.dat", .valid),
        ("rfc4475/transports.dat", .valid), ("rfc4475/mpart01.dat", .valid), ("rfc4475/unreason.dat", .valid),
        ("rfc4475/noreason.dat", .valid),
        // §3.1.2: invalid
        ("rfc4475/badinv01.dat", .reject(400)), ("rfc4475/clerr.dat", .reject(400)), ("rfc4475/ncl.dat", .reject(400)),
        ("rfc4475/scalar02.dat", .reject(400)), ("rfc4475/scalarlg.dat", .drop), ("rfc4475/quotbal.dat", .reject(400)),
        ("rfc4475/ltgtruri.dat", .reject(400)), ("rfc4475/lwsruri.dat", .reject(400)), ("rfc4475/lwsstart.dat", .reject(400)),
        ("rfc4475/trws.dat", .reject(400)), ("rfc4475/escruri.dat", .reject(400)), ("rfc4475/baddate.dat", .reject(400)),
        ("rfc4475/regbadct.dat", .reject(400)), ("rfc4475/badaspec.dat", .reject(400)), ("rfc4475/baddn.dat", .reject(400)),
        ("rfc4475/badvers.dat", .reject(505)), ("rfc4475/mismatch01.dat", .reject(400)),
        ("rfc4475/mismatch02.dat", .reject(501)), ("rfc4475/bigcode.dat", .drop),
        // §3.2-3.4: valid syntax, transaction and application semantics
        ("rfc4475/badbranch.dat", .valid), ("rfc4475/insuf.dat", .reject(400)), ("rfc4475/unkscm.dat", .reject(416)),
        ("rfc4475/novelsc.dat", .reject(416)), ("rfc4475/unksm2.dat", .reject(400)), ("rfc4475/bext01.dat", .reject(420)),
        ("rfc4475/invut.dat", .reject(415)), ("rfc4475/regaut01.dat", .valid), ("rfc4475/multi01.dat", .reject(400)),
        ("rfc4475/mcl01.dat", .reject(400)), ("rfc4475/bcast.dat", .drop), ("rfc4475/zeromf.dat", .valid),
        ("rfc4475/cparam01.dat", .valid), ("rfc4475/cparam02.dat", .valid), ("rfc4475/regescrt.dat", .valid),
        ("rfc4475/sdp01.dat", .reject(406)), ("rfc4475/inv2543.dat", .valid),
        // RFC 5118
        ("rfc5118/ipv6-good", .valid), ("rfc5118/ipv6-bad", .reject(400)), ("rfc5118/port-ambiguous", .valid),
        ("rfc5118/port-unambiguous", .valid), ("rfc5118/via-received-param-with-delim", .valid),
        ("rfc5118/via-received-param-no-delim", .valid), ("rfc5118/ipv6-in-sdp", .valid),
        ("rfc5118/mult-ip-in-header", .valid), ("rfc5118/mult-ip-in-sdp", .valid), ("rfc5118/ipv4-mapped-ipv6", .valid),
        ("rfc5118/ipv6-correct-abnf-2-colons", .valid), ("rfc5118/ipv6-bug-abnf-3-colons", .reject(400)),
    ]

    static func parse(_ name: String) throws -> SIPParseResult {
        SIPParser.parse(datagram: try FixtureFiles.bytes("sip-torture/" + name))
    }

    static func message(_ name: String) throws -> SIPMessage {
        let result = try parse(name)
        return try #require(result.message, "\(name): \(result.verdict) \(result.detail ?? "")")
    }

    @Test func fixturesAreTheBytesTheManifestPins() throws {
        let sums = String(decoding: try FixtureFiles.bytes("sip-torture/SHA256SUMS"), as: UTF8.self)
        var checked = 0
        for line in sums.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else { continue }
            let digest = SHA256.hash(data: try FixtureFiles.bytes("sip-torture/" + parts[1]))
            #expect(digest.map { String(format: "%02x", $0) }.joined() == parts[0], "\(parts[1])")
            checked += 1
        }
        #expect(checked == 62)
    }

    @Test func everyManifestEntryIsCovered() throws {
        let listed = Set(Self.expectations.map(\.0))
        let files = try FixtureFiles.list("sip-torture/rfc4475").map { "rfc4475/" + $0 }
            + FixtureFiles.list("sip-torture/rfc5118").map { "rfc5118/" + $0 }
        // test.dat is in the RFC archive but described by no section: not scored.
        #expect(Set(files).subtracting(listed) == ["rfc4475/test.dat"])
    }

    @Test(arguments: expectations)
    func verdict(_ name: String, _ expected: Expected) throws {
        let result = try Self.parse(name)
        switch expected {
        case .valid:
            #expect(result.verdict == .accept, "\(name): \(result.verdict) \(result.detail ?? "")")
            #expect(result.message != nil)
        case .reject(let code):
            guard case .reject(let got, _) = result.verdict else {
                Issue.record("\(name): expected reject \(code), got \(result.verdict)"); return
            }
            #expect(got == code, "\(name): \(result.detail ?? "")")
            if let reply = result.reply {
                #expect(reply.statusCode == code)
                // what we would send must itself be a valid response
                let echoed = SIPParser.parse(datagram: reply.serialized())
                #expect(echoed.verdict == .accept, "reply to \(name): \(echoed.detail ?? "")")
            }
        case .drop:
            guard case .drop = result.verdict else { Issue.record("\(name): expected drop, got \(result.verdict)"); return }
            #expect(result.reply == nil)
        }
    }

    @Test func answerableRejectionsCarryAReply() throws {
        for name in ["rfc4475/badvers.dat", "rfc4475/mismatch01.dat", "rfc4475/bext01.dat", "rfc4475/unkscm.dat",
                     "rfc4475/novelsc.dat", "rfc4475/invut.dat", "rfc4475/sdp01.dat", "rfc4475/ncl.dat", "rfc4475/clerr.dat"] {
            let result = try Self.parse(name)
            let reply = try #require(result.reply, "\(name)")
            #expect(reply.to?.tag != nil, "\(name): a final response carries a To tag")
            #expect(reply.callID == result.message?.callID || result.message == nil)
        }
        let bext = try #require(try Self.parse("rfc4475/bext01.dat").reply)
        #expect(bext.headers["Unsupported"] == "nothingSupportsThis, nothingSupportsThisEither")
    }
}
