import SwitchboardTestKit
import Testing
@testable import SIPCore

/// The SDP bodies of the RFC 3665 call flows and of RFC 5118's IPv6 torture
/// messages: each parses, and parse → write → parse gives the same value.
@Suite struct SDPFixtureTests {
    /// RFC 3665 §3.11 F1 as transcribed in the fixtures lacks its `v=0` line
    /// (and its Content-Length); every other body is complete.
    static let incompleteBody = "flows/rfc3665/3.11_unsuccessful-temporarily-unavailable/F01.sip"

    static let flowBodies: [String] = ((try? SDPTestSupport.bodies(under: "flows/rfc3665")) ?? []).map(\.0)

    static func body(_ path: String) throws -> [UInt8] {
        try #require(SIPParser.parse(datagram: try FixtureFiles.bytes(path)).message).body
    }

    /// RFC 5118's Content-Length values count LF line ends, so framing by
    /// them cuts the CRLF bodies short; these are the bodies as printed:
    /// everything after the empty line.
    static func printedBody(_ name: String) throws -> [UInt8] {
        let bytes = try FixtureFiles.bytes("sip-torture/rfc5118/" + name)
        let end = try #require(bytes.indices.first { bytes[$0...].starts(with: [13, 10, 13, 10]) })
        return Array(bytes[(end + 4)...])
    }

    @Test func everyFlowWithSDPIsFound() {
        // 64 messages of RFC 3665 §3 carry application/sdp.
        #expect(Self.flowBodies.count == 64)
    }

    @Test(arguments: flowBodies.filter { $0 != incompleteBody })
    func flowBodyRoundTrips(_ path: String) throws {
        let first = try SessionDescription(parsing: try Self.body(path))
        #expect(first.media.count == 1, "\(path)")
        #expect(first.media[0].rtpMap(for: "0")?.encodingName == "PCMU")
        let written = first.serialized()
        let second = try SessionDescription(parsing: written)
        #expect(second == first, "\(path)")
        #expect(second.serialized() == written, "writing is stable")
    }

    @Test func flowBodiesAreWrittenAsReceived() throws {
        // RFC 3665 writes SDP exactly in our format: CRLF, RFC 8866 order.
        for path in Self.flowBodies where path != Self.incompleteBody {
            let body = try Self.body(path)
            #expect(try SessionDescription(parsing: body).serialized() == body, "\(path)")
        }
    }

