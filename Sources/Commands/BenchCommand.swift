import ArgumentParser
import Foundation
import SIPCore

/// `switchboard bench …`: measurements reported in notes, never asserted in tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Switchboard's speed on this machine (build with -c release).",
        subcommands: [BenchSIPParseCommand.self, BenchRegisterCommand.self, BenchCallCommand.self, BenchPresenceCommand.self])
}

struct BenchSIPParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sip-parse",
        abstract: "Messages per second parsed and validated, next to a raw libosip2 C loop.",
        discussion: """
        Uses the given message files, or a built-in set of typical messages
        (INVITE with SDP, REGISTER with Authorization, 200 OK, NOTIFY with
        PIDF). Both loops parse the same octets in the same run.
        """)

    @Option(help: "Seconds to spend on each of the two loops.")
    var seconds: Double = 2

    @Flag(help: "Print the figures as JSON.")
    var json = false

    @Argument(help: "Message files (default: built-in samples).")
    var files: [String] = []

    func run() throws {
        let context = CommandContext.current
        var messages: [[UInt8]] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(.usageOrIO, "cannot read \(file)")
            }
            messages.append(Array(data))
        }
        if messages.isEmpty { messages = SampleMessages.all }
        guard seconds > 0, seconds <= 600 else { throw CommandFailure(.usageOrIO, "--seconds must be in 0...600") }

        var accepted = 0
        let ours = measure(seconds) { rounds in
            for _ in 0..<rounds {
                for message in messages where SIPParser.parse(datagram: message).verdict == .accept { accepted += 1 }
            }
        }
        let osip = measure(seconds) { rounds in _ = OsipBaseline.parseLoop(messages, rounds: rounds) }
        let oursRate = Double(ours.rounds * messages.count) / ours.seconds
        let osipRate = Double(osip.rounds * messages.count) / osip.seconds
        if json {
            context.line("{\"messages\":\(messages.count),\"switchboard_per_second\":\(Int(oursRate)),"
                         + "\"osip_per_second\":\(Int(osipRate)),\"ratio\":\(String(format: "%.3f", oursRate / osipRate))}")
        } else {
            context.line("messages in the set:          \(messages.count) (\(accepted > 0 ? "valid" : "none valid"))")
            context.line("switchboard parse+validate:   \(Int(oursRate)) messages/s")
            context.line("libosip2 parse only (C loop): \(Int(osipRate)) messages/s")
            context.line("switchboard / osip:           \(String(format: "%.2f", oursRate / osipRate))")
        }
    }

    /// Doubles the number of rounds until one batch takes the requested time.
    private func measure(_ seconds: Double, _ body: (Int) -> Void) -> (rounds: Int, seconds: Double) {
        var rounds = 1
        while true {
            let start = ContinuousClock.now
            body(rounds)
            let elapsed = ContinuousClock.now - start
            let taken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if taken >= seconds || rounds >= 1 << 30 { return (rounds, taken) }
            rounds *= taken < seconds / 8 ? 4 : 2
        }
    }
}

/// Typical messages of a softphone's day, for benchmarks.
enum SampleMessages {
    static let invite = """
    INVITE sip:bob@example.test SIP/2.0\r
    Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-74bf9;rport\r
    Max-Forwards: 70\r
    From: "Alice" <sip:alice@example.test>;tag=9fxced76sl\r
    To: "Bob" <sip:bob@example.test>\r
    Call-ID: 3848276298220188511@192.0.2.10\r
    CSeq: 1 INVITE\r
    Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r
    Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, MESSAGE, INFO\r
    User-Agent: Switchboard\r
    Content-Type: application/sdp\r
    Content-Length: @LEN@\r
    \r
    v=0\r
    o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r
    s=-\r
    c=IN IP4 192.0.2.10\r
    t=0 0\r
    m=audio 49170 RTP/AVP 0 8 101\r
    a=rtpmap:101 telephone-event/8000\r
    a=sendrecv\r

    """
    static let register = """
    REGISTER sip:example.test SIP/2.0\r
    Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-reg2;rport\r
    Max-Forwards: 70\r
    From: <sip:alice@example.test>;tag=a73kszlfl\r
    To: <sip:alice@example.test>\r
    Call-ID: 1j9FpLxk3uxtm8tn@192.0.2.10\r
    CSeq: 2 REGISTER\r
    Contact: <sip:alice@192.0.2.10:5060>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>";reg-id=1\r
    Authorization: Digest username="alice", realm="example.test", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", uri="sip:example.test", response="dfe56131d1958046689d83306477ecc", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001\r
    Expires: 600\r
    Content-Length: 0\r
    \r

    """
    static let ok = """
    SIP/2.0 200 OK\r
    Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-reg2;rport=5060;received=192.0.2.10\r
    From: <sip:alice@example.test>;tag=a73kszlfl\r
    To: <sip:alice@example.test>;tag=37GkEhwl6\r
    Call-ID: 1j9FpLxk3uxtm8tn@192.0.2.10\r
    CSeq: 2 REGISTER\r
    Contact: <sip:alice@192.0.2.10:5060>;expires=600\r
    Server: kamailio\r
    Content-Length: 0\r
    \r

    """
    static let notify = """
    NOTIFY sip:alice@192.0.2.10:5060 SIP/2.0\r
    Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-n1\r
    Max-Forwards: 70\r
    From: <sip:bob@example.test>;tag=ffd2\r
    To: <sip:alice@example.test>;tag=xfg9\r
    Call-ID: 2010@192.0.2.10\r
    CSeq: 2 NOTIFY\r
    Contact: <sip:192.0.2.1:5060>\r
    Event: presence\r
    Subscription-State: active;expires=599\r
    Content-Type: application/pidf+xml\r
    Content-Length: @LEN@\r
    \r
    <?xml version="1.0" encoding="UTF-8"?>\r
    <presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:bob@example.test">\r
    <tuple id="t1"><status><basic>open</basic></status><contact>sip:bob@192.0.2.20</contact></tuple>\r
    <note>Back at two</note>\r
    </presence>\r

    """
    static var all: [[UInt8]] { [invite, register, ok, notify].map(withContentLength) }

    /// Fills in `@LEN@` with the octet count of the body after the empty line.
    static func withContentLength(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard let range = text.range(of: "\r\n\r\n") else { return bytes }
        let bodyLength = text[range.upperBound...].utf8.count
        return Array(text.replacingOccurrences(of: "@LEN@", with: String(bodyLength)).utf8)
    }
}
