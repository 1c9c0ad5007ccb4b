import SIPCore

/// A message that arrived, with everything the layers above need to answer
/// it and to learn from it.
public struct SIPInboundMessage: Sendable {
    /// The parser's result: message (if readable), verdict, detail, reply.
    public var result: SIPParseResult
    /// Transport, source and local address, and connection it came in on.
    public var flow: SIPFlow
    /// For responses: the UA's public address as the server saw it, from
    /// `received`/`rport` in the top Via (RFC 3581 §4).
    public var observedAddress: SIPObservedAddress?
    /// The transport already sent `result.reply` (a request the parser
    /// rejected, RFC 3261 §8.2); the UA must not answer it again.
    public var answeredByTransport: Bool

    public init(result: SIPParseResult, flow: SIPFlow, observedAddress: SIPObservedAddress? = nil,
                answeredByTransport: Bool = false) {
        self.result = result
        self.flow = flow
        self.observedAddress = observedAddress
        self.answeredByTransport = answeredByTransport
    }

    public var message: SIPMessage? { result.message }
}

/// What the transport does with one received message: parse it, decide
/// whether it answers it itself, and what to deliver. Shared by the UDP
/// and the stream handlers; pure.
enum SIPInboundProcessing {
    struct Outcome {
        /// Nil for keepalive-only datagrams, which are not messages.
        var inbound: SIPInboundMessage?
        /// The parser's reply to a rejected request, its top Via marked
        /// with `received`/`rport` (RFC 3581 §4).
        var reply: SIPMessage?
        /// Where a UDP reply goes (RFC 3261 §18.2.2, RFC 3581 §4).
        var replyDestination: SIPSocketAddress?
    }

    static func process(_ octets: [UInt8], flow: SIPFlow) -> Outcome {
        var result = flow.transport.isStream
            ? SIPParser.parse(framed: octets) : SIPParser.parse(datagram: octets)
        if result.message == nil, result.verdict == .drop(reason: "keepalive") {
            return Outcome(inbound: nil, reply: nil, replyDestination: nil)
        }
        // the server transport marks where a request really came from
        // (RFC 3261 §18.2.1, RFC 3581 §4), so responses the UA builds by
        // copying the Via headers carry received/rport and route back
        if var request = result.message, request.isRequest, !request.vias.isEmpty {
            SIPResponseRouting.markReceived(&request.vias[0], source: flow.remote)
            result.message = request
        }
        var reply: SIPMessage?
        var replyDestination: SIPSocketAddress?
        if var answer = result.reply, let requestVia = answer.vias.first {
            SIPResponseRouting.markReceived(&answer.vias[0], source: flow.remote)
            reply = answer
            replyDestination = flow.transport.isStream
                ? flow.remote : SIPResponseRouting.datagramDestination(topVia: requestVia, source: flow.remote)
        }
        let message = result.message
        let observed = message?.isRequest == false ? message?.topVia?.observedAddress : nil
        let inbound = SIPInboundMessage(result: result, flow: flow, observedAddress: observed,
                                        answeredByTransport: reply != nil)
        return Outcome(inbound: inbound, reply: reply, replyDestination: replyDestination)
    }
}
