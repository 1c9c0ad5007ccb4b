// Typed reading of TOMLKit values while decoding config.toml (schema: ConfigSchema.swift).
//
// Problems are collected with their key paths rather than thrown at once,
// because TOMLKit hands keys back alphabetically; after decoding, the problem
// that comes first in the file (by line) is the one reported, so fixing
// errors top to bottom works as people expect.

import TOMLKit

/// Something wrong with one key, before it has a line number.
struct ConfigProblem {
    let keyPath: [String]
    let message: String
}

/// Reads typed values out of TOMLKit tables, noting problems instead of throwing.
struct ConfigDecodingContext {
    /// Directory of the config file: relative paths in it are relative to here.
    let configDirectory: String
    /// For `~/` in paths.
    let home: String?
    private(set) var problems: [ConfigProblem] = []

    init(configDirectory: String, home: String?) {
        self.configDirectory = configDirectory
        self.home = home
    }

    mutating func note(_ keyPath: [String], _ message: String) {
        problems.append(ConfigProblem(keyPath: keyPath, message: message))
    }

    /// Entries of `table` in key order. Looks keys up one by one instead of using
    /// TOMLKit's iterator, which force-unwraps and would crash on a key it cannot
    /// look back up (one containing NUL, which C strings cut short).
    mutating func entries(of table: TOMLTable, at keyPath: [String]) -> [(String, TOMLValueConvertible)] {
        var result: [(String, TOMLValueConvertible)] = []
        for key in table.keys {
            if let value = table[key] {
                result.append((key, value))
            } else {
                note(keyPath + [key], "key cannot be read (does it contain a NUL character?)")
            }
        }
        return result
    }

    mutating func string(_ value: TOMLValueConvertible, at keyPath: [String]) -> String? {
        guard let text = value.string else { return mismatch(value, expected: "a string", at: keyPath) }
        return text
    }

    /// A string that ends up in a SIP header or on screen: a control character
    /// (newline above all) could inject header lines, so refuse them.
    mutating func singleLineText(_ value: TOMLValueConvertible, at keyPath: [String], allowEmpty: Bool = false) -> String? {
        guard let text = string(value, at: keyPath) else { return nil }
        if text.isEmpty && !allowEmpty { note(keyPath, "must not be empty"); return nil }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            note(keyPath, "must not contain control characters such as newlines or tabs")
            return nil
        }
        return text
    }

    mutating func bool(_ value: TOMLValueConvertible, at keyPath: [String]) -> Bool? {
        guard let flag = value.bool else { return mismatch(value, expected: "a boolean (true or false)", at: keyPath) }
        return flag
    }

    mutating func int(_ value: TOMLValueConvertible, at keyPath: [String], in range: ClosedRange<Int>) -> Int? {
        guard let number = value.int else { return mismatch(value, expected: "an integer", at: keyPath) }
        guard range.contains(number) else {
            note(keyPath, "expected an integer from \(range.lowerBound) to \(range.upperBound), got \(number)")
            return nil
        }
        return number
    }

    mutating func table(_ value: TOMLValueConvertible, at keyPath: [String]) -> TOMLTable? {
        guard let table = value.table else { return mismatch(value, expected: "a table", at: keyPath) }
        return table
    }

    mutating func uri(_ value: TOMLValueConvertible, at keyPath: [String], requireUser: Bool) -> AccountURI? {
        guard let text = string(value, at: keyPath) else { return nil }
        do {
            return try AccountURI(parsing: text, requireUser: requireUser)
        } catch {
            note(keyPath, error.description)
            return nil
        }
    }

    /// One of a fixed set of spellings; the bad value is echoed (these are never secrets).
    mutating func choice<T>(_ value: TOMLValueConvertible, at keyPath: [String], choices: String,
                            _ parse: (String) -> T?) -> T? {
        guard let text = string(value, at: keyPath) else { return nil }
        guard let parsed = parse(text) else {
            note(keyPath, "expected one of \(choices), got \(quotedForMessage(text))")
            return nil
        }
        return parsed
    }

    /// A file path: `~/` expands to HOME, relative paths are relative to the config file.
    mutating func path(_ value: TOMLValueConvertible, at keyPath: [String]) -> String? {
        guard let text = singleLineText(value, at: keyPath) else { return nil }
        if text.hasPrefix("/") { return text }
        if text == "~" || text.hasPrefix("~/") {
            guard let home else { note(keyPath, "uses ~ but HOME is not set"); return nil }
            return SwitchboardPaths.join(home, String(text.dropFirst(2)))
        }
        if text.hasPrefix("~") { note(keyPath, "only ~/ (your own home) is supported, not ~user"); return nil }
        return SwitchboardPaths.join(configDirectory, text)
    }

    mutating func unknownKey(_ key: String, at keyPath: [String], expected: [String]) {
        let place = keyPath.isEmpty ? "at top level" : "in [\(renderKeyPath(keyPath))]"
        var message = "unknown key \(quotedForMessage(key, quote: "'")) \(place)"
        if let suggestion = closestMatch(to: key, in: expected) { message += " (did you mean '\(suggestion)'?)" }
        message += "; known keys: " + expected.joined(separator: ", ")
        note(keyPath + [key], message)
    }

    private mutating func mismatch<T>(_ value: TOMLValueConvertible, expected: String, at keyPath: [String]) -> T? {
        // Never echo the value itself: it may be a password typed in the wrong place.
        note(keyPath, "expected \(expected), got \(describe(value.type))")
        return nil
    }
}

/// `accounts."bob smith".aor`: segments joined by dots, quoted when not bare keys.
func renderKeyPath(_ keyPath: [String]) -> String {
    keyPath.map { segment in
        let isBare = !segment.isEmpty && segment.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-")
        }
        return isBare ? segment : quotedForMessage(segment)
    }.joined(separator: ".")
}

/// A value inside a message: quoted, control characters escaped, long values shortened.
func quotedForMessage(_ text: String, quote: Character = "\"") -> String {
    var shown = ""
    for scalar in text.unicodeScalars.prefix(60) {
        shown += scalar.value < 0x20 || scalar.value == 0x7F ? scalar.escaped(asASCII: true) : String(scalar)
    }
    if text.unicodeScalars.count > 60 { shown += "..." }
    return "\(quote)\(shown)\(quote)"
}

/// A TOML type as a noun phrase for messages ("a boolean", "an integer").
private func describe(_ type: TOMLType) -> String {
    switch type {
    case .string: return "a string"
    case .int: return "an integer"
    case .double: return "a floating-point number"
    case .bool: return "a boolean"
    case .table: return "a table"
    case .array: return "an array"
    case .date: return "a date"
    case .time: return "a time"
    case .dateTime: return "a date-time"
    }
}

/// The candidate within edit distance 2 of `word`, for "did you mean" hints.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
    return best.0
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard a.count < 100, b.count < 100 else { return Int.max }
    var previous = Array(0...b.count)
    for (i, charA) in a.enumerated() {
        var current = [i + 1]
        for (j, charB) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (charA == charB ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
