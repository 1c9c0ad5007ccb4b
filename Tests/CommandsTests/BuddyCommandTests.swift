import Foundation
import Store
import SwitchboardTestKit
import Testing
@testable import Commands

/// `switchboard buddy …` run headless against a data directory of its own.
@Suite struct BuddyCommandTests {
    /// A fresh XDG data directory and a way to run commands in it.
    struct Sandbox {
        let data = NSTemporaryDirectory() + "sb-buddy-\(UUID().uuidString.prefix(8))"
        var environment: [String: String] { ["HOME": NSTemporaryDirectory(), "XDG_DATA_HOME": data] }

        /// Exit status, standard output, standard error.
        func run(_ arguments: [String]) async -> (Int32, String, String) {
            let capture = CommandGrammarTests.Capture()
            var context = capture.context
            context.environment = environment
            let status = await CommandRunner.run(arguments, context: context)
            return (status, capture.output.withLock { $0 }, capture.errors.withLock { $0 })
        }

        func remove() { try? FileManager.default.removeItem(atPath: data) }
    }

    @Test func addRenameGroupListRemove() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        var (status, out, err) = await sandbox.run(["buddy", "add", "sip:bob@Example.com", "--name", "Bob", "--group", "Work"])
        #expect(status == 0, "\(err)")
        #expect(out == "added Bob <sip:bob@example.com> to Work\n")
        (status, _, err) = await sandbox.run(["buddy", "add", "mailto:carol@example.org"])
        #expect(status == 0, "\(err)")
        (status, out, _) = await sandbox.run(["buddy", "rename", "sip:bob@example.com", "Robert"])
        #expect(status == 0)
        #expect(out == "renamed Robert <sip:bob@example.com>\n")
        (status, out, _) = await sandbox.run(["buddy", "group", "mailto:carol@example.org", "Friends"])
        #expect(out == "mailto:carol@example.org is in Friends\n")

        (status, out, _) = await sandbox.run(["buddy", "list"])
        #expect(status == 0)
        #expect(out == "Friends\n  mailto:carol@example.org\nWork\n  Robert <sip:bob@example.com>\n")

        (status, out, _) = await sandbox.run(["buddy", "list", "--json"])
        let buddies = try JSONDecoder().decode([Buddy].self, from: Data(out.utf8))
        #expect(buddies.map(\.uri) == ["mailto:carol@example.org", "sip:bob@example.com"])
        #expect(buddies.last?.displayName == "Robert")
        #expect(buddies.last?.group == "Work")

        (status, out, _) = await sandbox.run(["buddy", "remove", "sip:BOB@example.com"])
        #expect(status == 5, "the user part keeps its case: sip:BOB is someone else")
        (status, out, _) = await sandbox.run(["buddy", "remove", "SIP:bob@EXAMPLE.com"])
        #expect(status == 0)
        #expect(out == "removed Robert <sip:bob@example.com>\n")
        (status, out, _) = await sandbox.run(["buddy", "group", "mailto:carol@example.org"])
        #expect(out == "mailto:carol@example.org is in no group\n")
        (status, out, _) = await sandbox.run(["buddy", "list"])
        #expect(out == "(no group)\n  mailto:carol@example.org\n")
    }

    @Test func refusalsHaveTheirExitStatus() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        #expect(await sandbox.run(["buddy", "list"]).1 == "no buddies\n")
        #expect(await sandbox.run(["buddy", "add", "sip:bob@example.com"]).0 == 0)

        let duplicate = await sandbox.run(["buddy", "add", "sip:bob@EXAMPLE.COM", "--name", "Other"])
        #expect(duplicate.0 == SwitchboardExit.wrongState.rawValue)
        #expect(duplicate.2.contains("sip:bob@example.com is already a buddy"))
        let unknown = await sandbox.run(["buddy", "rename", "sip:nobody@example.com", "X"])
        #expect(unknown.0 == SwitchboardExit.wrongState.rawValue)
        #expect(unknown.2.contains("is not a buddy"))
        let notAnAddress = await sandbox.run(["buddy", "add", "tel:+15551234"])
        #expect(notAnAddress.0 == SwitchboardExit.usageOrIO.rawValue)
        #expect(notAnAddress.2.contains("not a sip:, sips: or mailto: address"))
        #expect(await sandbox.run(["buddy", "add"]).0 == SwitchboardExit.usageOrIO.rawValue, "missing argument")
        #expect(await sandbox.run(["buddy", "rename", "sip:bob@example.com"]).0 == SwitchboardExit.usageOrIO.rawValue)

        let json = await sandbox.run(["buddy", "list", "--json"])
        let buddies = try JSONDecoder().decode([Buddy].self, from: Data(json.1.utf8))
        #expect(buddies.map(\.displayName) == [nil], "the refused commands changed nothing")
    }

    @Test func aDamagedDatabaseIsReportedAndKept() async throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(atPath: sandbox.data + "/switchboard", withIntermediateDirectories: true)
        let junk = Data(repeating: 0x5A, count: 2048)
        let path = sandbox.data + "/switchboard/switchboard.sqlite"
        try junk.write(to: URL(fileURLWithPath: path))
        let result = await sandbox.run(["buddy", "add", "sip:bob@example.com"])
        #expect(result.0 == SwitchboardExit.usageOrIO.rawValue)
        #expect(result.2.contains("cannot open the buddy list"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == junk)
    }
}
