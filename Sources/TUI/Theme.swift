import Foundation
import TOMLKit

/// How each style role looks: read from a theme file (Themes/*.toml).
///
/// Format: `name = "..."` and a `[roles]` table whose keys are role names
/// (`StyleRole`), each an inline table with `fg`, `bg` (a colour name,
/// "default", or 0-255) and `attrs` (bold, dim, reverse, underline). A role
/// the file leaves out looks like `text`; an unknown role or key is an error
/// (it is nearly always a typo).
public struct Theme: Sendable, Equatable {
    public var name: String
    public var roles: [StyleRole: RoleLook]

    public init(name: String, roles: [StyleRole: RoleLook]) {
        self.name = name
        self.roles = roles
    }

    public func look(_ role: StyleRole) -> RoleLook {
        roles[role] ?? roles[.text] ?? RoleLook()
    }

    /// Reads a theme file.
    public static func load(path: String) throws(TOMLFileError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TOMLFileError(path: path, message: "cannot read the theme file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TOMLFileError(path: path, message: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Finds a theme by name: `$XDG_CONFIG_HOME/switchboard/themes/NAME.toml`
    /// (or `~/.config/...`) first, so users can override or add themes, then
    /// the themes built into the program. A name with a `/` is a file path.
    public static func named(_ name: String, environment: [String: String]) throws(TOMLFileError) -> Theme {
        if name.contains("/") { return try load(path: name) }
        if let directory = userThemeDirectory(environment: environment) {
            let path = directory + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        }
        guard let builtIn = BuiltInThemes.text[name] else {
            throw TOMLFileError(path: name, message: "no such theme; built in: "
                + BuiltInThemes.text.keys.sorted().joined(separator: ", "))
        }
        return try parse(builtIn, path: "(built-in theme \(name))")
    }

    static func userThemeDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/switchboard/themes" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.config/switchboard/themes" }
        return nil
    }

    /// The theme for terminals without colours: roles told apart by
    /// attributes (and the status symbols the views always draw).
    public static let mono: Theme = {
        // The built-in text is checked by the tests, so this cannot fail.
        (try? parse(BuiltInThemes.text["mono"] ?? "", path: "mono")) ?? Theme(name: "mono", roles: [:])
    }()

    /// Parses a theme from TOML text; `path` is only used in errors.
    public static func parse(_ text: String, path: String) throws(TOMLFileError) -> Theme {
        var document = try TOMLDocument(text: text, path: path)
        var theme = Theme(name: (path as NSString).lastPathComponent.replacingOccurrences(of: ".toml", with: ""), roles: [:])
        var sawRoles = false
        for (key, value) in TOMLDocument.entries(of: document.root) {
            switch key {
            case "name":
                if let name = value.string, !name.isEmpty { theme.name = name }
                else { document.note([key], "expected a non-empty string") }
            case "roles":
                sawRoles = true
                guard let table = value.table else {
                    document.note([key], "expected a table of roles, found \(TOMLDocument.typeName(value))")
                    break
                }
                for (roleName, roleValue) in TOMLDocument.entries(of: table) {
                    guard let role = StyleRole(rawValue: roleName) else {
                        document.note([key, roleName], "unknown role; roles are "
                            + StyleRole.allCases.map(\.rawValue).joined(separator: ", "))
                        continue
                    }
                    if let look = parseLook(roleValue, at: [key, roleName], into: &document) { theme.roles[role] = look }
                }
            default:
                document.note([key], "unknown key; a theme has `name` and `[roles]`")
            }
        }
        if !sawRoles { document.note([], "no [roles] table") }
        try document.check()
        return theme
    }

    private static func parseLook(_ value: TOMLValueConvertible, at path: [String],
                                  into document: inout TOMLDocument) -> RoleLook? {
        guard let table = value.table else {
            document.note(path, "expected a table such as { fg = \"green\", attrs = [\"bold\"] }, found "
                + TOMLDocument.typeName(value))
            return nil
        }
        var look = RoleLook()
        for (key, entry) in TOMLDocument.entries(of: table) {
            switch key {
            case "fg", "bg":
                guard let color = parseColor(entry) else {
                    document.note(path + [key], "expected a colour: default, "
                        + ThemeColor.names.sorted(by: { $0.value < $1.value }).map(\.key).joined(separator: ", ")
                        + ", or 0-255")
                    continue
                }
                if key == "fg" { look.foreground = color } else { look.background = color }
            case "attrs":
                guard let array = entry.array else {
                    document.note(path + [key], "expected an array such as [\"bold\", \"underline\"]")
                    continue
                }
                for item in array {
                    guard let name = item.string, let attribute = TextAttribute(rawValue: name) else {
                        document.note(path + [key], "unknown attribute \(item.string.map { "\"\($0)\"" } ?? TOMLDocument.typeName(item)); "
                            + "attributes are " + TextAttribute.allCases.map(\.rawValue).joined(separator: ", "))
                        continue
                    }
                    look.attributes.insert(attribute)
                }
            default:
                document.note(path + [key], "unknown key; a role has fg, bg and attrs")
            }
        }
        return look
    }

    private static func parseColor(_ value: TOMLValueConvertible) -> ThemeColor? {
        if let name = value.string { return ThemeColor(name: name) }
        if let number = value.int, (0...255).contains(number) { return .index(number) }
        return nil
    }
}
