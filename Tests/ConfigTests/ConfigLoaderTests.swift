import Foundation
import Testing
@testable import Config

@Suite("Config loading")
struct ConfigLoaderTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    private func load(_ text: String, mode: mode_t = 0o600, name: String = "config.toml") throws -> ConfigFile {
        let path = try directory.write(name, text, mode: mode)
        return try ConfigLoader.load(path: path, environment: ["HOME": "/home/tester"])
    }

    /// Loads `text` expecting failure; returns the message with the temp dir shortened to DIR.
    private func failure(_ text: String, mode: mode_t = 0o600) -> String {
        let message = configErrorMessage { _ = try load(text, mode: mode) } ?? "no error"
        return message.replacingOccurrences(of: directory.path, with: "DIR")
    }

    @Test func fullValidConfig() throws {
        let config = try load("""
            theme = "solarized"
            mode = "mail"
            default_account = "alice"

            [accounts.alice]
            aor = "sip:alice@example.com"
            user = "alice-auth"
            password = "s3cret"
            display_name = "Alice Example"
            registrar = "sip:registrar.example.com:5070"
            proxy = "sip:proxy.example.com;lr"
            transport = "tcp"
            tls_ca_file = "certs/ca.pem"
            tls_verify = false
            expires = 300

            [accounts.bob]
            aor = "sips:bob@[2001:db8::1]:5061"
            password_file = "~/.secrets/bob"
            """)
        #expect(config.theme == "solarized")
        #expect(config.mode == .mail)
        #expect(config.defaultAccount == "alice")
        #expect(config.accountNames == ["alice", "bob"])
        let alice = try #require(config.accounts["alice"])
        #expect(alice.aor.description == "sip:alice@example.com")
        #expect(alice.user == "alice-auth")
        #expect(alice.password == "s3cret")
        #expect(alice.displayName == "Alice Example")
        #expect(alice.registrar?.port == 5070)
        #expect(alice.proxy?.parameters == "lr")
        #expect(alice.transport == .tcp)
        #expect(alice.tlsCAFile == "\(directory.path)/certs/ca.pem")
        #expect(alice.tlsVerify == false)
        #expect(alice.expires == 300)
        let bob = try #require(config.accounts["bob"])
        #expect(bob.aor.scheme == .sips)
        #expect(bob.aor.host == "[2001:db8::1]")
        #expect(bob.aor.port == 5061)
        #expect(bob.passwordFile == "/home/tester/.secrets/bob")
        #expect(bob.password == nil)
    }

    @Test func keyBindingsTableIsAcceptedAndLeftToTheTUI() throws {
        let config = try load("theme = \"mono\"\n[keys]\nanswer = \"F5\"\n[accounts.solo]\naor = \"sip:solo@example.org\"\n")
        #expect(config.hasKeyBindings)
        #expect(try load("[accounts.solo]\naor = \"sip:solo@example.org\"\n").hasKeyBindings == false)
        #expect(failure("keys = \"F5\"\n").contains("keys"), "a [keys] that is no table is an error")
    }

    @Test func defaultsWhenKeysAreOmitted() throws {
        let config = try load("[accounts.solo]\naor = \"sip:solo@example.org\"\n")
        #expect(config.theme == "default")
        #expect(config.mode == .sip)
        #expect(config.defaultAccount == nil)
        let solo = try #require(config.accounts["solo"])
        #expect(solo.user == nil && solo.transport == nil && solo.expires == nil && solo.tlsVerify == nil)
        #expect(try load("").accounts.isEmpty)
    }

    @Test func syntaxErrorNamesFileLineAndColumn() {
        let message = failure("theme = \"default\"\n\n[accounts.alice\naor = \"sip:a@b\"\n")
        #expect(message.hasPrefix("DIR/config.toml:3:"), "\(message)")
        #expect(message.contains("TOML syntax error"))
    }

    @Test func wrongTypeNamesLineAndKey() {
        let message = failure("[accounts.alice]\naor = \"sip:alice@example.com\"\n\nexpires = \"600\"\n")
        #expect(message == "DIR/config.toml:4: accounts.alice.expires: expected an integer, got a string")
    }

    @Test func wrongTypeDoesNotEchoAPassword() {
        let message = failure("[accounts.alice]\naor = \"sip:alice@example.com\"\nuser = [\"hunter2\"]\n")
        #expect(message == "DIR/config.toml:3: accounts.alice.user: expected a string, got an array")
    }

    @Test func unknownKeyIsAnErrorWithSuggestion() {
        let message = failure("[accounts.alice]\naor = \"sip:alice@example.com\"\npasword = \"x\"\n")
        #expect(message.hasPrefix("DIR/config.toml:3: accounts.alice.pasword: unknown key 'pasword' in [accounts.alice]"))
        #expect(message.contains("did you mean 'password'?"))
        #expect(!message.contains("\"x\""))
        let topLevel = failure("colour = \"blue\"\n")
        #expect(topLevel.hasPrefix("DIR/config.toml:1: colour: unknown key 'colour' at top level"))
    }

    @Test(arguments: [
        ("alice@example.com", "expected a SIP URI like sip:alice@example.com"),
        ("http://example.com", "expected scheme sip or sips, got 'http'"),
        ("sip:example.com", "expected user@host"),
        ("sip:alice@", "the host is missing"),
        ("sip:alice@example.com:0", "the port must be a number from 1 to 65535"),
        ("sip:alice@example.com:65536", "the port must be a number from 1 to 65535"),
        ("sip:alice@exa mple.com", "not a valid host name"),
        ("sip:alice:hunter2@example.com", "must not contain a password"),
        ("<sip:alice@example.com>", "expected a SIP URI starting with sip: or sips:"),
    ])
    func badURIsAreRejectedWithLineAndKey(uri: String, expected: String) {
        let message = failure("mode = \"sip\"\n[accounts.alice]\naor = \"\(uri)\"\n")
        #expect(message.hasPrefix("DIR/config.toml:3: accounts.alice.aor: "), "\(message)")
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("hunter2"))
    }

    @Test func badTransportListsChoices() {
        let message = failure("[accounts.alice]\naor = \"sip:alice@example.com\"\ntransport = \"sctp\"\n")
        #expect(message == "DIR/config.toml:3: accounts.alice.transport: expected one of udp, tcp, tls, got \"sctp\"")
    }

    @Test func sipsWithUDPIsRejected() {
        let message = failure("[accounts.alice]\naor = \"sips:alice@example.com\"\ntransport = \"udp\"\n")
        #expect(message.hasPrefix("DIR/config.toml:3: accounts.alice.transport: "))
        #expect(message.contains("requires transport tls"))
    }

    @Test func expiresOutOfRange() {
        let message = failure("[accounts.alice]\naor = \"sip:alice@example.com\"\nexpires = 5\n")
        #expect(message == "DIR/config.toml:3: accounts.alice.expires: expected an integer from 30 to 86400, got 5")
    }

    @Test func passwordAndPasswordFileTogetherIsAnError() {
        let message = failure("""
            [accounts.alice]
            aor = "sip:alice@example.com"
            password = "x"
            password_file = "/etc/secret"
            """)
        #expect(message == "DIR/config.toml:4: accounts.alice.password_file: set either password or password_file, not both")
    }

    @Test func missingAORAndUnknownDefaultAccount() {
        #expect(failure("[accounts.alice]\nuser = \"a\"\n").hasPrefix("DIR/config.toml:1: accounts.alice: missing required key 'aor'"))
        let message = failure("default_account = \"carol\"\n[accounts.alice]\naor = \"sip:a@b.c\"\n")
        #expect(message == "DIR/config.toml:1: default_account: no [accounts.carol] table (accounts: alice)")
    }

    @Test func firstProblemInFileOrderIsReported() {
        // TOMLKit returns keys alphabetically; the error on line 2 must win over line 3.
        let message = failure("[accounts.alice]\ntransport = \"sctp\"\naor = \"nonsense\"\n")
        #expect(message.hasPrefix("DIR/config.toml:2: accounts.alice.transport"), "\(message)")
    }

    @Test func headerInjectionInDisplayNameIsRefused() {
        let message = failure("[accounts.alice]\naor = \"sip:a@b.c\"\ndisplay_name = \"A\\r\\nVia: evil\"\n")
        #expect(message.hasPrefix("DIR/config.toml:3: accounts.alice.display_name: must not contain control characters"))
    }

    @Test func inlinePasswordWithGroupReadableModeIsRefused() {
        let message = failure("[accounts.alice]\naor = \"sip:alice@example.com\"\npassword = \"s3cret\"\n", mode: 0o644)
        #expect(message.contains("DIR/config.toml"))
        #expect(message.contains("mode 0644"))
        #expect(message.contains("chmod 600 DIR/config.toml"), "\(message)")
        #expect(!message.contains("s3cret"))
        #expect(failure("[accounts.a]\naor = \"sip:a@b.c\"\npassword = \"p\"\n", mode: 0o640).contains("chmod 600"))
        #expect(failure("[accounts.a]\naor = \"sip:a@b.c\"\npassword = \"p\"\n", mode: 0o602).contains("chmod 600"))
    }

    @Test func inlinePasswordWithOwnerOnlyModeIsAccepted() throws {
        let text = "[accounts.alice]\naor = \"sip:alice@example.com\"\npassword = \"s3cret\"\n"
        #expect(try load(text, mode: 0o600).accounts["alice"]?.password == "s3cret")
        #expect(try load(text, mode: 0o400).accounts["alice"]?.password == "s3cret")
    }

    @Test func readableConfigWithoutPasswordIsFine() throws {
        #expect(try load("[accounts.alice]\naor = \"sip:alice@example.com\"\n", mode: 0o644).accounts.count == 1)
    }

    @Test func invalidUTF8IsAClearError() throws {
        let path = try directory.write("config.toml", bytes: Array("theme = \"x\"\nmode = \"".utf8) + [0xC3, 0x28, 0x22, 0x0A])
        let message = configErrorMessage { _ = try ConfigLoader.load(path: path, environment: [:]) }
        #expect(message == "\(path):2: not a text file: invalid UTF-8 at byte 20")
    }

    @Test func binaryGarbageIsAClearError() throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = try directory.write("config.toml", bytes: garbage)
        let message = try #require(configErrorMessage { _ = try ConfigLoader.load(path: path, environment: [:]) })
        #expect(message.contains("not a text file") || message.contains("TOML syntax error"), "\(message)")
    }

    @Test func nulByteIsRefusedRatherThanTruncatingTheFile() throws {
        // toml++ reads a C string: without the check, everything after the NUL would vanish unnoticed.
        let path = try directory.write("config.toml", bytes: Array("theme = \"x\"\n".utf8) + [0] + Array("bogus".utf8))
        let message = configErrorMessage { _ = try ConfigLoader.load(path: path, environment: [:]) }
        #expect(message == "\(path):2: not a text file: NUL byte at byte 12")
        let escaped = failure("[accounts.a]\naor = \"sip:a@b.c\"\npassword = \"ab\\u0000cd\"\n")
        #expect(escaped.hasPrefix("DIR/config.toml:3: not a text file: \\u0000"))
    }

    @Test func oneMegabyteFileIsRefusedClearly() throws {
        let line = "# " + String(repeating: "x", count: 1021) + "\n"
        let path = try directory.write("config.toml", String(repeating: line, count: 1024))
        let message = configErrorMessage { _ = try ConfigLoader.load(path: path, environment: [:]) }
        #expect(message == "\(path): file is larger than 262144 bytes; is this the right file?")
    }

    @Test func directoryIsNotAConfigFile() {
        let message = configErrorMessage { _ = try ConfigLoader.load(path: directory.path, environment: [:]) }
        #expect(message == "\(directory.path): cannot read: it is a directory")
    }

    @Test func explicitMissingPathIsAnError() {
        let missing = directory.path + "/nope.toml"
        let message = configErrorMessage { _ = try ConfigLoader.load(path: missing, environment: [:]) }
        #expect(message == "\(missing): no such file")
    }

    @Test func missingDefaultPathGivesEmptyConfig() throws {
        let config = try ConfigLoader.load(path: nil, environment: ["XDG_CONFIG_HOME": directory.path])
        #expect(config == ConfigFile())
        #expect(config.path == nil)
    }

    @Test func defaultPathIsReadFromXDGConfigHome() throws {
        try directory.write("switchboard/config.toml", "theme = \"dark\"\n")
        let config = try ConfigLoader.load(path: nil, environment: ["XDG_CONFIG_HOME": directory.path, "HOME": "/nowhere"])
        #expect(config.theme == "dark")
        #expect(config.path == "\(directory.path)/switchboard/config.toml")
    }

    @Test func errorsInInlineAndDottedAccountsStillHaveLines() {
        let inline = failure("[accounts]\nalice = { aor = \"sip:alice@example.com\" }\nbob = { aor = \"sip:bob@example.com\", transport = \"sctp\" }\n")
        #expect(inline.hasPrefix("DIR/config.toml:3: accounts.bob.transport: expected one of udp, tcp, tls"), "\(inline)")
        let dotted = failure("mode = \"sip\"\naccounts.alice.aor = \"sip:alice@example.com\"\naccounts.alice.expires = true\n")
        #expect(dotted == "DIR/config.toml:3: accounts.alice.expires: expected an integer, got a boolean")
    }

    @Test func pathologicalNestingIsAClearError() throws {
        let deep = "a = " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n"
        let message = failure(deep)
        #expect(message.hasPrefix("DIR/config.toml:1:"), "\(message)")
    }
}
