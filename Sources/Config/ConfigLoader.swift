// Loading config.toml: find it, read it, parse it, validate it, check its permissions.

import TOMLKit

public enum ConfigLoader {
    /// Loads the configuration.
    /// - Parameters:
    ///   - path: an explicit file (e.g. from `--config`); nil means the XDG default
    ///     `$XDG_CONFIG_HOME/switchboard/config.toml`.
    ///   - environment: supplies XDG_CONFIG_HOME and HOME (also for `~/` in paths).
    /// - Returns: the configuration; an empty one (`path == nil`) when the default file
    ///   does not exist, because running without a config file is normal.
    /// - Throws: `ConfigError`; an explicit path that does not exist is an error.
    public static func load(path: String?, environment: [String: String]) throws -> ConfigFile {
        let filePath = try path ?? SwitchboardPaths.configFile(environment: environment)
        guard let contents = try FileReader.readIfExists(path: filePath, limit: FileReader.configSizeLimit) else {
            if path != nil { throw ConfigError.fileNotFound(path: filePath) }
            return ConfigFile()
        }
        return try parse(contents, environment: environment)
    }

    static func parse(_ contents: FileContents, environment: [String: String]) throws -> ConfigFile {
        let path = contents.path
        let text = try contents.text()
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError.syntax(path: path, line: error.source.begin.line,
                                     column: error.source.begin.column, message: error.description)
        }

        let locator = TOMLKeyLocator(text: text)
        if let line = locator.firstNULEscapeLine {
            throw ConfigError.notText(path: path, line: line, reason: "\\u0000 (NUL) is not allowed in strings or keys")
        }

        var context = ConfigDecodingContext(configDirectory: directory(of: path),
                                            home: SwitchboardPaths.absolutePath(environment["HOME"]))
        let config = context.decodeDocument(root, path: path)
        if let problem = firstInFileOrder(context.problems, locator: locator) {
            throw ConfigError.invalidSetting(.file(path: path, line: locator.line(of: problem.keyPath)),
                                             key: renderKeyPath(problem.keyPath), message: problem.message)
        }

        // A password anyone else can read is a leaked password, even if this run
        // uses another account: refuse the whole file until it is fixed.
        if contents.isAccessibleByOthers && config.accounts.values.contains(where: { $0.password != nil }) {
            throw ConfigError.insecurePermissions(path: path, mode: contents.permissions)
        }
        return config
    }

    /// The problem a person reading top to bottom meets first; unlocated ones last.
    private static func firstInFileOrder(_ problems: [ConfigProblem], locator: TOMLKeyLocator) -> ConfigProblem? {
        problems.enumerated().min { left, right in
            let leftLine = locator.line(of: left.element.keyPath) ?? Int.max
            let rightLine = locator.line(of: right.element.keyPath) ?? Int.max
            return (leftLine, left.offset) < (rightLine, right.offset)
        }?.element
    }

    /// The directory part of `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
