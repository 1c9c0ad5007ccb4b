import Foundation
import SwitchboardTestKit
import Testing
import XCAP
@testable import Commands

/// `switchboard watcher allow|block` without a server: the refusals that
/// happen before or instead of a write. Against Kamailio's XCAP server:
/// IntegrationTests/WatcherAuthorizationTests.
@Suite struct WatcherCommandTests {
    func run(_ arguments: [String]) async -> (Int32, String) {
        let capture = CommandGrammarTests.Capture()
        var context = capture.context
        context.environment = ["HOME": NSTemporaryDirectory(), "XDG_CONFIG_HOME": NSTemporaryDirectory() + "/sb-no-config"]
        let status = await CommandRunner.run(arguments, context: context)
        return (status, capture.errors.withLock { $0 })
    }

    @Test func onlySIPWatchersCanBeAllowed() async {
        let (status, errors) = await run(["watcher", "allow", "mailto:bob@example.test", "--aor", "sip:alice@example.test"])
        #expect(status == SwitchboardExit.usageOrIO.rawValue)
        #expect(errors.contains("is not a sip: or sips: address"))
    }

    @Test func anUnusableRootIsAConfigurationError() async {
        let (status, errors) = await run(["watcher", "block", "sip:bob@example.test", "--aor", "sip:alice@example.test",
                                          "--xcap-root", "https://xcap.example.test/xcap-root"])
        #expect(status == SwitchboardExit.configError.rawValue)
        #expect(errors.contains("https is not supported"))
    }

    @Test func aServerThatIsNotThereIsUnreachable() async throws {
        let port = try LoopbackSocket.freePort()  // free: nobody listens there
        let (status, errors) = await run(["watcher", "block", "sip:bob@example.test", "--aor", "sip:alice@example.test",
                                          "--xcap-root", "http://127.0.0.1:\(port)/xcap-root"])
        #expect(status == SwitchboardExit.unreachable.rawValue, "\(errors)")
    }

    @Test func aDocumentThatDoesNotReadIsNeverOverwritten() throws {
        for body in ["<not-xml", "<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"x\"/>"] {
            let document = XCAPDocument(body: Array(body.utf8), etag: "\"e\"", contentType: "application/auth-policy+xml")
            #expect(throws: CommandFailure.self, "\(body)") { try WatcherRulesEdit.rules(in: document) }
        }
        #expect(try WatcherRulesEdit.rules(in: nil).rules.isEmpty, "no document yet: start from no rules")
    }
}
