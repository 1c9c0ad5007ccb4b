/// Finds the line that defines a key in a small TOML file (themes, key
/// maps), so errors can name it. TOMLKit does not expose positions.
///
/// Understands only what those files use: `[table]` headers, `key = ...`
/// lines with bare or quoted keys, and comments. A key inside an inline
/// table (`busy = { fg = "red" }`) is reported at its enclosing key's line.
struct TOMLLineFinder {
    private var lines: [[String]: Int] = [:]

    init(text: String) {
        var table: [String] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimming(" \t\r")
            if line.hasPrefix("[") {
                let inner = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                table = inner.split(separator: ".").map { Self.unquoted($0) }
                record(table, offset + 1)
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<equals].split(separator: ".").map { Self.unquoted($0) }
                record(table + key, offset + 1)
            }
        }
    }

    /// The line of `path`, else of its nearest ancestor that has one.
    func line(of path: [String]) -> Int? {
        var candidate = path
        while !candidate.isEmpty {
            if let line = lines[candidate] { return line }
            candidate.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], _ line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    private static func unquoted(_ segment: Substring) -> String {
        let trimmed = segment.trimming(" \t")
        if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
            return String(trimmed.dropFirst().dropLast())
        }
        return String(trimmed)
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        let characters = Array(set)
        let start = firstIndex(where: { !characters.contains($0) }) ?? endIndex
        let end = lastIndex(where: { !characters.contains($0) }).map { index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
