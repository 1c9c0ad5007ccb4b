import Foundation

/// Which key does what: the defaults of `KeyAction`, with any rebinding
/// from a `[keys]` table applied.
///
/// ```toml
/// [keys]
/// answer = "a"
/// hangup = ["h", "C-x"]   # several keys
/// hold = []               # no key
/// ```
/// An action's entry replaces all its default keys. An unknown action, a
/// key name that cannot work, or one key bound to two actions is an error
/// naming the file, line and key.
public struct KeyMap: Sendable, Equatable {
    private var actionsByKey: [Key: KeyAction]
    private var keysByAction: [KeyAction: [Key]]

    public static let defaults: KeyMap = {
        var keys: [KeyAction: [Key]] = [:]
        for action in KeyAction.allCases { keys[action] = action.defaultKeys }
        // The defaults are checked for conflicts by a test.
        return (try? KeyMap(bindings: keys)) ?? KeyMap(actionsByKey: [:], keysByAction: keys)
    }()

    private init(actionsByKey: [Key: KeyAction], keysByAction: [KeyAction: [Key]]) {
        self.actionsByKey = actionsByKey
        self.keysByAction = keysByAction
    }

    /// A key map from explicit bindings; throws on a key bound twice.
    public init(bindings: [KeyAction: [Key]]) throws(KeyConflict) {
        var byKey: [Key: KeyAction] = [:]
        for action in KeyAction.allCases {
            for key in bindings[action] ?? [] {
                if let other = byKey[key], other != action { throw KeyConflict(key: key, actions: [other, action]) }
                byKey[key] = action
            }
        }
        self.init(actionsByKey: byKey, keysByAction: bindings)
    }

    public func action(for key: Key) -> KeyAction? { actionsByKey[key] }

    public func keys(for action: KeyAction) -> [Key] { keysByAction[action] ?? [] }

    /// "a" or "Up/k", for help and hints; "unbound" when there is none.
    public func label(for action: KeyAction) -> String {
        let keys = keys(for: action)
        return keys.isEmpty ? "unbound" : keys.map(\.description).joined(separator: "/")
    }

    /// Reads a key-map file (a TOML file with a `[keys]` table).
    public static func load(path: String) throws(TOMLFileError) -> KeyMap {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TOMLFileError(path: path, message: "cannot read the key map (missing, unreadable or not UTF-8)")
        }
        return try parse(text, path: path)
    }

    /// The defaults with the `[keys]` table of `text` applied. Other tables
    /// are ignored, so the table can sit in a larger file.
    public static func parse(_ text: String, path: String) throws(TOMLFileError) -> KeyMap {
        var document = try TOMLDocument(text: text, path: path)
        guard let value = document.root["keys"] else { return .defaults }
        guard let table = value.table else {
            throw document.error(at: ["keys"], "expected a table of action = \"key\"")
        }
        var bindings: [KeyAction: [Key]] = [:]
        for action in KeyAction.allCases { bindings[action] = action.defaultKeys }
        var rebound: [KeyAction] = []
        for (name, entry) in TOMLDocument.entries(of: table) {
            let path = ["keys", name]
            guard let action = KeyAction(rawValue: name) else {
                document.note(path, "unknown action; actions are " + KeyAction.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            let names: [String]
            if let single = entry.string {
                names = [single]
            } else if let array = entry.array, array.allSatisfy({ $0.string != nil }) {
                names = array.compactMap(\.string)
            } else {
                document.note(path, "expected a key name or an array of them, e.g. \"a\", \"C-x\", \"F5\", [\"Up\", \"k\"]")
                continue
            }
            var keys: [Key] = []
            for keyName in names {
                do {
                    keys.append(try Key(name: keyName))
                } catch {
                    document.note(path, error.description)
                }
            }
            bindings[action] = keys
            rebound.append(action)
        }
        try document.check()
        do {
            return try KeyMap(bindings: bindings)
        } catch {
            // Point at the line of whichever of the two actions the file rebound.
            let culprit = error.actions.last(where: rebound.contains) ?? error.actions[1]
            let other = error.actions.first { $0 != culprit } ?? error.actions[0]
            let hint = rebound.contains(other) ? "" : " by default; rebind \(other.rawValue) too"
            throw document.error(at: ["keys", culprit.rawValue],
                                 "\"\(error.key)\" is already bound to \(other.rawValue)\(hint)")
        }
    }
}

/// One key bound to two actions.
public struct KeyConflict: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: Key
    public var actions: [KeyAction]
    public var description: String {
        "\"\(key)\" is bound to both \(actions.map(\.rawValue).joined(separator: " and "))"
    }
}
