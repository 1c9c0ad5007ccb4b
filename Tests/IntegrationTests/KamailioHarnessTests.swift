import Foundation
import Glibc
import SIPCore
import SwitchboardTestKit
import Testing

/// The Kamailio harness against a real Kamailio: it starts, answers on every
/// transport it reports, and leaves nothing behind when stopped. Each test
/// starts its own server on its own ports, so they run in parallel.
@Suite("Kamailio harness")
struct KamailioHarnessTests {
    @Test("OPTIONS over UDP gets 200")
    func optionsOverUDP() async throws {
        try await withKamailio { server in
            let socket = try LoopbackSocket(.udp, to: server.udpPort)
            let request = try options(to: server.udpPort, via: "UDP", from: socket.localPort)
            try socket.send(String(decoding: request.serialized(), as: UTF8.self))
            let reply = try socket.receiveMessage(timeout: .seconds(5))
            try expectOK(reply, answering: request)
        }
    }

    @Test("OPTIONS over TCP gets 200")
    func optionsOverTCP() async throws {
        try await withKamailio { server in
            #expect(server.tcpPort == server.udpPort)
            let socket = try LoopbackSocket(.tcp, to: server.tcpPort)
            let request = try options(to: server.tcpPort, via: "TCP", from: socket.localPort)
            try socket.send(String(decoding: request.serialized(), as: UTF8.self))
            let reply = try socket.receiveMessage(timeout: .seconds(5))
            try expectOK(reply, answering: request)
        }
    }

    @Test("OPTIONS over TLS gets 200 with a certificate our CA verifies")
    func optionsOverTLS() async throws {
        try await withKamailio { server in
            let tlsPort = try #require(server.tlsPort, "the kamailio tls module is not installed")
            let caFile = try #require(server.caFile)
            // openssl s_client as the TLS client: it fails the handshake
            // unless the certificate chains to caFile and names the domain.
            let script = """
                coproc tls { openssl s_client -quiet -connect "127.0.0.1:$1" -CAfile "$2" \
                  -verify_hostname "$3" -verify_return_error 2>&1; }
                cat >&"${tls[1]}"
                while IFS= read -r -t 10 line <&"${tls[0]}"; do
                  printf '%s\\n' "$line"
                  case "$line" in SIP/2.0*) break ;; esac
                done
                kill "$tls_PID" 2>/dev/null
                """
            let output = try ExternalProcess.run(
                "bash", ["-c", script, "tls-options", String(tlsPort), caFile.path, server.domain],
                timeout: .seconds(20),
                input: String(decoding: try options(to: tlsPort, via: "TLS", from: 5061).serialized(), as: UTF8.self))
            let status = output.stdout.split(separator: "\n").first { $0.hasPrefix("SIP/2.0") }
            try #require(status?.hasPrefix("SIP/2.0 200") == true, "openssl said: \(output.stdout)")
        }
    }

    @Test("the project's sipp OPTIONS scenario passes over UDP and TCP")
    func sippOptionsScenario() async throws {
        try await withKamailio { server in
            for transport in [SippTransport.udp, .tcp] {
                let result = try await runSipp("options", port: server.udpPort, transport: transport,
                                               timeout: .seconds(10))
                try #require(result.succeeded, "sipp \(transport): \(result.stdout.suffix(1500)) \(result.stderr)")
            }
        }
    }

    @Test("stop() leaves no process behind and frees the ports")
    func stopLeavesNothing() async throws {
        let server = try KamailioServer.start()
        var stopped = false
        defer {
            if !stopped { try? server.stop() }
        }
        #expect(kill(server.pid, 0) == 0, "kamailio should run before stop()")
        #expect(!LoopbackSocket.isFree(server.udpPort))

        try server.stop()
        stopped = true

        errno = 0
        let killResult = kill(server.pid, 0)
        #expect(killResult == -1 && errno == ESRCH, "pid \(server.pid) still exists after stop()")
        #expect(LoopbackSocket.isFree(server.udpPort), "udp/tcp port \(server.udpPort) still bound")
        if let tlsPort = server.tlsPort {
            #expect(LoopbackSocket.isFree(tlsPort), "tls port \(tlsPort) still bound")
        }
        // a second stop is harmless
        try server.stop()
        server.removeStateDirectory()
    }

    /// (Prints "test failed with kamailio ... DeliberateFailure" and a log
    /// tail to stderr: that is the behaviour under test.)
    @Test("withKamailio stops the server when the body throws, and keeps its log")
    func throwingBodyStillStops() async throws {
        struct DeliberateFailure: Error {}
        var seen: KamailioServer?
        await #expect(throws: DeliberateFailure.self) {
            try await withKamailio { server in
                seen = server
                throw DeliberateFailure()
            }
        }
        let server = try #require(seen)
        errno = 0
        let killResult = kill(server.pid, 0)
        #expect(killResult == -1 && errno == ESRCH, "pid \(server.pid) still runs")
        #expect(LoopbackSocket.isFree(server.udpPort))
        #expect(FileManager.default.fileExists(atPath: server.logPath.path), "the log of a failed run is kept")
        server.removeStateDirectory()
    }
}

/// An OPTIONS to the server itself, which it answers before authentication,
/// built with SIPCore as the user agent will build it.
private func options(to port: UInt16, via transport: String, from localPort: UInt16) throws -> SIPMessage {
    var request = SIPMessage.request(.options, try SIPURI(parsing: "sip:127.0.0.1:\(port)"))
    request.vias = [Via(transport: transport, host: "127.0.0.1", port: Int(localPort), branch: SIPIdentifier.branch(),
                        parameters: [SIPParameter("rport")])]
    request.from = NameAddr(uri: try SIPURI(parsing: "sip:harness@example.test"), parameters: [SIPParameter("tag", SIPIdentifier.tag())])
    request.to = NameAddr(uri: try SIPURI(parsing: "sip:127.0.0.1:\(port)"))
    request.callID = SIPIdentifier.callID(host: "127.0.0.1")
    request.cseq = CSeq(1, .options)
    request.headers.add("Max-Forwards", "70")
    request.headers.add("Accept", "application/sdp")
    return request
}

/// The reply parses, is valid, is a 200 and answers this request (same
/// branch, Call-ID and CSeq), with rport filled in by the server (RFC 3581).
private func expectOK(_ text: String, answering request: SIPMessage) throws {
    let result = SIPParser.parse(datagram: Array(text.utf8))
    let reply = try #require(result.message, "unparseable reply: \(text)")
    #expect(result.verdict == .accept, "\(result.detail ?? "")")
    try #require(reply.statusCode == 200, "reply: \(text)")
    #expect(reply.topVia?.branch == request.topVia?.branch)
    #expect(reply.callID == request.callID)
    #expect(reply.cseq == request.cseq)
    #expect(reply.topVia?.rport == .some(request.topVia?.port))
}
