import Foundation
import SwitchboardTestKit
import Testing
@testable import Commands

/// `switchboard inspect sip` run as a real process: verdicts, JSON and exit codes.
@Suite struct InspectCommandTests {
    let binary = BuiltProducts.executable("switchboard")

    func torture(_ name: String) -> String { FixtureFiles.url("sip-torture/rfc4475/" + name).path }

    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sb-inspect-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func validMessagesExitZero() throws {
        let run = try ExternalProcess.run(binary.path, ["inspect", "sip", torture("wsinv.dat"), torture("esc01.dat")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("wsinv.dat: valid"))
        #expect(run.stdout.contains("esc01.dat: valid"))
    }

    @Test func anInvalidMessageExitsOne() throws {
        let run = try ExternalProcess.run(binary.path, ["inspect", "sip", torture("wsinv.dat"), torture("badvers.dat"), torture("bigcode.dat")])
        #expect(run.status == 1)
        #expect(run.stdout.contains("badvers.dat: invalid: 505 Version Not Supported"))
        #expect(run.stdout.contains("bigcode.dat: invalid: dropped"))
    }

    @Test func unreadableFilesAndUsageExitTwo() throws {
        let missing = try ExternalProcess.run(binary.path, ["inspect", "sip", "/nonexistent/file.sip"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read /nonexistent/file.sip"))
        let directory = try ExternalProcess.run(binary.path, ["inspect", "sip", FileManager.default.temporaryDirectory.path])
        #expect(directory.status == 2)
        #expect(try ExternalProcess.run(binary.path, ["inspect", "sip"]).status == 2)
        #expect(try ExternalProcess.run(binary.path, ["inspect", "sip", "--no-such-flag", torture("wsinv.dat")]).status == 2)
        #expect(try ExternalProcess.run(binary.path, ["no-such-command"]).status == 2)
    }

    @Test func jsonCarriesTheParsedFields() throws {
        let run = try ExternalProcess.run(binary.path, ["inspect", "sip", "--json", torture("escnull.dat"), torture("ncl.dat")])
        #expect(run.status == 1)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2)
        let valid = try #require(reports.first)
        #expect((valid["verdict"] as? [String: Any])?["valid"] as? Bool == true)
        let message = try #require(valid["message"] as? [String: Any])
        #expect(message["method"] as? String == "REGISTER")
        #expect((message["to"] as? [String: Any])?["user"] as? String == "null-\u{0}-null")
        #expect((message["contact"] as? [String])?.count == 2)
        let invalid = try #require(reports.last?["verdict"] as? [String: Any])
        #expect(invalid["statusCode"] as? Int == 400)
        #expect(invalid["action"] as? String == "reject")
        #expect((reports.last?["reply"] as? String)?.hasPrefix("SIP/2.0 400 Bad Request") == true)
    }

    /// Whatever the bytes, the process ends with a verdict, never a crash.
    @Test func hostileFilesNeverCrashIt() throws {
        var generator = SystemRandomNumberGenerator()
        let wsinv = try FixtureFiles.bytes("sip-torture/rfc4475/wsinv.dat")
        let samples: [[UInt8]] = [
            [],
            Array(wsinv.prefix(57)),
            (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) },
            [UInt8](repeating: 0, count: 1000),
            Array("INVITE sip:a@b SIP/2.0\r\nVia: \u{0}\r\n\r\n".utf8) + [0xFF, 0xFE, 0xC3, 0x28],
            Array("OPTIONS sip:a@b SIP/2.0\r\nX: ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20) + Array("\r\n\r\n".utf8),
            (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) },
        ]
        let files = try samples.map(temporaryFile)
        defer { for file in files { try? FileManager.default.removeItem(atPath: file) } }
        let run = try ExternalProcess.run(binary.path, ["inspect", "sip"] + files)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == files.count)
        let json = try ExternalProcess.run(binary.path, ["inspect", "sip", "--json"] + files)
        #expect(json.status == 1)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8))) != nil)
    }
}
