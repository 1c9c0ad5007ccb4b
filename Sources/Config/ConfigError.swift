// Every way configuration can be wrong, with a message a person can act on.
//
// Messages follow the compiler convention `FILE:LINE: KEY: what is wrong`
// so editors can jump to the spot, and they never echo a password.

/// Where a setting came from, so an error can point at it.
public enum SettingSource: Sendable, Equatable, CustomStringConvertible {
    /// A config file; `line` is nil when the key could not be located in the text.
    case file(path: String, line: Int?)
    /// A command-line option (AccountOverrides).
    case commandLine
    /// An environment variable.
    case environment(variable: String)

    public var description: String {
        switch self {
        case .file(let path, let line?): return "\(path):\(line)"
        case .file(let path, nil): return path
        case .commandLine: return "command line"
        case .environment(let variable): return "environment variable \(variable)"
        }
    }
}

public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid TOML; position as reported by the TOML parser (1-based).
    case syntax(path: String, line: Int, column: Int, message: String)
    /// A setting is present but wrong: bad type, bad value, unknown key, conflict, missing key.
    /// `key` is the dotted TOML key path, e.g. `accounts.alice.transport`.
    case invalidSetting(SettingSource, key: String, message: String)
    /// An explicitly named file does not exist.
    case fileNotFound(path: String)
    /// The file exists but cannot be used (not a regular file, I/O error, ...).
    case unreadableFile(path: String, reason: String)
    /// The file is larger than any sane config or password file; refusing protects memory.
    case fileTooLarge(path: String, limit: Int)
    /// The file is not UTF-8 text (binary, or another encoding).
    case notText(path: String, line: Int, reason: String)
    /// A file holding a password is readable or writable by group or others.
    case insecurePermissions(path: String, mode: UInt32)
    /// A password file is empty (after removing one trailing newline).
    case emptyPasswordFile(path: String)
    /// No account address anywhere: not on the command line, not in the config file.
    case missingAOR
    /// An account was asked for by name but the config file has no such account.
    case unknownAccount(name: String, known: [String])
    /// Several accounts are configured and nothing says which one to use.
    case ambiguousAccount(known: [String])
    /// HOME is needed to find a directory and is unset or not absolute.
    case noHomeDirectory(neededFor: String)
    /// A runtime directory exists but is not safe to use (wrong owner, mode, or type).
    case unsafeDirectory(path: String, reason: String)

    public var description: String {
        switch self {
        case .syntax(let path, let line, let column, let message):
            return "\(path):\(line):\(column): TOML syntax error: \(message)"
        case .invalidSetting(let source, let key, let message):
            return "\(source): \(key): \(message)"
        case .fileNotFound(let path):
            return "\(path): no such file"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .fileTooLarge(let path, let limit):
            return "\(path): file is larger than \(limit) bytes; is this the right file?"
        case .notText(let path, let line, let reason):
            return "\(path):\(line): not a text file: \(reason)"
        case .insecurePermissions(let path, let mode):
            return "\(path): holds a password but is accessible by group or others "
                + "(mode \(octal(mode))); fix it with: chmod 600 \(shellQuoted(path))"
        case .emptyPasswordFile(let path):
            return "\(path): password file is empty"
        case .missingAOR:
            return "no account: give an address of record (aor, e.g. sip:alice@example.com) "
                + "on the command line or in the config file"
        case .unknownAccount(let name, let known):
            let choices = known.isEmpty ? "no accounts are configured" : "accounts: " + known.joined(separator: ", ")
            return "no account named '\(name)' (\(choices))"
        case .ambiguousAccount(let known):
            return "several accounts are configured (\(known.joined(separator: ", "))); "
                + "choose one by name or set default_account"
        case .noHomeDirectory(let neededFor):
            return "HOME is unset or not an absolute path; it is needed for \(neededFor)"
        case .unsafeDirectory(let path, let reason):
            return "\(path): refusing to use directory: \(reason)"
        }
    }
}

/// Permission bits as `0644`, the way chmod spells them.
func octal(_ mode: UInt32) -> String {
    let digits = String(mode & 0o7777, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// Quote a path for a copy-pasteable shell command, only when it needs it.
func shellQuoted(_ path: String) -> String {
    let safe = path.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._-+,@%=:".unicodeScalars.contains(scalar))
    }
    if safe && !path.isEmpty { return path }
    return "'" + path.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}
