import Config
import Foundation
import PhoneCore
import SwitchboardTestKit
import Testing

/// Hand-written requests from a raw socket into a PhoneCore: the call layer
/// answers what RFC 3261 says, bad bodies included, and keeps its state.
@Suite("Incoming requests on the call layer")
struct IncomingCallTests {
    /// A phone whose registrar is a raw socket (never answering): the
    /// REGISTER tells the phone's own port.
    struct Rig {
        let core: PhoneCore
        let registrar: LoopbackSocket
        let peer: LoopbackSocket
        let phonePort: UInt16

        static func start() async throws -> Rig {
            let registrar = try LoopbackSocket(.udp, to: 9)
            let account = try resolveAccount(
                config: nil, name: nil,
                overrides: AccountOverrides(aor: "sip:alice@example.test", proxy: "sip:127.0.0.1:\(registrar.localPort)",
                                            transport: "udp"),
                environment: ["SWITCHBOARD_PASSWORD": "pw"])
            var options = PhoneOptions()
            if ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_TRACE"] == "1" {
                options.traceHook = { record in
                    FileHandle.standardError.write(Data("--- \(record.direction) \(record.remote)\n".utf8) + Data(record.octets))
                }
            }
            let core = PhoneCore(options: options)
            let id = try await core.addAccount(account)
            await core.setCallPolicy(CallPolicy(audio: CallAudio(source: "null", sink: "null")))
            try await core.register(id)
            var register = ""
            let deadline = ContinuousClock.now + .seconds(10)
            while register.isEmpty, ContinuousClock.now < deadline {
                if let message = try? registrar.receiveMessage(timeout: .milliseconds(10)) { register = message }
                else { try await Task.sleep(for: .milliseconds(10)) }
            }
            let port = try #require(register.firstMatch(of: /Contact: <sip:alice@127\.0\.0\.1:(\d+)/).flatMap { UInt16($0.1) })
            return Rig(core: core, registrar: registrar, peer: try LoopbackSocket(.udp, to: port), phonePort: port)
        }

        func request(_ method: String, callID: String, cseq: Int = 1, branch: String, toTag: String? = nil,
                     body: String = "", contentType: String? = "application/sdp") -> String {
            var lines = [
                "\(method) sip:alice@127.0.0.1:\(phonePort) SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:\(peer.localPort);branch=z9hG4bK\(branch)",
                "Max-Forwards: 70",
                "From: <sip:bob@example.test>;tag=bobtag",
                "To: <sip:alice@example.test>" + (toTag.map { ";tag=\($0)" } ?? ""),
                "Call-ID: \(callID)",
                "CSeq: \(cseq) \(method == "ACK" || method == "CANCEL" ? "INVITE" : method)",
                "Contact: <sip:bob@127.0.0.1:\(peer.localPort)>",
            ]
            if method == "ACK" || method == "CANCEL" { lines[6] = "CSeq: \(cseq) \(method)" }
            if !body.isEmpty, let contentType { lines.append("Content-Type: \(contentType)") }
            lines.append("Content-Length: \(body.utf8.count)")
            return lines.joined(separator: "\r\n") + "\r\n\r\n" + body
        }

        /// The next response whose status line contains `status`, skipping
        /// others. Reads in short slices and sleeps between them: a blocking
        /// read would hold a thread of the small test pool the phone needs.
        func response(_ status: String, timeout: Duration = .seconds(10)) async throws -> String {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if let message = try? peer.receiveMessage(timeout: .milliseconds(10)) {
                    if message.hasPrefix("SIP/2.0 \(status)") { return message }
                    continue
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw HarnessError("no \(status) within \(timeout)")
        }
    }

    static let offer = """
        v=0\r
        o=bob 1 1 IN IP4 127.0.0.1\r
        s=-\r
        c=IN IP4 127.0.0.1\r
        t=0 0\r
        m=audio 40000 RTP/AVP 0 101\r
        a=rtpmap:0 PCMU/8000\r
        a=rtpmap:101 telephone-event/8000\r

        """

    @Test("OPTIONS: 200 with INVITE allowed; a BYE for no dialog: 481")
    func optionsAndUnknownDialog() async throws {
        let rig = try await Rig.start()
        let core = rig.core
        defer { Task { await core.shutdown(grace: .zero) } }
        try rig.peer.send(rig.request("OPTIONS", callID: "o1", branch: "o1", body: ""))
        let options = try await rig.response("200")
        #expect(options.contains("INVITE") && options.contains("BYE"), "\(options)")
        try rig.peer.send(rig.request("BYE", callID: "nope", cseq: 2, branch: "b1", toTag: "unknown"))
        _ = try await rig.response("481")
    }

    @Test("an INVITE rings (100, 180); CANCEL gets 200 and the INVITE 487; the call ends cancelled")
    func cancelledIncoming() async throws {
        let rig = try await Rig.start()
        let core = rig.core
        defer { Task { await core.shutdown(grace: .zero) } }
        try rig.peer.send(rig.request("INVITE", callID: "c1", branch: "i1", body: Self.offer))
        _ = try await rig.response("180")
        let ringing = try #require(await rig.core.waitForIncomingCall(timeout: .seconds(5)))
        #expect(ringing.peer == "sip:bob@example.test" && ringing.direction == .incoming)
        try rig.peer.send(rig.request("CANCEL", callID: "c1", branch: "i1"))
        _ = try await rig.response("200")
        let terminated = try await rig.response("487")
        #expect(terminated.contains("CSeq: 1 INVITE"))
        let ended = await rig.core.waitForCall(ringing.id, timeout: .seconds(5)) { $0.isEnded }
        #expect(ended?.endReason == "cancelled")
        #expect(await rig.core.liveCalls.isEmpty)
    }

    @Test("an INVITE whose SDP is garbage: answering it sends 488 and reports the failure; the phone goes on")
    func garbageOffer() async throws {
        let rig = try await Rig.start()
        let core = rig.core
        defer { Task { await core.shutdown(grace: .zero) } }
        try rig.peer.send(rig.request("INVITE", callID: "g1", branch: "g1", body: "v=banana\r\nm=nothing\r\n"))
        _ = try await rig.response("180")
        let ringing = try #require(await rig.core.waitForIncomingCall(timeout: .seconds(5)))
        await #expect(throws: PhoneError.self) { try await rig.core.answer(ringing.id) }
        _ = try await rig.response("488")
        let ended = await rig.core.waitForCall(ringing.id, timeout: .seconds(5)) { $0.isEnded }
        #expect(ended?.statusCode == 488)

        // and a good call right after is answered
        try rig.peer.send(rig.request("INVITE", callID: "g2", branch: "g2", body: Self.offer))
        _ = try await rig.response("180")
        let next = try #require(await rig.core.waitForIncomingCall(timeout: .seconds(5)))
        let answered = try await rig.core.answer(next.id)
        #expect(answered.id != ringing.id)
        let ok = try await rig.response("200")
        #expect(ok.contains("m=audio") && ok.contains("PCMU"), "\(ok)")
    }
}
