import Foundation
import Glibc
import SwitchboardTestKit
import Testing

/// `switchboard options URI` against Kamailio and against another Switchboard.
@Suite("SIP ping")
struct OptionsTests {
    let binary = BuiltProducts.executable("switchboard").path

    @Test("alice pings bob's daemon through the proxy: the 407 is answered and bob's stack replies 200")
    func pingThroughTheProxy() async throws {
        try await withKamailio { server in
            let bobPassword = try passwordFile("bobpw")
            let alicePassword = try passwordFile("alicepw")
            defer { unlink(bobPassword); unlink(alicePassword) }
            let proxy = "sip:127.0.0.1:\(server.udpPort)"
            let bob = try DaemonProcess(arguments: ["--aor", "sip:bob@example.test", "--password-file", bobPassword,
                                                    "--proxy", proxy])
            defer { bob.terminate() }
            try await bob.waitUntilRegistered()
            let environment = bob.environment

            let ping = try ExternalProcess.run(binary, ["options", "--json", "sip:bob@example.test", "--standalone",
                                                        "--aor", "sip:alice@example.test", "--password-file", alicePassword,
                                                        "--proxy", proxy], environment: environment)
            try #require(ping.status == 0, "\(ping.stderr)\n\(bob.log)")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(ping.stdout.utf8)) as? [String: Any])
            #expect(result["statusCode"] as? Int == 200)
            #expect((result["server"] as? String)?.hasPrefix("Switchboard") == true, "answered by bob's stack: \(result)")
            #expect((result["allow"] as? String)?.contains("OPTIONS") == true)

            let nobody = try ExternalProcess.run(binary, ["options", "sip:nobody@example.test", "--standalone",
                                                          "--aor", "sip:alice@example.test", "--password-file", alicePassword,
                                                          "--proxy", proxy], environment: environment)
            #expect(nobody.status == 13, "\(nobody.stdout) \(nobody.stderr)")
            #expect(nobody.stdout.contains("404"))
        }
    }

    @Test("the server itself answers without an account; silence exits 11")
    func pingServer() async throws {
        try await withKamailio { server in
            let ping = try ExternalProcess.run(binary, ["options", "sip:127.0.0.1:\(server.udpPort)"],
                                               environment: ["HOME": NSTemporaryDirectory()])
            #expect(ping.status == 0, "\(ping.stderr)")
            #expect(ping.stdout.hasPrefix("200 OK from sip:127.0.0.1:\(server.udpPort)"))
        }
        let silent = try LoopbackSocket.freePort()
        let none = try ExternalProcess.run(binary, ["options", "sip:127.0.0.1:\(silent)", "--timer-t1-ms", "10"],
                                           environment: ["HOME": NSTemporaryDirectory()])
        #expect(none.status == 11, "\(none.stderr)")
    }
}
