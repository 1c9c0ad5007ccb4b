import Foundation
import Testing
@testable import Config

@Suite("Account resolution")
struct AccountResolverTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory() }

    private func config(_ text: String) throws -> ConfigFile {
        try ConfigLoader.load(path: try directory.write("config.toml", text), environment: ["HOME": "/home/tester"])
    }

    private static let twoAccounts = """
        default_account = "alice"
        [accounts.alice]
        aor = "sip:alice@example.com"
        password = "alice-secret"
        proxy = "sip:proxy.example.com;lr"
        expires = 120
        [accounts.bob]
        aor = "sips:bob@secure.example.net"
        user = "bob-auth"
        display_name = "Bob"
        tls_verify = false
        """

    @Test func defaultsAreFilledIn() throws {
        let account = try resolveAccount(config: try config("[accounts.solo]\naor = \"sip:solo@example.org:5080\"\n"),
                                         name: nil, overrides: AccountOverrides(), environment: [:])
        #expect(account.name == "solo")
        #expect(account.user == "solo")
        #expect(account.registrar.description == "sip:example.org:5080")
        #expect(account.proxy == nil)
        #expect(account.transport == .udp)
        #expect(account.tlsVerify == true)
        #expect(account.expires == 600)
        #expect(account.password == nil && account.passwordSource == nil)
    }

    @Test func defaultAccountAndNamedAccount() throws {
        let file = try config(Self.twoAccounts)
        let alice = try resolveAccount(config: file, name: nil, overrides: AccountOverrides(), environment: [:])
        #expect(alice.name == "alice")
        #expect(alice.password == "alice-secret")
        #expect(alice.passwordSource == .configFile(path: "\(directory.path)/config.toml"))
        #expect(alice.expires == 120)
        let bob = try resolveAccount(config: file, name: "bob", overrides: AccountOverrides(), environment: [:])
        #expect(bob.user == "bob-auth")
        #expect(bob.transport == .tls, "sips: AOR defaults to TLS")
        #expect(bob.registrar.description == "sips:secure.example.net")
        #expect(bob.tlsVerify == false)
        #expect(bob.password == nil)
    }

    @Test func unknownAccountNameListsExistingOnes() throws {
        let file = try config(Self.twoAccounts)
        let message = configErrorMessage { _ = try resolveAccount(config: file, name: "carol", overrides: AccountOverrides(), environment: [:]) }
        #expect(message == "no account named 'carol' (accounts: alice, bob)")
        let none = configErrorMessage { _ = try resolveAccount(config: nil, name: "carol", overrides: AccountOverrides(), environment: [:]) }
        #expect(none == "no account named 'carol' (no accounts are configured)")
    }

    @Test func severalAccountsWithoutDefaultIsAmbiguous() throws {
        let file = try config("[accounts.a]\naor = \"sip:a@x.org\"\n[accounts.b]\naor = \"sip:b@x.org\"\n")
        let message = configErrorMessage { _ = try resolveAccount(config: file, name: nil, overrides: AccountOverrides(), environment: [:]) }
        #expect(message?.contains("several accounts are configured (a, b)") == true)
    }

    @Test func noAORAnywhereIsAnError() {
        let message = configErrorMessage {
            _ = try resolveAccount(config: ConfigFile(), name: nil, overrides: AccountOverrides(user: "x"), environment: [:])
        }
        #expect(message?.hasPrefix("no account: give an address of record") == true)
        #expect(configErrorMessage { _ = try resolveAccount(config: nil, name: nil, overrides: AccountOverrides(), environment: [:]) } != nil)
    }

    @Test func environmentPasswordBeatsConfigFile() throws {
        let account = try resolveAccount(config: try config(Self.twoAccounts), name: nil, overrides: AccountOverrides(),
                                         environment: ["SWITCHBOARD_PASSWORD": "from-env"])
        #expect(account.password == "from-env")
        #expect(account.passwordSource == .environment(variable: "SWITCHBOARD_PASSWORD"))
        let emptyIsUnset = try resolveAccount(config: try config(Self.twoAccounts), name: nil, overrides: AccountOverrides(),
                                              environment: ["SWITCHBOARD_PASSWORD": ""])
        #expect(emptyIsUnset.password == "alice-secret")
    }

    @Test func flagsOverrideConfigAndEnvironment() throws {
        let passwordFile = try directory.write("pw", "from-file\n")
        let overrides = AccountOverrides(
            user: "override-user", passwordFile: passwordFile, proxy: "sip:other-proxy.example.com",
            registrar: "sip:reg.example.com", transport: "TCP", tlsCAFile: "/etc/ca.pem", tlsInsecure: true,
            displayName: "Alice Override")
        let account = try resolveAccount(config: try config(Self.twoAccounts), name: "alice", overrides: overrides,
                                         environment: ["SWITCHBOARD_PASSWORD": "from-env"])
        #expect(account.aor.description == "sip:alice@example.com")
        #expect(account.user == "override-user")
        #expect(account.password == "from-file")
        #expect(account.passwordSource == .passwordFile(path: passwordFile))
        #expect(account.proxy?.description == "sip:other-proxy.example.com")
        #expect(account.registrar.description == "sip:reg.example.com")
        #expect(account.transport == .tcp)
        #expect(account.tlsCAFile == "/etc/ca.pem")
        #expect(account.tlsVerify == false)
        #expect(account.displayName == "Alice Override")
        #expect(account.expires == 120)
    }

    @Test func flagAORDoesNotInheritTheDefaultAccountsPassword() throws {
        let account = try resolveAccount(config: try config(Self.twoAccounts), name: nil,
                                         overrides: AccountOverrides(aor: "sip:mallory@elsewhere.example"), environment: [:])
        #expect(account.name == nil)
        #expect(account.password == nil)
        #expect(account.proxy == nil)
        #expect(account.registrar.description == "sip:elsewhere.example")
    }

    @Test func flagsOnlyWithoutConfigFile() throws {
        let account = try resolveAccount(
            config: nil, name: nil,
            overrides: AccountOverrides(aor: "sips:carol@example.com", proxy: "sips:edge.example.com:5061"),
            environment: ["SWITCHBOARD_PASSWORD": "pw"])
        #expect(account.name == nil)
        #expect(account.user == "carol")
        #expect(account.transport == .tls)
        #expect(account.registrar.description == "sips:example.com")
        #expect(account.proxy?.port == 5061)
        #expect(account.password == "pw")
    }

    @Test func malformedFlagsNameTheSetting() {
        func message(_ overrides: AccountOverrides) -> String? {
            configErrorMessage { _ = try resolveAccount(config: nil, name: nil, overrides: overrides, environment: [:]) }
        }
        #expect(message(AccountOverrides(aor: "alice@example.com"))?.hasPrefix("command line: aor: expected a SIP URI") == true)
        #expect(message(AccountOverrides(aor: "sip:a@b.c", transport: "sctp"))
                == "command line: transport: expected one of udp, tcp, tls, got \"sctp\"")
        #expect(message(AccountOverrides(aor: "sips:a@b.c", transport: "udp"))?.contains("requires transport tls") == true)
        #expect(message(AccountOverrides(aor: "sip:a@b.c", displayName: "x\r\nVia: y"))?.contains("control characters") == true)
        #expect(message(AccountOverrides(aor: "sip:a@b.c", proxy: "sip:proxy:99999"))?.hasPrefix("command line: proxy: the port") == true)
    }

    @Test func passwordFileStripsOneTrailingNewline() throws {
        func password(_ contents: String) throws -> String? {
            let file = try directory.write("pw", contents)
            return try resolveAccount(config: nil, name: nil, overrides: AccountOverrides(aor: "sip:a@b.c", passwordFile: file),
                                      environment: [:]).password
        }
        #expect(try password("secret\n") == "secret")
        #expect(try password("secret\r\n") == "secret")
        #expect(try password("secret\n\n") == "secret\n")
        #expect(try password("secret") == "secret")
        #expect(try password(" spaced secret ") == " spaced secret ")
    }

    @Test func emptyPasswordFileIsAnError() throws {
        for contents in ["", "\n"] {
            let file = try directory.write("pw", contents)
            let message = configErrorMessage {
                _ = try resolveAccount(config: nil, name: nil, overrides: AccountOverrides(aor: "sip:a@b.c", passwordFile: file), environment: [:])
            }
            #expect(message == "\(file): password file is empty")
        }
    }

    @Test func passwordFilePermissionsAreChecked() throws {
        let file = try directory.write("pw", "secret\n", mode: 0o644)
        let fromFlag = configErrorMessage {
            _ = try resolveAccount(config: nil, name: nil, overrides: AccountOverrides(aor: "sip:a@b.c", passwordFile: file), environment: [:])
        }
        #expect(fromFlag?.contains("chmod 600 \(file)") == true, "\(fromFlag ?? "")")
        #expect(fromFlag?.contains("secret") == false)

        // Same check for password_file in the config (relative to the config file's directory).
        try directory.write("config-pw", "secret\n", mode: 0o640)
        let file2 = try config("[accounts.a]\naor = \"sip:a@b.c\"\npassword_file = \"config-pw\"\n")
        let fromConfig = configErrorMessage { _ = try resolveAccount(config: file2, name: nil, overrides: AccountOverrides(), environment: [:]) }
        #expect(fromConfig?.contains("mode 0640") == true)
        #expect(fromConfig?.contains("chmod 600 \(directory.path)/config-pw") == true)

        try directory.write("config-pw", "secret\n", mode: 0o400)
        #expect(try resolveAccount(config: file2, name: nil, overrides: AccountOverrides(), environment: [:]).password == "secret")
    }

    @Test func missingPasswordFileIsAnError() {
        let missing = directory.path + "/no-such-pw"
        let message = configErrorMessage {
            _ = try resolveAccount(config: nil, name: nil, overrides: AccountOverrides(aor: "sip:a@b.c", passwordFile: missing), environment: [:])
        }
        #expect(message == "\(missing): no such file")
    }

    @Test func descriptionAndDumpNeverShowThePassword() throws {
        let account = try resolveAccount(config: try config(Self.twoAccounts), name: nil, overrides: AccountOverrides(),
                                         environment: [:])
        #expect(account.password == "alice-secret")
        #expect(account.description.contains("alice@example.com"))
        #expect(account.description.contains("password from config file"))
        var dumped = ""
        dump(account, to: &dumped)
        for text in [account.description, account.debugDescription, "\(account)", String(reflecting: account), dumped] {
            #expect(!text.contains("alice-secret"), "\(text)")
        }
        let fileAccount = try #require(try config(Self.twoAccounts).accounts["alice"])
        var dumpedConfig = ""
        dump(fileAccount, to: &dumpedConfig)
        #expect(!dumpedConfig.contains("alice-secret") && !fileAccount.description.contains("alice-secret"))
    }

    @Test func insecureTLSIsVisibleInDescription() throws {
        let account = try resolveAccount(config: nil, name: nil,
                                         overrides: AccountOverrides(aor: "sips:a@b.c", tlsInsecure: true), environment: [:])
        #expect(account.description.contains("TLS CERTIFICATE VERIFICATION DISABLED"))
    }
}
