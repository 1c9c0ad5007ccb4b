import Foundation
import SwitchboardTestKit
import Testing
@testable import SIPCore

/// parse → serialize → parse gives the same message, for real messages from
/// RFC call flows (INVITE with SDP, REGISTER with Authorization, responses,
/// REFER/NOTIFY with sipfrag) and a NOTIFY with PIDF.
@Suite struct SIPRoundTripTests {
    static let flowFiles: [String] = {
        let root = FixtureFiles.url("flows")
        let walker = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let next = walker?.nextObject() as? String {
            if next.hasSuffix(".sip") { files.append("flows/" + next) }
        }
        return files.sorted() + ["messages/notify-pidf.sip"]
    }()

    @Test func thereAreEnoughMessages() {
        #expect(Self.flowFiles.count > 200)
    }

    @Test(arguments: flowFiles)
    func roundTrip(_ path: String) throws {
        let bytes = try FixtureFiles.bytes(path)
        let first = SIPParser.parse(datagram: bytes)
        // RFC 5626 §9 abbreviates some examples by leaving out Via: they must
        // be refused as incomplete, not read.
        let text = String(decoding: bytes, as: UTF8.self)
        if !text.contains("\nVia:") && !text.contains("\nv:") {
            #expect(first.detail == "missing Via header", "\(path)")
            return
        }
        let message = try #require(first.message, "\(path): \(first.verdict) \(first.detail ?? "")")
        #expect(first.verdict == .accept || !message.isRequest && first.verdict != .accept,
                "\(path): \(first.verdict) \(first.detail ?? "")")
        let written = message.serialized()
        let second = SIPParser.parse(datagram: written)
        let again = try #require(second.message, "\(path) written: \(second.detail ?? "")\n\(String(decoding: written, as: UTF8.self))")
        #expect(again == message, "\(path)")
        // and writing is stable
        #expect(again.serialized() == written)
    }

    @Test func typicalMessagesKeepTheirFields() throws {
        let invite = try #require(SIPParser.parse(datagram: try FixtureFiles.bytes(
            "flows/rfc3665/3.01_successful-session-establishment/F01.sip")).message)
        #expect(invite.method == .invite)
        #expect(invite.contentType == .sdp)
        #expect(invite.bodyText.contains("m=audio"))
        let register = try #require(SIPParser.parse(datagram: try FixtureFiles.bytes(
            "flows/rfc3665/2.01_sip-client-new-registration/F03.sip")).message)
        let authorization = try #require(register.headers["Authorization"])
        #expect(authorization.contains("nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\""))
        #expect(authorization.contains("response=\"dfe56131d1958046689d83306477ecc\""))
        let notify = try #require(SIPParser.parse(datagram: try FixtureFiles.bytes("messages/notify-pidf.sip")).message)
        #expect(notify.contentType == .pidf)
        #expect(notify.headers["Event"] == "presence")
        #expect(notify.bodyText.contains("王小明 😀"))
    }

    @Test func builtMessagesAreReadByOsip() throws {
        var request = SIPMessage.request(.register, try SIPURI(parsing: "sip:example.test"))
        request.vias = [Via(transport: "UDP", host: "127.0.0.1", port: 5070, branch: SIPIdentifier.branch(),
                            parameters: [SIPParameter("rport")])]
        request.from = NameAddr(displayName: "Alice \"A\" Ü", uri: try SIPURI(parsing: "sip:alice@example.test"),
                                parameters: [SIPParameter("tag", SIPIdentifier.tag())])
        request.to = NameAddr(uri: try SIPURI(parsing: "sip:alice@example.test"))
        request.callID = SIPIdentifier.callID(host: "127.0.0.1")
        request.cseq = CSeq(1, .register)
        request.contacts = [.address(NameAddr(uri: SIPURI(user: "alice", host: "127.0.0.1", port: 5070,
                                                         parameters: [SIPParameter("transport", "udp")]),
                                              parameters: [SIPParameter("+sip.instance", "\"<urn:uuid:00000000-0000-0000-0000-000000000001>\""),
                                                           SIPParameter("reg-id", "1")]))]
        request.headers.add("Max-Forwards", "70")
        request.headers.add("Expires", "600")
        let parsed = SIPParser.parse(datagram: request.serialized())
        #expect(parsed.verdict == .accept, "\(parsed.detail ?? "")")
        #expect(parsed.message == request)
        #expect(parsed.message?.from?.displayName == "Alice \"A\" Ü")
        #expect(parsed.message?.topVia?.rport == .some(nil))
    }
}

@Test func credentialsKeepEmptyParameters() {
    let text = "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
        + "From: <sip:a@example.test>;tag=1\r\nTo: <sip:a@example.test>;tag=2\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
        + "WWW-Authenticate: Digest realm=\"example.test\", nonce=\"abc\", opaque=\"\", qop=\"auth\"\r\n"
        + "Content-Length: 0\r\n\r\n"
    let message = SIPParser.parse(datagram: Array(text.utf8)).message
    #expect(message?.headers["WWW-Authenticate"] == "Digest realm=\"example.test\", nonce=\"abc\", opaque=\"\", qop=\"auth\"")
}
