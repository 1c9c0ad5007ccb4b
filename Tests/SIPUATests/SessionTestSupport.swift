import Foundation
import SIPAuth
import SIPCore
@testable import SIPUA
import SwitchboardTestKit
import Testing

/// Messages as the wire gives them: everything goes through osip.
enum Wire {
    /// Parses octets as the transport would; the verdict must be `.accept`.
    static func parse(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> SIPMessage {
        let result = SIPParser.parse(datagram: bytes)
        #expect(result.verdict == .accept, "refused: \(result.detail ?? "")", sourceLocation: sourceLocation)
        return try #require(result.message, sourceLocation: sourceLocation)
    }

    /// A message written by hand, LF line ends turned into CRLF.
    static func message(_ text: String) throws -> SIPMessage {
        try parse(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    /// serialize → parse: what the other end reads of a message.
    static func roundTrip(_ message: SIPMessage) throws -> SIPMessage { try parse(message.serialized()) }

    /// One message of the RFC flows under Tests/Fixtures/flows.
    static func fixture(_ path: String) throws -> SIPMessage { try parse(try FixtureFiles.bytes("flows/" + path)) }
}

enum Party {
    static let aliceContact = try! SIPURI(parsing: "sip:alice@client.atlanta.example.com;transport=tcp")
    static let bobContact = try! SIPURI(parsing: "sip:bob@client.biloxi.example.com;transport=tcp")
    static let alice = try! NameAddr(parsing: "Alice <sip:alice@atlanta.example.com>")
    static let bob = try! NameAddr(parsing: "Bob <sip:bob@biloxi.example.com>")
    static let carol = try! SIPURI(parsing: "sip:carol@chicago.example.com")
    /// The To tag the far end puts on its responses in caller tests.
    static let bobTag = "8321234356"
    static let password = "zanzibar"

    static func aliceConfiguration(outboundProxy: SIPURI? = nil) -> SessionConfiguration {
        SessionConfiguration(localAddress: alice, contact: aliceContact, outboundProxy: outboundProxy,
                             userAgent: "Switchboard/test")
    }

    static func bobConfiguration() -> SessionConfiguration {
        SessionConfiguration(localAddress: bob, contact: bobContact, userAgent: "Switchboard/test")
    }

    static func authenticator(username: String, seed: UInt64) -> DigestAuthenticator {
        DigestAuthenticator(credentials: DigestCredentialStore([DigestCredentials(username: username, password: password)]),
                            randomSource: SplitMix64(seed: seed &+ 1000))
    }
}

/// Opaque session descriptions: the machines never look inside.
extension MessageBody {
    static let aliceOffer = sdp("alice", port: 49172, direction: "sendrecv")
    static let bobAnswer = sdp("bob", port: 3456, direction: "sendrecv")
    static let holdOffer = sdp("alice", port: 49172, direction: "sendonly")
    static let resumeOffer = sdp("alice", port: 49172, direction: "sendrecv")
    static let heldAnswer = sdp("bob", port: 3456, direction: "recvonly")
    static let dtmf = MessageBody(type: MessageBody.dtmfRelay, text: "Signal=5\r\nDuration=160\r\n")

    static func sdp(_ user: String, port: Int, direction: String) -> MessageBody {
        MessageBody(type: .sdp, text: """
            v=0\r
            o=\(user) 2890844526 2890844526 IN IP4 192.0.2.1\r
            s=-\r
            c=IN IP4 192.0.2.1\r
            t=0 0\r
            m=audio \(port) RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            a=\(direction)\r

            """)
    }
}

/// Responses a far end writes to the requests the session under test sent.
enum Peer {
    /// A response to `request` with the peer's To tag (none for 100) and,
    /// for INVITE responses that make a dialog, its Contact.
    static func response(to request: SIPMessage, _ statusCode: Int, tag: String? = Party.bobTag,
                         contact: SIPURI? = Party.bobContact, body: MessageBody? = nil,
                         recordRoutes: [NameAddr] = []) -> SIPMessage {
        var response = SIPReplyBuilder.reply(to: request, statusCode: statusCode, toTag: tag)
        if statusCode == 100 || tag == nil { response.to?.tag = request.to?.tag }
        if request.method == .invite, statusCode > 100, statusCode < 300, let contact {
            response.contacts = [.address(NameAddr(uri: contact))]
        }
        response.recordRoutes = recordRoutes
        response.setBody(body)
        return response
    }

    /// The far end's dialog with us once it answered our INVITE: it sends
    /// its requests from it.
    static func calleeDialog(for invite: SIPMessage, tag: String = Party.bobTag) throws -> Dialog {
        try #require(Dialog.asCallee(request: invite, localTag: tag, localContact: Party.bobContact, overTLS: false))
    }
}

extension SIPMessage {
    /// Replaces the Call-ID and the tags of a message from the RFC flows
    /// with those of the session under test, so that its responses and
    /// requests land in our dialog; everything else stays as the RFC wrote it.
    func retagged(callID: String, fromTag: String? = nil, toTag: String? = nil) -> SIPMessage {
        var copy = self
        copy.callID = callID
        if let fromTag { copy.from?.tag = fromTag }
        if let toTag { copy.to?.tag = toTag }
        return copy
    }
}
