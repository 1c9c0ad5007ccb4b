import SIPCore

/// Requests and responses shaped like RFC 3665's Alice-calls-Bob flow, built
/// field by field so tests do not lean on the code under test.
enum TestMessages {
    static let callID = "3848276298220188511@atlanta.example.com"
    static let branch = "z9hG4bK74bf9"
    static let aliceHost = "pc33.atlanta.example.com"
    static let bobTag = "a6c85cf"

    static func request(_ method: SIPMethod, branch: String? = branch, transport: String = "UDP",
                        host: String = aliceHost, port: Int? = 5060, cseq: UInt32 = 314159,
                        toTag: String? = nil, callID: String = callID) -> SIPMessage {
        var message = SIPMessage.request(method, SIPURI(user: "bob", host: "biloxi.example.com"))
        message.vias = [Via(transport: transport, host: host, port: port, branch: branch)]
        message.from = NameAddr(displayName: "Alice", uri: SIPURI(user: "alice", host: "atlanta.example.com"),
                                parameters: [SIPParameter("tag", "9fxced76sl")])
        var to = NameAddr(displayName: "Bob", uri: SIPURI(user: "bob", host: "biloxi.example.com"))
        to.tag = toTag
        message.to = to
        message.callID = callID
        message.cseq = CSeq(cseq, method)
        message.headers.add("Max-Forwards", "70")
        message.contacts = [.address(NameAddr(uri: SIPURI(user: "alice", host: aliceHost)))]
        return message
    }

    static func invite(branch: String? = branch, transport: String = "UDP", host: String = aliceHost,
                       cseq: UInt32 = 314159, toTag: String? = nil, callID: String = callID) -> SIPMessage {
        var invite = request(.invite, branch: branch, transport: transport, host: host, cseq: cseq,
                             toTag: toTag, callID: callID)
        invite.contentType = MediaType("application", "sdp")
        invite.body = Array("v=0\r\n".utf8)
        return invite
    }

    /// The response a UAS would send: Via, From, To, Call-ID and CSeq copied,
    /// Bob's tag added to the To of final and ringing responses.
    static func response(_ code: Int, to request: SIPMessage, toTag: String = bobTag) -> SIPMessage {
        var response = SIPMessage.response(code)
        response.vias = request.vias
        response.from = request.from
        response.to = request.to
        if code > 100, response.to?.tag == nil { response.to?.tag = toTag }
        response.callID = request.callID
        response.cseq = request.cseq
        return response
    }

    /// The ACK a peer's INVITE client transaction sends for a non-2xx: same
    /// branch as the INVITE (§17.1.1.3).
    static func ack(for invite: SIPMessage, response: SIPMessage) -> SIPMessage {
        var ack = SIPMessage.request(.ack, invite.requestURI!)
        ack.vias = [invite.vias[0]]
        ack.from = invite.from
        ack.to = response.to
        ack.callID = invite.callID
        ack.cseq = CSeq(invite.cseq!.number, .ack)
        ack.headers.add("Max-Forwards", "70")
        return ack
    }

    /// The ACK a TU sends for a 2xx: a new transaction, so a new branch (§13.2.2.4).
    static func ackForSuccess(of invite: SIPMessage, response: SIPMessage,
                              branch: String = "z9hG4bKnashds8") -> SIPMessage {
        var ack = ack(for: invite, response: response)
        ack.vias[0].branch = branch
        return ack
    }

    /// A CANCEL built as §9.1 says: the INVITE's Request-URI, Call-ID, To,
    /// From, CSeq number and top Via (so the same branch).
    static func cancel(for invite: SIPMessage) -> SIPMessage {
        var cancel = SIPMessage.request(.cancel, invite.requestURI!)
        cancel.vias = [invite.vias[0]]
        cancel.from = invite.from
        cancel.to = invite.to
        cancel.callID = invite.callID
        cancel.cseq = CSeq(invite.cseq!.number, .cancel)
        cancel.headers.add("Max-Forwards", "70")
        return cancel
    }
}

/// Durations from seconds, for expected schedules: `seconds(0, 0.5, 1.5)`.
func seconds(_ values: Double...) -> [Duration] { values.map { Duration.seconds($0) } }
