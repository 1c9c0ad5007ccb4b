import Foundation
import SIPAuth
import SIPCore
import SwitchboardTestKit

/// Runs the switchboard executable with a private HOME and XDG directories
/// (no user config leaks in) and returns what it printed.
func runSwitchboard(_ arguments: [String], home: URL) async throws -> ProcessOutput {
    let binary = BuiltProducts.executable("switchboard").path
    let environment = ["HOME": home.path, "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
                       "XDG_CONFIG_HOME": home.path + "/config", "XDG_DATA_HOME": home.path + "/data",
                       "XDG_STATE_HOME": home.path + "/state", "XDG_RUNTIME_DIR": home.path + "/run"]
    return try ExternalProcess.run(binary, arguments, timeout: .seconds(60), environment: environment)
}

/// A SUBSCRIBE for presence written by hand over UDP (independent of the
/// project's user agent): it answers the 407 with SIPAuth, then reports the
/// final response and the Subscription-State of the first NOTIFY, which it
/// answers with 200. What the presence server decided is in those two.
enum RawSubscriber {
    struct Outcome: CustomStringConvertible {
        var finalStatus: Int
        var subscriptionState: String?
        var description: String { "final \(finalStatus), Subscription-State \(subscriptionState ?? "none")" }
    }

    static func subscribe(_ server: KamailioServer, as user: String, to target: String,
                          timeout: Duration = .seconds(5)) async throws -> Outcome {
        guard let password = server.account(user)?.password else { throw HarnessError("no account \(user)") }
        return try await Task.detached {
            try run(server, user: user, password: password, target: target, timeout: timeout)
        }.value
    }

    private static func run(_ server: KamailioServer, user: String, password: String, target: String,
                            timeout: Duration) throws -> Outcome {
        let socket = try LoopbackSocket(.udp, to: server.udpPort)
        let domain = server.domain
        let requestURI = "sip:\(target)@\(domain)"
        let callID = "\(UUID().uuidString)@127.0.0.1", tag = String(UInt32.random(in: 1...UInt32.max))
        func subscribe(cseq: Int, authorization: String?) -> String {
            var lines = [
                "SUBSCRIBE \(requestURI) SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:\(socket.localPort);branch=z9hG4bK\(UInt64.random(in: 1...UInt64.max));rport",
                "Max-Forwards: 70",
                "From: <sip:\(user)@\(domain)>;tag=\(tag)",
                "To: <\(requestURI)>",
                "Call-ID: \(callID)",
                "CSeq: \(cseq) SUBSCRIBE",
                "Contact: <sip:\(user)@127.0.0.1:\(socket.localPort)>",
                "Event: presence",
                "Accept: application/pidf+xml",
                "Expires: 60",
            ]
            if let authorization { lines.append(authorization) }
            return (lines + ["Content-Length: 0", "", ""]).joined(separator: "\r\n")
        }
        try socket.send(subscribe(cseq: 1, authorization: nil))
        var finalStatus: Int?, state: String?, answered = false
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline && (finalStatus == nil || (state == nil && (finalStatus ?? 0) < 300)) {
            // Nothing more within the time: report what came (the test judges it).
            guard let text = try? socket.receiveMessage(timeout: deadline - ContinuousClock.now) else { break }
            guard let message = SIPParser.parse(datagram: Array(text.utf8)).message else { continue }
            if message.isRequest {
                guard message.method == .notify else { continue }
                if state == nil { state = message.headers.values("Subscription-State").first }
                try socket.send(ok(answering: text))
            } else if let status = message.statusCode, status >= 200 {
                if status == 407, !answered {
                    answered = true
                    var authenticator = DigestAuthenticator(credentials: DigestCredentialStore(
                        [DigestCredentials(username: user, password: password)]))
                    let answers = try authenticator.answer(
                        proxyAuthenticate: message.headers.values("Proxy-Authenticate"),
                        request: DigestRequest(method: "SUBSCRIBE", requestURI: requestURI),
                        challengedRequestCarried: [])
                    let header = answers.map { "\($0.headerName): \($0.headerValue)" }.joined(separator: "\r\n")
                    try socket.send(subscribe(cseq: 2, authorization: header))
                } else {
                    finalStatus = status
                }
            }
        }
        return Outcome(finalStatus: finalStatus ?? 0, subscriptionState: state)
    }

    /// A 200 to a request: its Via, From, To, Call-ID and CSeq lines echoed.
    private static func ok(answering request: String) -> String {
        let echoed = request.components(separatedBy: "\r\n").filter { line in
            let name = line.prefix { $0 != ":" }.lowercased()
            return ["via", "v", "from", "f", "to", "t", "call-id", "i", "cseq"].contains(name)
        }
        return (["SIP/2.0 200 OK"] + echoed + ["Content-Length: 0", "", ""]).joined(separator: "\r\n")
    }
}
