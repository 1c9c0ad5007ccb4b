// Where Switchboard keeps its files, per the XDG Base Directory specification.
//
// Computed from an environment dictionary passed in, never from the process
// globals, so tests (and a future control socket client) can ask "where would
// the files be for this environment?" without touching the real home.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct SwitchboardPaths: Sendable, Equatable {
    /// `$XDG_CONFIG_HOME/switchboard` (default `~/.config/switchboard`).
    public let configDirectory: String
    /// `<configDirectory>/config.toml`.
    public let configFile: String
    /// `$XDG_DATA_HOME/switchboard` (default `~/.local/share/switchboard`).
    public let dataDirectory: String
    /// The one database: call history, buddies, messages, publication ETags.
    public var databasePath: String { dataDirectory + "/switchboard.sqlite" }
    /// `$XDG_STATE_HOME/switchboard` (default `~/.local/state/switchboard`).
    public let stateDirectory: String
    /// `$XDG_RUNTIME_DIR/switchboard`, or `/tmp/switchboard-<uid>` when XDG_RUNTIME_DIR is unset.
    public let runtimeDirectory: String

    static let applicationName = "switchboard"

    /// - Parameters:
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    ///   - userID: names the /tmp fallback runtime directory; the real uid unless testing.
    /// - Throws: `ConfigError.noHomeDirectory` when an XDG variable is unset and HOME is unusable.
    public init(environment: [String: String], userID: UInt32 = UInt32(getuid())) throws {
        configDirectory = try Self.directory("XDG_CONFIG_HOME", defaultUnderHome: ".config", environment)
        configFile = Self.join(configDirectory, "config.toml")
        dataDirectory = try Self.directory("XDG_DATA_HOME", defaultUnderHome: ".local/share", environment)
        stateDirectory = try Self.directory("XDG_STATE_HOME", defaultUnderHome: ".local/state", environment)
        if let runtime = Self.absolutePath(environment["XDG_RUNTIME_DIR"]) {
            runtimeDirectory = Self.join(runtime, Self.applicationName)
        } else {
            runtimeDirectory = "/tmp/\(Self.applicationName)-\(userID)"
        }
    }

    /// Just the config file path: loading config must not fail because, say,
    /// HOME is unset while XDG_CONFIG_HOME is set and the data directory is not needed.
    public static func configFile(environment: [String: String]) throws -> String {
        join(try directory("XDG_CONFIG_HOME", defaultUnderHome: ".config", environment), "config.toml")
    }

    /// `$variable/switchboard`, or `$HOME/relative/switchboard` when the variable is unusable.
    private static func directory(_ variable: String, defaultUnderHome relative: String,
                                  _ environment: [String: String]) throws -> String {
        if let value = absolutePath(environment[variable]) { return join(value, applicationName) }
        guard let home = absolutePath(environment["HOME"]) else {
            throw ConfigError.noHomeDirectory(neededFor: "\(variable) (unset)")
        }
        return join(join(home, relative), applicationName)
    }

    /// The XDG spec says relative paths in these variables are invalid and must be ignored;
    /// an empty value counts as unset.
    static func absolutePath(_ value: String?) -> String? {
        guard let value, value.hasPrefix("/") else { return nil }
        return value
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

extension SwitchboardPaths {
    /// Creates the runtime directory with mode 0700 if missing, and verifies an existing one
    /// is a real directory (not a symlink) owned by `userID` with no group/other access.
    /// Sockets live there, so a directory another user planted in /tmp must be refused.
    /// - Returns: the runtime directory path.
    @discardableResult
    public func ensureRuntimeDirectory(userID: UInt32 = UInt32(getuid())) throws -> String {
        let path = runtimeDirectory
        if mkdir(path, 0o700) != 0 {
            let error = errno
            guard error == EEXIST else {
                throw ConfigError.unsafeDirectory(path: path, reason: FileReader.describe(errno: error))
            }
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            throw ConfigError.unsafeDirectory(path: path, reason: FileReader.describe(errno: errno))
        }
        guard UInt32(status.st_mode) & UInt32(S_IFMT) == UInt32(S_IFDIR) else {
            throw ConfigError.unsafeDirectory(path: path, reason: "it is not a directory (or is a symbolic link)")
        }
        guard UInt32(status.st_uid) == userID else {
            throw ConfigError.unsafeDirectory(path: path, reason: "it is owned by uid \(status.st_uid), not \(userID)")
        }
        let permissions = UInt32(status.st_mode) & 0o7777
        guard permissions & 0o077 == 0 else {
            throw ConfigError.unsafeDirectory(
                path: path,
                reason: "mode \(octal(permissions)) lets others in; fix it with: chmod 700 \(shellQuoted(path))")
        }
        return path
    }
}
