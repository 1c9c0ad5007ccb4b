// The schema of config.toml: which keys exist, their types and constraints.
// Keep docs/config.md in step with the key lists here.

import TOMLKit

enum ConfigSchema {
    static let topLevelKeys = ["theme", "mode", "default_account", "accounts", "keys"]
    static let accountKeys = [
        "aor", "user", "password", "password_file", "display_name", "registrar", "proxy",
        "transport", "tls_ca_file", "tls_verify", "expires", "xcap_root",
    ]

    /// Account and theme names are typed on command lines and in the control
    /// socket grammar, so keep them to characters that need no quoting there.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "._-@+".unicodeScalars.contains($0))
        }
    }
    static let nameRule = "use 1 to 64 letters, digits and . _ - @ + (not starting with .)"
}

extension ConfigDecodingContext {
    mutating func decodeDocument(_ root: TOMLTable, path: String) -> ConfigFile {
        var config = ConfigFile(path: path)
        var defaultAccount: (name: String, keyPath: [String])?

        for (key, value) in entries(of: root, at: []) {
            let keyPath = [key]
            switch key {
            case "theme":
                guard let theme = singleLineText(value, at: keyPath) else { break }
                if ConfigSchema.isValidName(theme) {
                    config.theme = theme
                } else {
                    note(keyPath, "theme names a theme file, so \(ConfigSchema.nameRule)")
                }
            case "mode":
                let choices = ConfigFile.Mode.allCases.map(\.rawValue).joined(separator: ", ")
                if let mode = choice(value, at: keyPath, choices: choices, { ConfigFile.Mode(rawValue: $0) }) {
                    config.mode = mode
                }
            case "default_account":
                if let name = singleLineText(value, at: keyPath) { defaultAccount = (name, keyPath) }
            case "accounts":
                guard let accounts = table(value, at: keyPath) else { break }
                for (name, accountValue) in entries(of: accounts, at: keyPath) {
                    let accountPath = keyPath + [name]
                    guard ConfigSchema.isValidName(name) else {
                        note(accountPath, "invalid account name: \(ConfigSchema.nameRule)")
                        continue
                    }
                    if let table = table(accountValue, at: accountPath),
                       let account = decodeAccount(table, name: name, at: accountPath) {
                        config.accounts[name] = account
                    }
                }
            case "keys":
                // the TUI's key bindings: read and checked by the TUI, which
                // knows the actions (a file:line error names this file)
                if table(value, at: keyPath) != nil { config.hasKeyBindings = true }
            default:
                unknownKey(key, at: [], expected: ConfigSchema.topLevelKeys)
            }
        }

        if let (name, keyPath) = defaultAccount {
            if config.accounts[name] != nil {
                config.defaultAccount = name
            } else if !problems.contains(where: { $0.keyPath.starts(with: ["accounts", name]) }) {
                // (If that account exists but is itself invalid, its own error is the one to show.)
                let known = config.accountNames.isEmpty ? "none are defined" : "accounts: " + config.accountNames.joined(separator: ", ")
                note(keyPath, "no [accounts.\(name)] table (\(known))")
            }
        }
        return config
    }

    private mutating func decodeAccount(_ table: TOMLTable, name: String, at keyPath: [String]) -> AccountConfig? {
        let problemsBefore = problems.count
        var aor: AccountURI?, registrar: AccountURI?, proxy: AccountURI?
        var user: String?, password: String?, passwordFile: String?, displayName: String?, tlsCAFile: String?
        var transport: Transport?, tlsVerify: Bool?, expires: Int?, xcapRoot: String?

        for (key, value) in entries(of: table, at: keyPath) {
            let at = keyPath + [key]
            switch key {
            case "aor": aor = uri(value, at: at, requireUser: true)
            case "user": user = singleLineText(value, at: at)
            case "password":
                // Checked for emptiness, never echoed.
                guard let text = string(value, at: at) else { break }
                if text.isEmpty { note(at, "is empty; remove it if the server needs no password") }
                password = text
            case "password_file": passwordFile = path(value, at: at)
            case "display_name": displayName = singleLineText(value, at: at, allowEmpty: true)
            case "registrar": registrar = uri(value, at: at, requireUser: false)
            case "proxy": proxy = uri(value, at: at, requireUser: false)
            case "transport": transport = choice(value, at: at, choices: Transport.choices, Transport.init(setting:))
            case "tls_ca_file": tlsCAFile = path(value, at: at)
            case "tls_verify": tlsVerify = bool(value, at: at)
            case "expires": expires = int(value, at: at, in: RegistrationExpiry.allowedSeconds)
            case "xcap_root": xcapRoot = xcapRootURI(value, at: at)
            default: unknownKey(key, at: keyPath, expected: ConfigSchema.accountKeys)
            }
        }

        if table["password"] != nil && table["password_file"] != nil {
            note(keyPath + ["password_file"], "set either password or password_file, not both")
        }
        if let conflict = sipsTransportConflict(transport: transport, uris: [aor, registrar, proxy]) {
            note(keyPath + ["transport"], conflict)
        }
        if table["aor"] == nil {
            note(keyPath, "missing required key 'aor' (e.g. aor = \"sip:\(name)@example.com\")")
        }
        guard let aor, problems.count == problemsBefore else { return nil }
        return AccountConfig(
            name: name, aor: aor, user: user, password: password, passwordFile: passwordFile,
            displayName: displayName, registrar: registrar, proxy: proxy, transport: transport,
            tlsCAFile: tlsCAFile, tlsVerify: tlsVerify, expires: expires, xcapRoot: xcapRoot)
    }

    /// `xcap_root`: an `http://` URI. Only its shape is checked here (Config
    /// does not import the XCAP client); the client parses it fully when used.
    private mutating func xcapRootURI(_ value: TOMLValueConvertible, at keyPath: [String]) -> String? {
        guard let text = singleLineText(value, at: keyPath) else { return nil }
        if text.contains(" ") { note(keyPath, "must not contain spaces"); return nil }
        let lower = text.lowercased()
        if lower.hasPrefix("https://") {
            note(keyPath, "https is not supported yet; use an http:// root")
            return nil
        }
        guard lower.hasPrefix("http://"), lower.count > "http://".count else {
            note(keyPath, "must be an http:// URI, e.g. \"http://xcap.example.com/xcap-root\"")
            return nil
        }
        return text
    }
}
