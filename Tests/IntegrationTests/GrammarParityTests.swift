import Control
import Foundation
import Glibc
import SwitchboardTestKit
import Testing

/// Every command gives the same result and the same code through argv and
/// through the control socket (one grammar, one table).
@Suite("argv and socket parity")
struct GrammarParityTests {
    struct Row: Sendable, CustomStringConvertible {
        var words: [String]
        /// Commands that act on the instance take --socket on argv.
        var onInstance: Bool
        var expected: Int32
        /// False where argv means something else by design (`daemon` starts one).
        var argvTwin = true
        var description: String { words.joined(separator: " ") }
    }

    static let valid = FixtureFiles.url("sip-torture/rfc4475/wsinv.dat").path
    static let invalid = FixtureFiles.url("sip-torture/rfc4475/badvers.dat").path

    static let rows: [Row] = [
        Row(words: ["state", "--json"], onInstance: true, expected: 0),
        Row(words: ["state"], onInstance: true, expected: 0),
        Row(words: ["register", "--json"], onInstance: true, expected: 0),
        Row(words: ["register", "--once"], onInstance: true, expected: 5),
        Row(words: ["inspect", "sip", valid], onInstance: false, expected: 0),
        Row(words: ["inspect", "sip", "--json", invalid], onInstance: false, expected: 1),
        Row(words: ["inspect", "sip", "/nonexistent/file"], onInstance: false, expected: 2),
        Row(words: ["no-such-command"], onInstance: false, expected: 2),
        Row(words: ["state", "--no-such-flag"], onInstance: false, expected: 2),
        Row(words: ["config", "check", "--aor", "sip:x@example.test", "--transport", "sctp"], onInstance: false, expected: 3),
        Row(words: ["daemon"], onInstance: false, expected: 2, argvTwin: false),
        Row(words: ["status", "set", "away", "--note", "parity"], onInstance: true, expected: 0),
        Row(words: ["status", "show", "--json"], onInstance: true, expected: 0),
        Row(words: ["status", "set", "partying"], onInstance: true, expected: 2),
        Row(words: ["message", "sip:nobody@example.test", "hi"], onInstance: true, expected: 13),
        Row(words: ["watchers", "--json"], onInstance: true, expected: 0),
        Row(words: ["unregister"], onInstance: true, expected: 0),
        Row(words: ["unregister"], onInstance: true, expected: 5),
        Row(words: ["register"], onInstance: true, expected: 0),
    ]

    @Test("same codes and output through argv and the socket")
    func parity() async throws {
        try await withKamailio { server in
            let password = try passwordFile("davepw")
            defer { unlink(password) }
            let daemon = try DaemonProcess(arguments: ["--aor", "sip:dave@example.test", "--password-file", password,
                                                       "--proxy", "sip:127.0.0.1:\(server.udpPort)"])
            defer { daemon.terminate() }
            try await daemon.waitUntilRegistered()
            let environment = daemon.environment
            let binary = BuiltProducts.executable("switchboard").path
            let client = try await ControlClient.connect(to: daemon.socket)

            // each row runs through the socket, then through argv, in order:
            // rows that change state (unregister, register) come as pairs
            for row in Self.rows {
                let reply = try await client.send(row.words.map(quote).joined(separator: " "), timeout: .seconds(60))
                let socketCode: Int32
                var socketText = ""
                switch reply {
                case .ok(let data):
                    socketCode = 0
                    socketText = Self.printable(data)
                case .failure(let error):
                    guard case .number(let code) = error.code else { Issue.record("\(row): \(error)"); continue }
                    socketCode = Int32(code)
                    socketText = error.message
                }
                #expect(socketCode == row.expected, "socket \(row): \(socketText)")
                if row.words.first == "unregister" || row.words == ["register"] { continue }   // state changed; argv twin below
                if !row.argvTwin { continue }

                let argvWords = row.onInstance ? row.words + ["--socket", daemon.socket] : row.words
                let run = try ExternalProcess.run(binary, argvWords, timeout: .seconds(60), environment: environment)
                #expect(run.status == row.expected, "argv \(row): \(run.stderr)")
                if run.status == 0 && row.words != ["register", "--json"] {
                    #expect(Self.normalized(run.stdout) == Self.normalized(socketText), "\(row) output differs")
                } else if run.status != 0 && row.onInstance {
                    #expect(run.stderr.contains(socketText), "\(row): argv said \(run.stderr), socket \(socketText)")
                }
            }
            // the state-changing pair through argv too
            for (words, expected) in [(["unregister"], Int32(0)), (["unregister"], 5), (["register"], 0)] {
                let run = try ExternalProcess.run(binary, words + ["--socket", daemon.socket], environment: environment)
                #expect(run.status == expected, "argv \(words): \(run.stderr)")
            }
            await client.close()
        }
    }

    /// What the one-shot client prints for reply data (pretty JSON or text).
    static func printable(_ value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        default:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    /// JSON compared as values; text compared without trailing space.
    static func normalized(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let data = trimmed.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data),
           let again = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
            return String(decoding: again, as: UTF8.self)
        }
        return trimmed
    }

    func quote(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "@:./_-".contains($0) } ? word : "'\(word)'"
    }
}
