import TOMLKit

/// A parsed theme or key-map file and the problems found while reading it.
///
/// Problems are collected rather than thrown one by one because TOMLKit
/// hands keys back alphabetically; the one reported is the first in the
/// file, so fixing errors top to bottom works as people expect.
struct TOMLDocument {
    let path: String
    let root: TOMLTable
    private let lines: TOMLLineFinder
    private var problems: [(path: [String], message: String)] = []

    init(text: String, path: String) throws(TOMLFileError) {
        self.path = path
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw TOMLFileError(path: path, line: error.source.begin.line,
                                message: "TOML syntax error: \(error.description)")
        } catch {
            throw TOMLFileError(path: path, message: "TOML syntax error: \(error)")
        }
        lines = TOMLLineFinder(text: text)
    }

    mutating func note(_ keyPath: [String], _ message: String) {
        problems.append((keyPath, message))
    }

    /// Throws the problem that comes first in the file, if any.
    func check() throws(TOMLFileError) {
        let ordered = problems.enumerated().min { left, right in
            (lines.line(of: left.element.path) ?? Int.max, left.offset)
                < (lines.line(of: right.element.path) ?? Int.max, right.offset)
        }
        guard let first = ordered?.element else { return }
        throw error(at: first.path, first.message)
    }

    func error(at keyPath: [String], _ message: String) -> TOMLFileError {
        TOMLFileError(path: path, line: lines.line(of: keyPath),
                      key: keyPath.isEmpty ? nil : keyPath.joined(separator: "."), message: message)
    }

    /// The entries of `table` (keys looked up one by one: TOMLKit's iterator
    /// force-unwraps and would crash on a key it cannot look back up).
    static func entries(of table: TOMLTable) -> [(key: String, value: TOMLValueConvertible)] {
        table.keys.compactMap { key in table[key].map { (key, $0) } }
    }

    static func typeName(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .int: return "an integer"
        case .double: return "a number"
        case .bool: return "a boolean"
        default: return "a date or time"
        }
    }
}
