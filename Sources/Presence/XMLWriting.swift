/// A small XML element tree for the writers: elements are built as values
/// and printed once, so escaping happens in exactly one place.
struct XMLOutputElement: Sendable {
    var name: String
    var attributes: [(String, String)] = []
    var children: [XMLOutputElement] = []
    var text: String?

    init(_ name: String, _ attributes: [(String, String?)] = [], text: String? = nil,
         children: [XMLOutputElement] = []) {
        self.name = name
        self.attributes = attributes.compactMap { key, value in value.map { (key, $0) } }
        self.text = text
        self.children = children
    }

    /// The document with an XML declaration, two-space indentation and a
    /// final newline. Elements with text are written on one line so that
    /// the text is exactly what was given (no added white space).
    func document() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        write(into: &out, indent: 0)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        out += pad + "<" + name
        for (key, value) in attributes {
            out += " \(key)=\"\(XMLEscaping.attribute(value))\""
        }
        if children.isEmpty, text == nil || text == "" {
            out += "/>\n"
            return
        }
        out += ">"
        if let text { out += XMLEscaping.text(text) }
        if !children.isEmpty {
            out += "\n"
            for child in children { child.write(into: &out, indent: indent + 1) }
            out += pad
        }
        out += "</\(name)>\n"
    }
}

enum XMLEscaping {
    /// XML 1.0 §2.4: `<` and `&` must be escaped in text; `>` is escaped too
    /// so that "]]>" cannot appear. CR is written as a reference so that it
    /// survives end-of-line normalization (XML 1.0 §2.11).
    static func text(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default: if isXMLChar(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// XML 1.0 §2.2 Char: C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF
    /// cannot be written at all, not even as references, so they are dropped.
    static func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0..<0x20, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// Attribute values also escape quotes and the white space characters
    /// that attribute-value normalization would turn into spaces (XML 1.0 §3.3.3).
    static func attribute(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default: if isXMLChar(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
