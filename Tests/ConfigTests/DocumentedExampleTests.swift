import Foundation
import Testing
@testable import Config

/// Keeps docs/config.md honest: its full example must load and mean what the comments say.
@Suite("Documented example")
struct DocumentedExampleTests {
    @Test func fullExampleInDocsLoads() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/config.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(markdown.range(of: "```toml\n"))
        let end = try #require(markdown.range(of: "```", range: start.upperBound..<markdown.endIndex))
        let example = String(markdown[start.upperBound..<end.lowerBound])

        let directory = try TemporaryDirectory()
        let path = try directory.write("config.toml", example, mode: 0o600)
        let config = try ConfigLoader.load(path: path, environment: ["HOME": "/home/u"])
        #expect(config.defaultAccount == "alice")
        #expect(config.accountNames == ["alice", "work"])
        #expect(config.accounts["alice"]?.passwordFile == "/home/u/.config/switchboard/alice.password")
        #expect(config.accounts["work"]?.tlsCAFile == "\(directory.path)/certs/corp-ca.pem")

        let work = try resolveAccount(config: config, name: "work", overrides: AccountOverrides(), environment: [:])
        #expect(work.transport == .tls && work.tlsVerify && work.expires == 600)
        #expect(work.registrar.description == "sips:corp.example")
    }
}
