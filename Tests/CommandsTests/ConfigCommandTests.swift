import Foundation
import Synchronization
import Testing
@testable import Commands

@Suite struct ConfigCommandTests {
    let capture = CommandGrammarTests.Capture()

    func run(_ arguments: [String], environment: [String: String] = [:]) async -> Int32 {
        var context = capture.context
        context.environment = environment.merging(["HOME": NSTemporaryDirectory()]) { a, _ in a }
        return await CommandRunner.run(arguments, context: context)
    }

    func file(_ text: String, mode: Int) throws -> String {
        let path = NSTemporaryDirectory() + "sb-config-\(UUID().uuidString).toml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func flagsAloneMakeAnAccount() async {
        let status = await run(["config", "check", "--aor", "sip:alice@example.test", "--proxy", "sip:127.0.0.1:5060",
                                "--transport", "tcp", "--json"], environment: ["SWITCHBOARD_PASSWORD": "s3cret"])
        #expect(status == 0, "\(capture.errors.withLock { $0 })")
        let output = capture.output.withLock { $0 }
        #expect(output.contains("\"transport\" : \"tcp\""))
        #expect(output.contains("environment SWITCHBOARD_PASSWORD"))
        #expect(!output.contains("s3cret"))
    }

    @Test func badSettingsExitThree() async {
        #expect(await run(["config", "check", "--aor", "sip:alice@example.test", "--transport", "sctp"]) == 3)
        #expect(capture.errors.withLock { $0 }.contains("transport"))
        #expect(await run(["config", "check"]) == 3, "no AOR anywhere")
        #expect(await run(["config", "check", "--config", "/nonexistent/config.toml"]) == 3)
    }

    @Test func aReadablePasswordFileIsRefused() async throws {
        let path = try file("[accounts.alice]\naor = \"sip:alice@example.test\"\npassword = \"pw\"\n", mode: 0o644)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(await run(["config", "check", "--config", path]) == 3)
        #expect(capture.errors.withLock { $0 }.contains("chmod 600"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(await run(["config", "check", "--config", path]) == 0)
        #expect(!capture.output.withLock { $0 }.contains("\"pw\""))
    }

    @Test func configErrorsNameFileLineAndKey() async throws {
        let path = try file("[accounts.alice]\naor = \"sip:alice@example.test\"\ntransport = \"sctp\"\n", mode: 0o600)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(await run(["config", "check", "--config", path]) == 3)
        #expect(capture.errors.withLock { $0 }.contains("\(path):3: accounts.alice.transport"))
    }
}