    @Test func theIncompleteBodyIsRefusedForItsMissingVersion() throws {
        #expect(throws: SDPSyntaxError(line: 1, "a description starts with v= (RFC 8866 §5.1)")) {
            try SessionDescription(parsing: try Self.body(Self.incompleteBody))
        }
    }

    @Test func reInviteChangesTheAddress() throws {
        // RFC 3665 §3.7: Bob's re-INVITE moves his media to a new address
        // under the same session id and the next version (RFC 3264 §8).
        let folder = "flows/rfc3665/3.07_session-with-re-invite-ip-address-change/"
        let before = try SessionDescription(parsing: try Self.body(folder + "F06.sip"))
        let after = try SessionDescription(parsing: try Self.body(folder + "F09.sip"))
        #expect(after.origin.sessionID == before.origin.sessionID)
        #expect(after.origin.sessionVersion == before.origin.sessionVersion + 1)
        #expect(before.connection?.address == "192.0.2.201")
        #expect(after.connection?.address == "192.0.2.100")
        #expect(after.media[0].port == 47172)
        // Alice, answering it, sends to the new address.
        var alice = OfferAnswerSession(capabilities: SDPTestSupport.alice, sessionID: 2_890_844_526)
        let answered = try alice.receiveOffer(after)
        #expect(answered.audio.remoteAddress == "192.0.2.100")
        #expect(answered.audio.remotePort == 47172)
        #expect(!answered.isHold)
    }

    @Test func ipv6InSDP() throws {
        // RFC 5118 §4.6: an IPv6 session with IPv6 origin and connection.
        let body = try Self.printedBody("ipv6-in-sdp")
        let session = try SessionDescription(parsing: body)
        #expect(session.origin == SDPOrigin(username: "assistant", sessionID: 971_731_711_378_798_081, sessionVersion: 0,
                                            networkType: "IN", addressType: "IP6", address: "2001:db8::20"))
        #expect(session.sessionName == "Live video feed for today's meeting")
        #expect(session.connection == SDPConnection(networkType: "IN", addressType: "IP6", address: "2001:db8::20"))
        #expect(session.timings == [SDPTiming(start: 3_338_481_189, stop: 3_370_017_201)])
        #expect(session.media.map(\.mediaType) == ["audio", "video"])
        #expect(session.media[0].rtpMap(for: "2")?.encodingName == "G726-32")
        #expect(session.media[1].rtpMap(for: "107") == RTPMap(payloadType: 107, encodingName: "H263-1998",
                                                               clockRate: 90000))
        #expect(try SessionDescription(parsing: session.serialized()) == session)
        #expect(session.serialized() == body)
    }

    @Test func oneAddressFamilyPerStream() throws {
        // RFC 5118 §4.7: IPv4 for audio, IPv6 for video, `s=` left empty.
        let session = try SessionDescription(parsing: try Self.printedBody("mult-ip-in-sdp"))
        #expect(session.connection == nil)
        #expect(session.sessionName == " ")
        #expect(session.connection(for: session.media[0]) == SDPConnection(address: "192.0.2.1"))
        #expect(session.connection(for: session.media[1]) == SDPConnection(networkType: "IN", addressType: "IP6",
                                                                           address: "2001:db8::1"))
        #expect(session.media[1].rtpMap(for: "107")?.encodingName == "H263-1998")
        #expect(try SessionDescription(parsing: session.serialized()) == session)
    }

    @Test func ipv4MappedIPv6InSDP() throws {
        // RFC 5118 §4.9
        let body = try Self.printedBody("ipv4-mapped-ipv6")
        let session = try SessionDescription(parsing: body)
        #expect(session.origin.address == "::ffff:192.0.2.2" && session.origin.addressType == "IP6")
        #expect(session.connection == SDPConnection(networkType: "IN", addressType: "IP6", address: "::ffff:192.0.2.2"))
        #expect(session.sessionName == "Call me soon, please!")
        #expect(session.serialized() == body)
    }

    @Test(arguments: ["ipv6-in-sdp", "mult-ip-in-sdp", "ipv4-mapped-ipv6"])
    func bodiesFramedByTheirContentLengthStillParse(_ name: String) throws {
        // Cut inside the last rtpmap line, which loses its clock rate.
        let framed = try Self.body("sip-torture/rfc5118/" + name)
        #expect(framed.count < (try Self.printedBody(name)).count)
        let session = try SessionDescription(parsing: framed)
        #expect(session.media.count == 2)
        #expect(session.media[1].rtpMap(for: "107")?.clockRate != 90000)
        #expect(try SessionDescription(parsing: session.serialized()) == session)
    }

    @Test func answeringTheIPv6Offer() throws {
        // The audio stream offers only G726-32: nothing we speak, so 488.
        let offer = try SessionDescription(parsing: try Self.printedBody("ipv6-in-sdp"))
        let capabilities = AudioCapabilities(address: "2001:db8::10", port: 4000)
        #expect(throws: SDPNegotiationError.self) {
            try SDPAnswer.make(to: offer, with: capabilities, origin: SDPOrigin(sessionID: 1, sessionVersion: 1,
                                                                                 address: "2001:db8::10"))
        }
        // With PCMU added to the same stream the answer is all IPv6.
        var pcmu = offer
        pcmu.media[0].formats.append("0")
        let answered = try SDPAnswer.make(to: pcmu, with: capabilities,
                                          origin: SDPOrigin(sessionID: 1, sessionVersion: 1, address: "2001:db8::10"))
        #expect(answered.answer.connection == SDPConnection(networkType: "IN", addressType: "IP6", address: "2001:db8::10"))
        #expect(answered.answer.origin.addressType == "IP6")
        #expect(answered.audio.remoteAddress == "2001:db8::20")
        #expect(answered.audio.remotePort == 6000)
        #expect(answered.answer.media.map(\.port) == [4000, 0])
        #expect(try SDPTestSupport.wire(answered.answer) == answered.answer)
    }
}
