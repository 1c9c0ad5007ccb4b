import Control
import Foundation
import Presence
import SIPAuth
import SIPCore
import SwitchboardTestKit
import Testing
import XCAP

/// Pres-rules (RFC 5025) uploaded over XCAP (RFC 4825) to the test Kamailio's
/// xcap_server, and the presence server deciding subscriptions by them.
@Suite("XCAP pres-rules against Kamailio")
struct WatcherAuthorizationTests {
    static let contentType = "application/auth-policy+xml"

    func client(_ server: KamailioServer, _ user: String, password: String? = nil) throws -> XCAPClient {
        let account = try #require(server.account(user))
        return XCAPClient(root: try XCAPRoot(parsing: server.xcapRoot),
                          credentials: DigestCredentials(username: user, password: password ?? account.password))
    }

    func rulesPath(_ server: KamailioServer, _ user: String) throws -> String {
        try XCAPRoot(parsing: server.xcapRoot).presRulesPath(user: "sip:\(user)@\(server.domain)")
    }

    @Test("alice's rules are stored and served; only alice may read them; bob is active, carol refused, dave pending")
    func rulesAreStoredAndEnforced() async throws {
        try await withKamailio(watcherAuthorization: true) { server in
            let alice = try client(server, "alice")
            let path = try rulesPath(server, "alice")
            let bob = "sip:bob@\(server.domain)", carol = "sip:carol@\(server.domain)"

            #expect(try await alice.get(path) == nil, "no document before the first PUT")
            let rules = PresRuleset().setting(.allow, for: bob).setting(.block, for: carol)
            let etag = try await alice.put(path, body: PresRulesWriter.bytes(rules), contentType: Self.contentType,
                                           onlyIfAbsent: true)
            try #require(etag != nil, "Kamailio gives the document an entity tag")

            let stored = try #require(try await alice.get(path))
            #expect(stored.etag == etag)
            #expect(stored.contentType == Self.contentType)
            guard case .document(let readBack) = try PresRulesReader.read(stored.body) else {
                Issue.record("the stored document does not read back: \(String(decoding: stored.body, as: UTF8.self))")
                return
            }
            #expect(readBack == rules)
            // A write based on an older version loses (If-Match). (Kamailio 5.6
            // ignores If-None-Match on PUT, so a create-only PUT is not tested here.)
            await #expect(throws: XCAPError.preconditionFailed, "a PUT against a stale entity tag") {
                try await alice.put(path, body: PresRulesWriter.bytes(rules), contentType: Self.contentType,
                                    ifMatch: "\"not-the-current-tag\"")
            }

            await #expect(throws: XCAPError.refused(status: 403, reason: "Forbidden"), "bob may not read alice's rules") {
                _ = try await client(server, "bob").get(path)
            }
            await #expect(throws: XCAPError.authenticationFailed) {
                _ = try await client(server, "alice", password: "wrong").get(path)
            }

            let bobsView = try await RawSubscriber.subscribe(server, as: "bob", to: "alice")
            #expect(bobsView.subscriptionState?.hasPrefix("active") == true, "\(bobsView)")
            let carolsView = try await RawSubscriber.subscribe(server, as: "carol", to: "alice")
            #expect(carolsView.finalStatus >= 300 || carolsView.subscriptionState?.hasPrefix("terminated") == true,
                    "carol is blocked: \(carolsView)")
            let davesView = try await RawSubscriber.subscribe(server, as: "dave", to: "alice")
            #expect(davesView.subscriptionState?.hasPrefix("pending") == true, "no rule for dave: \(davesView)")
        }
    }

    @Test("switchboard watcher block then allow edits the rules on the server, and the presence server follows")
    func watcherCommandEditsTheRules() async throws {
        try await withKamailio(watcherAuthorization: true) { server in
            let alice = try client(server, "alice")
            let path = try rulesPath(server, "alice")
            let carol = "sip:carol@\(server.domain)"
            let password = try #require(server.account("alice")).password
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sb-watcher-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let passwordFile = directory.appendingPathComponent("alice.pw")
            try Data(password.utf8).write(to: passwordFile)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passwordFile.path)
            let accountArguments = ["--aor", "sip:alice@\(server.domain)", "--password-file", passwordFile.path,
                                    "--xcap-root", server.xcapRoot]

            let block = try await runSwitchboard(["watcher", "block", carol, "--json"] + accountArguments, home: directory)
            try #require(block.status == 0, "\(block.stderr)")
            #expect(block.stdout.contains("\"decision\":\"block\""))
            #expect(block.stdout.contains("\"changed\":true"))
            let afterBlock = try #require(try await alice.get(path))
            guard case .document(let blocked) = try PresRulesReader.read(afterBlock.body) else {
                Issue.record("unreadable rules after block"); return
            }
            #expect(blocked.decision(for: carol) == .block)
            let blockedView = try await RawSubscriber.subscribe(server, as: "carol", to: "alice")
            #expect(blockedView.finalStatus >= 300 || blockedView.subscriptionState?.hasPrefix("terminated") == true,
                    "\(blockedView)")

            let again = try await runSwitchboard(["watcher", "block", carol] + accountArguments, home: directory)
            #expect(again.status == 0)
            #expect(again.stdout == "blocked \(carol) (already so)\n")

            let allow = try await runSwitchboard(["watcher", "allow", carol] + accountArguments, home: directory)
            try #require(allow.status == 0, "\(allow.stderr)")
            #expect(allow.stdout == "allowed \(carol)\n")
            let allowedView = try await RawSubscriber.subscribe(server, as: "carol", to: "alice")
            #expect(allowedView.subscriptionState?.hasPrefix("active") == true, "\(allowedView)")

            let wrongPassword = directory.appendingPathComponent("wrong.pw")
            try Data("nope".utf8).write(to: wrongPassword)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: wrongPassword.path)
            let refused = try await runSwitchboard(
                ["watcher", "allow", carol, "--aor", "sip:alice@\(server.domain)", "--password-file", wrongPassword.path,
                 "--xcap-root", server.xcapRoot], home: directory)
            #expect(refused.status == 10, "wrong password: \(refused.stderr)")
        }
    }

    @Test("watcher block at a running instance edits that instance's account's rules (no config file, only its flags)")
    func watcherAtTheInstanceUsesItsAccount() async throws {
        try await withKamailio(watcherAuthorization: true) { server in
            let alice = try client(server, "alice")
            let path = try rulesPath(server, "alice")
            let carol = "sip:carol@\(server.domain)"
            let password = try passwordFile(try #require(server.account("alice")).password)
            defer { unlink(password) }
            let daemon = try DaemonProcess(arguments: ["--aor", "sip:alice@\(server.domain)", "--password-file", password,
                                                       "--proxy", "sip:127.0.0.1:\(server.udpPort)"])
            defer { daemon.terminate() }
            try await daemon.waitUntilRegistered()
            let control = try await ControlClient.connect(to: daemon.socket)
            defer { Task { await control.close() } }
            let reply = try await control.send("watcher block \(carol) --xcap-root \(server.xcapRoot)", timeout: .seconds(60))
            guard case .ok = reply else { Issue.record("\(reply)\n\(daemon.log)"); return }
            let rules = try #require(try await alice.get(path))
            guard case .document(let ruleset) = try PresRulesReader.read(rules.body) else {
                Issue.record("unreadable rules"); return
            }
            #expect(ruleset.decision(for: carol) == .block)
        }
    }
}
