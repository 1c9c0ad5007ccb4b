import Logging
import SIPCore
import Synchronization
@testable import SIPTransport

/// A transport sink whose streams and trace records a test reads back after
/// driving an EmbeddedChannel (everything there happens synchronously).
struct SinkProbe {
    let sink: SIPTransportSink
    let inbound: AsyncStream<SIPInboundMessage>
    let events: AsyncStream<SIPConnectionEvent>
    let traces = TraceLog()

    init() {
        let (inbound, inboundContinuation) = AsyncStream.makeStream(of: SIPInboundMessage.self)
        let (events, eventsContinuation) = AsyncStream.makeStream(of: SIPConnectionEvent.self)
        self.inbound = inbound
        self.events = events
        let traces = traces
        sink = SIPTransportSink(inbound: inboundContinuation, events: eventsContinuation,
                                traceHook: { traces.append($0) }, logger: Logger(label: "test"))
    }

    /// Ends both streams and returns what was delivered and reported.
    func drain() async -> (messages: [SIPInboundMessage], events: [SIPConnectionEvent]) {
        sink.finish()
        var messages: [SIPInboundMessage] = []
        for await message in inbound { messages.append(message) }
        var reported: [SIPConnectionEvent] = []
        for await event in events { reported.append(event) }
        return (messages, reported)
    }
}

/// Trace records collected from any thread.
final class TraceLog: Sendable {
    private let records = Mutex<[SIPTraceRecord]>([])

    func append(_ record: SIPTraceRecord) { records.withLock { $0.append(record) } }
    var all: [SIPTraceRecord] { records.withLock { $0 } }
}

enum TestMessages {
    /// An OPTIONS request as a UA would write it, for `transport` to `host`.
    static func options(_ transport: String = "UDP", callID: String = "options-1", cseq: Int = 1,
                        extraHeaders: String = "", body: String = "") -> [UInt8] {
        Array(("OPTIONS sip:bob@example.test SIP/2.0\r\n"
            + "Via: SIP/2.0/\(transport) 192.0.2.10:5060;branch=z9hG4bK-\(callID)-\(cseq);rport\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:alice@example.test>;tag=a1\r\nTo: <sip:bob@example.test>\r\n"
            + "Call-ID: \(callID)\r\nCSeq: \(cseq) OPTIONS\r\n" + extraHeaders
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
    }

    /// A request the parser rejects with 400 (Content-Length beyond the body)
    /// but can still answer: Via, From, To, Call-ID and CSeq are readable.
    static func badLength(via: String = "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-bad;rport") -> [UInt8] {
        Array(("OPTIONS sip:bob@example.test SIP/2.0\r\nVia: \(via)\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:alice@example.test>;tag=a1\r\nTo: <sip:bob@example.test>\r\n"
            + "Call-ID: bad-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 50\r\n\r\nshort").utf8)
    }
}

extension TestMessages {
    /// An OPTIONS request as a SIPMessage, with a placeholder Via the
    /// transport fills in.
    static func optionsMessage(to port: Int, callID: String = "c-\(SIPIdentifier.hex(bytes: 4))", cseq: UInt32 = 1,
                               body: [UInt8] = []) -> SIPMessage {
        var request = SIPMessage.request(.options, SIPURI(user: "bob", host: "127.0.0.1", port: port))
        request.vias = [Via(transport: "UDP", host: "placeholder.invalid", branch: SIPIdentifier.branch())]
        request.from = NameAddr(uri: SIPURI(user: "alice", host: "example.test"), parameters: [SIPParameter("tag", "a1")])
        request.to = NameAddr(uri: SIPURI(user: "bob", host: "example.test"))
        request.callID = callID
        request.cseq = CSeq(cseq, .options)
        request.headers.add("Max-Forwards", "70")
        if !body.isEmpty {
            request.contentType = .textPlain
            request.body = body
        }
        return request
    }
}
