import Foundation
import Testing
@testable import Config

/// `xcap_root`: where `switchboard watcher allow|block` keeps the pres-rules.
@Suite("XCAP root setting")
struct XCAPRootConfigTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    private func resolve(_ text: String) throws -> ResolvedAccount {
        let file = try ConfigLoader.load(path: try directory.write("config.toml", text), environment: ["HOME": "/home/tester"])
        return try resolveAccount(config: file, name: nil, overrides: AccountOverrides(), environment: [:])
    }

    @Test func defaultIsPortEightyOfTheRegistrarHost() throws {
        #expect(try resolve("[accounts.a]\naor = \"sip:a@example.org:5080\"\n").xcapRoot == "http://example.org/xcap-root")
        let withRegistrar = try resolve("[accounts.a]\naor = \"sip:a@example.org\"\nregistrar = \"sip:reg.example.net:5062\"\n")
        #expect(withRegistrar.xcapRoot == "http://reg.example.net/xcap-root", "the SIP port is not an HTTP port")
    }

    @Test func anExplicitRootIsKept() throws {
        let account = try resolve("[accounts.a]\naor = \"sip:a@example.org\"\nxcap_root = \"http://127.0.0.1:18149/xcap-root\"\n")
        #expect(account.xcapRoot == "http://127.0.0.1:18149/xcap-root")
    }

    @Test(arguments: [
        ("\"https://xcap.example.org/xcap-root\"", "https is not supported yet"),
        ("\"ftp://xcap.example.org\"", "must be an http:// URI"),
        ("\"http://\"", "must be an http:// URI"),
        ("\"http://a b/\"", "must not contain spaces"),
        ("\"\"", "must not be empty"),
        ("80", "string"),
    ])
    func badRootsAreRefusedWithTheLine(_ value: String, _ expected: String) throws {
        let text = "[accounts.a]\naor = \"sip:a@example.org\"\nxcap_root = \(value)\n"
        let message = configErrorMessage { _ = try resolve(text) }
        #expect(message?.contains("accounts.a.xcap_root") == true, "\(message ?? "no error")")
        #expect(message?.contains(expected) == true, "\(message ?? "no error")")
    }
}
