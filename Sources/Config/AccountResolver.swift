// Decides the account to use: command line > environment > config file > defaults.

/// Resolves the account to use.
/// - Parameters:
///   - config: the loaded config file, or nil to use command line and environment only.
///   - name: an account name asked for explicitly; nil means the default account
///     (`default_account`, or the only account), unless `overrides.aor` is set.
///   - overrides: settings from the command line; they win over everything.
///   - environment: supplies SWITCHBOARD_PASSWORD, which wins over the config file.
/// - Throws: `ConfigError` when there is no AOR at all, the named account does not exist,
///   several accounts exist and none is chosen, an override is malformed, or a password
///   file is unreadable, empty, or accessible by others. No password at all is not an error.
public func resolveAccount(config: ConfigFile?, name: String?, overrides: AccountOverrides,
                           environment: [String: String]) throws -> ResolvedAccount {
    let base = try selectAccount(config: config, name: name, overrides: overrides)

    guard let aor = try overrides.aor.map({ try parseOverrideURI($0, key: "aor", requireUser: true) }) ?? base?.aor else {
        throw ConfigError.missingAOR
    }
    let registrar = try overrides.registrar.map { try parseOverrideURI($0, key: "registrar", requireUser: false) }
        ?? base?.registrar
    let proxy = try overrides.proxy.map { try parseOverrideURI($0, key: "proxy", requireUser: false) } ?? base?.proxy

    var transport = base?.transport
    if let text = overrides.transport {
        guard let parsed = Transport(setting: text) else {
            throw ConfigError.invalidSetting(.commandLine, key: "transport",
                                             message: "expected one of \(Transport.choices), got \(quotedForMessage(text))")
        }
        transport = parsed
    }
    // Each config account is consistent on its own, so a conflict here came from an override.
    if let conflict = sipsTransportConflict(transport: transport, uris: [aor, registrar, proxy]) {
        throw ConfigError.invalidSetting(.commandLine, key: "transport", message: conflict)
    }
    let usesSIPS = [aor, registrar, proxy].contains { $0?.scheme == .sips }

    let (password, passwordSource) = try resolvePassword(base: base, config: config, overrides: overrides,
                                                         environment: environment)
    return ResolvedAccount(
        name: base?.name,
        aor: aor,
        // The AOR parser requires a user part, so the final fallback is never reached.
        user: try overrideText(overrides.user, key: "user") ?? base?.user ?? aor.user ?? "",
        password: password,
        passwordSource: passwordSource,
        displayName: try overrideText(overrides.displayName, key: "display_name") ?? base?.displayName,
        registrar: registrar ?? aor.domainURI,
        proxy: proxy,
        transport: transport ?? (usesSIPS ? .tls : .udp),
        tlsCAFile: try overrideText(overrides.tlsCAFile, key: "tls_ca_file") ?? base?.tlsCAFile,
        tlsVerify: overrides.tlsInsecure.map { !$0 } ?? base?.tlsVerify ?? true,
        expires: base?.expires ?? RegistrationExpiry.defaultSeconds,
        xcapRoot: base?.xcapRoot ?? defaultXCAPRoot(registrar: registrar ?? aor.domainURI))
}

/// Without `xcap_root`: plain HTTP on port 80 of the registrar's host, path
/// `/xcap-root` (the name RFC 4825's examples, OpenXCAP and Kamailio's
/// xcap_server use). The SIP port is not carried over: it is not an HTTP port.
func defaultXCAPRoot(registrar: AccountURI) -> String {
    let host = registrar.host.contains(":") && !registrar.host.hasPrefix("[") ? "[\(registrar.host)]" : registrar.host
    return "http://\(host)/xcap-root"
}

/// The config-file account the settings start from, if any.
private func selectAccount(config: ConfigFile?, name: String?, overrides: AccountOverrides) throws -> AccountConfig? {
    let accounts = config?.accounts ?? [:]
    if let name {
        guard let account = accounts[name] else {
            throw ConfigError.unknownAccount(name: name, known: config?.accountNames ?? [])
        }
        return account
    }
    // An address on the command line describes a different identity: inheriting the
    // default account's password or servers would send its credentials elsewhere.
    if overrides.aor != nil { return nil }
    if let defaultName = config?.defaultAccount {
        guard let account = accounts[defaultName] else {
            throw ConfigError.unknownAccount(name: defaultName, known: config?.accountNames ?? [])
        }
        return account
    }
    if accounts.count > 1 { throw ConfigError.ambiguousAccount(known: config?.accountNames ?? []) }
    return accounts.values.first
}

private func resolvePassword(base: AccountConfig?, config: ConfigFile?, overrides: AccountOverrides,
                             environment: [String: String]) throws -> (String?, PasswordSource?) {
    if let file = try overrideText(overrides.passwordFile, key: "password_file") {
        return (try FileReader.readPassword(path: file), .passwordFile(path: file))
    }
    // Empty counts as unset, so `SWITCHBOARD_PASSWORD= switchboard ...` clears it as shells suggest.
    if let password = environment[passwordEnvironmentVariable], !password.isEmpty {
        return (password, .environment(variable: passwordEnvironmentVariable))
    }
    if let password = base?.password {
        return (password, .configFile(path: config?.path ?? "config file"))
    }
    if let file = base?.passwordFile {
        return (try FileReader.readPassword(path: file), .passwordFile(path: file))
    }
    return (nil, nil)
}

private func parseOverrideURI(_ text: String, key: String, requireUser: Bool) throws -> AccountURI {
    do {
        return try AccountURI(parsing: text, requireUser: requireUser)
    } catch {
        throw ConfigError.invalidSetting(.commandLine, key: key, message: error.description)
    }
}

/// A non-empty, single-line override (these end up in SIP headers or paths).
private func overrideText(_ text: String?, key: String) throws -> String? {
    guard let text else { return nil }
    if text.isEmpty {
        throw ConfigError.invalidSetting(.commandLine, key: key, message: "must not be empty")
    }
    if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
        throw ConfigError.invalidSetting(.commandLine, key: key,
                                         message: "must not contain control characters such as newlines or tabs")
    }
    return text
}
