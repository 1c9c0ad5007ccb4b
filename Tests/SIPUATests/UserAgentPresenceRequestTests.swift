import SIPCore
import SIPTransport
@testable import SIPUA
import SwitchboardTestKit
import Testing

/// A real `UserAgent` on loopback UDP, poked with hand-written requests: a
/// NOTIFY that matches no subscription gets 481, a text MESSAGE 200 and an
/// event, a MESSAGE of another type 415.
@Suite struct UserAgentPresenceRequestTests {
    static func request(_ method: String, port: UInt16, callID: String, extra: String = "", body: String = "",
                        contentType: String? = nil, toTag: String? = "a1") -> String {
        var text = "\(method) sip:alice@127.0.0.1 SIP/2.0\r\n"
        text += "Via: SIP/2.0/UDP 127.0.0.1:\(port);branch=z9hG4bK-\(callID)\r\n"
        text += "From: <sip:bob@example.test>;tag=b1\r\nTo: <sip:alice@example.test>" + (toTag.map { ";tag=\($0)" } ?? "") + "\r\n"
        text += "Call-ID: \(callID)\r\nCSeq: 1 \(method)\r\nMax-Forwards: 70\r\n"
        text += "Contact: <sip:bob@127.0.0.1:\(port)>\r\n" + extra
        if let contentType { text += "Content-Type: \(contentType)\r\n" }
        text += "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        return text
    }

    @Test func notifyWithoutSubscriptionAndMessages() async throws {
        var configuration = UserAgentConfiguration()
        configuration.bindHost = "127.0.0.1"
        let agent = UserAgent(configuration: configuration)
        let address = try await agent.start()
        let events = agent.events
        let peer = try LoopbackSocket(.udp, to: UInt16(address.port))

        try peer.send(Self.request("NOTIFY", port: peer.localPort, callID: "n1",
                                   extra: "Event: presence\r\nSubscription-State: active;expires=60\r\n"))
        let notifyAnswer = try peer.receiveMessage(timeout: .seconds(10))
        #expect(notifyAnswer.hasPrefix("SIP/2.0 481"), "\(notifyAnswer)")

        // a transfer's NOTIFY that matches no call has no subscription either:
        // 481 (RFC 6665 §4.1.3), not 405 for a method we allow
        try peer.send(Self.request("NOTIFY", port: peer.localPort, callID: "r1",
                                   extra: "Event: refer\r\nSubscription-State: active;expires=60\r\n",
                                   body: "SIP/2.0 200 OK\r\n", contentType: "message/sipfrag"))
        let referAnswer = try peer.receiveMessage(timeout: .seconds(10))
        #expect(referAnswer.hasPrefix("SIP/2.0 481"), "\(referAnswer)")

        try peer.send(Self.request("MESSAGE", port: peer.localPort, callID: "m1", body: "hello there",
                                   contentType: "text/plain;charset=UTF-8"))
        let messageAnswer = try peer.receiveMessage(timeout: .seconds(10))
        #expect(messageAnswer.hasPrefix("SIP/2.0 200"), "\(messageAnswer)")

        try peer.send(Self.request("MESSAGE", port: peer.localPort, callID: "m2", body: "{}",
                                   contentType: "application/json"))
        let refused = try peer.receiveMessage(timeout: .seconds(10))
        #expect(refused.hasPrefix("SIP/2.0 415"), "\(refused)")
        #expect(refused.contains("Accept: text/plain"))

        // OPTIONS outside a dialog lists the presence methods in Allow (one
        // with a To tag names a dialog we do not have: 481, RFC 3261 §12.2.2)
        try peer.send(Self.request("OPTIONS", port: peer.localPort, callID: "o1", toTag: nil))
        let options = try peer.receiveMessage(timeout: .seconds(10))
        #expect(options.contains("NOTIFY") && options.contains("MESSAGE"), "\(options)")

        var received: IncomingMessage?
        for await event in events {
            if case .presence(.messageReceived(let message)) = event {
                received = message
                break
            }
        }
        #expect(received?.text == "hello there")
        #expect(received?.from == "sip:bob@example.test")
        #expect(received?.contentType == "text/plain")
        await agent.shutdown()
    }
}
