import SIPCore

/// The ACK an INVITE client transaction sends for a non-2xx final response.
/// That ACK belongs to the transaction and goes hop by hop to the same next
/// hop as the INVITE (§17.1.1.3); the ACK for a 2xx is the TU's, with its own
/// branch (§13.2.2.4), and is not built here.
enum ACKBuilder {
    static func ack(for invite: SIPMessage, acknowledging response: SIPMessage) -> SIPMessage {
        // "The Request-URI of the ACK MUST be equal to the Request-URI of the original request"
        var ack = SIPMessage.request(.ack, invite.requestURI ?? SIPURI(host: "invalid"))
        // "The ACK MUST contain a single Via header field, and this MUST be
        // equal to the top Via header field of the original request"; the
        // same branch is what lets the server transaction match it (§17.2.3)
        ack.vias = invite.topVia.map { [$0] } ?? []
        // "Call-ID, From, and Request-URI ... MUST be equal", "the To header
        // field in the ACK MUST equal the To header field in the response"
        ack.from = invite.from
        ack.to = response.to
        ack.callID = invite.callID
        // "same value for the sequence number ... method parameter MUST be equal to ACK"
        ack.cseq = invite.cseq.map { CSeq($0.number, .ack) }
        // "If the INVITE request ... had Route header fields, those header
        // fields MUST appear in the ACK" so it follows the INVITE's path
        ack.routes = invite.routes
        // every request carries Max-Forwards (§8.1.1.6); the ACK travels
        // the INVITE's path, so it gets the INVITE's budget
        ack.headers.add("Max-Forwards", invite.headers["Max-Forwards"] ?? "70")
        return ack
    }
}
