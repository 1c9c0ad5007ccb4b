extension SDPLines {
    /// The order of RFC 8866 §5, as libosip2 reads it:
    /// session `v o s i u e* p* c b* (t r*)+ z k a*`, then per media
    /// `m i c* b* k a*`. Unknown type letters are refused, which RFC 8866 §5
    /// allows ("MUST completely ignore or reject").
    static func checkOrder(_ lines: [Line]) throws(SDPSyntaxError) {
        guard let first = lines.first, first.type == UInt8(ascii: "v") else {
            throw SDPSyntaxError(line: lines.first?.number ?? 1, "a description starts with v= (RFC 8866 §5.1)")
        }
        var inMedia = false
        var rank = -1
        var previous: UInt8 = 0
        for line in lines {
            if line.type == UInt8(ascii: "m") {
                inMedia = true
                rank = 0
                previous = line.type
                continue
            }
            guard let place = (inMedia ? mediaOrder : sessionOrder)[line.type] else {
                let known = sessionOrder[line.type] != nil
                throw SDPSyntaxError(line: line.number, known
                    ? "\(line.letter)= belongs before the first m= line (RFC 8866 §5)"
                    : "unknown line type \(line.letter)= (RFC 8866 §5)")
            }
            if line.type == UInt8(ascii: "r"), previous != UInt8(ascii: "t"), previous != UInt8(ascii: "r") {
                throw SDPSyntaxError(line: line.number, "r= must follow a t= line (RFC 8866 §5.10)")
            }
            if place.rank < rank || (place.rank == rank && !place.repeats) {
                throw SDPSyntaxError(line: line.number, "\(line.letter)= out of order (RFC 8866 §5)")
            }
            rank = place.rank
            previous = line.type
        }
        for (type, section) in [("o", "5.2"), ("s", "5.3"), ("t", "5.9")]
        where !lines.contains(where: { $0.type == Character(type).asciiValue }) {
            throw SDPSyntaxError("missing \(type)= line (RFC 8866 §\(section))")
        }
    }

    private struct Place {
        var rank: Int
        var repeats: Bool
    }

    private static let sessionOrder: [UInt8: Place] = places([
        ("v", 0, false), ("o", 1, false), ("s", 2, false), ("i", 3, false), ("u", 4, false),
        ("e", 5, true), ("p", 6, true), ("c", 7, false), ("b", 8, true), ("t", 9, true),
        ("r", 9, true), ("z", 10, false), ("k", 11, false), ("a", 12, true),
    ])

    private static let mediaOrder: [UInt8: Place] = places([
        ("i", 1, false), ("c", 2, true), ("b", 3, true), ("k", 4, false), ("a", 5, true),
    ])

    private static func places(_ list: [(Character, Int, Bool)]) -> [UInt8: Place] {
        var table: [UInt8: Place] = [:]
        for (letter, rank, repeats) in list { table[letter.asciiValue!] = Place(rank: rank, repeats: repeats) }
        return table
    }

    /// After libosip2 refused lines that passed the checks above: the first
    /// line whose fields do not have the shape of RFC 8866 §5.
    func diagnoseFieldError() -> SDPSyntaxError {
        for line in lines where !Self.hasPlausibleFields(line) {
            let section = ["o": "5.2", "c": "5.7", "b": "5.8", "t": "5.9", "k": "5.12", "a": "5.13", "m": "5.14"]
            return SDPSyntaxError(line: line.number, "malformed \(line.letter)= line \(Self.preview(line.value))"
                                  + " (RFC 8866 §\(section[line.letter] ?? "5"))")
        }
        return SDPSyntaxError("libosip2 could not read the description")
    }

    private static func hasPlausibleFields(_ line: Line) -> Bool {
        let text = String(decoding: line.value, as: UTF8.self)
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        switch line.letter {
        case "o": return fields.count >= 6 && !fields.contains { $0.isEmpty }
        case "c": return fields.count >= 3 && !fields.contains { $0.isEmpty }
        case "t": return fields.count == 2 && !fields.contains { $0.isEmpty }
        case "m": return fields.count >= 3 && !fields.prefix(3).contains { $0.isEmpty }
        case "b":
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
        case "a", "k": return !text.hasPrefix(":") && !text.hasSuffix(":")
        default: return true
        }
    }
}
