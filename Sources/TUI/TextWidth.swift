import CCursesShim

/// Measures, cuts and pads text by terminal cells, the way curses will place
/// it: every scalar advances the cursor by its `wcwidth` (CJK and most emoji
/// take two cells, combining marks none). Layout must count cells, never
/// `Character`s, or a row with 王小明 in it pushes the border out.
///
/// Text is cut only between grapheme clusters, so a wide character is never
/// split and an accent never loses its letter.
public enum TextWidth {
    public static let ellipsis: Character = "…"

    /// Cells taken by one grapheme cluster: the sum of its scalars' widths.
    /// Control characters count as one cell because `sanitized` shows them as
    /// U+FFFD; a zero-width cluster standing alone (a stray combining mark,
    /// U+200B) counts as zero and is dropped by `sanitized`.
    public static func cells(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars {
            let value = scalar.value
            if value >= 0x20 && value < 0x7F { total += 1; continue }   // ASCII: no C call
            let width = Int(sh_wcwidth_utf8(value))
            if width < 0 { return 1 }
            total += width
        }
        return total
    }

    public static func cells(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += cells(character) }
        return total
    }

    /// Text safe to hand to a terminal: control characters (a newline in a
    /// SIP display name, an escape sequence in a note) become U+FFFD so they
    /// can neither move the cursor nor change colours; lone zero-width
    /// clusters are dropped because they have no cell to live in.
    public static func sanitized(_ text: some StringProtocol) -> String {
        var result = ""
        for character in text {
            if character.unicodeScalars.contains(where: isControl) {
                result.append("\u{FFFD}")
            } else if cells(character) > 0 {
                result.append(character)
            }
        }
        return result
    }

    /// The longest prefix of `text` that fits in `width` cells. When text had
    /// to be cut and `ellipsis` is set, the prefix ends with "…" (one cell).
    public static func truncate(_ text: some StringProtocol, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if cells(text) <= width { return String(text) }
        let budget = ellipsis ? width - 1 : width
        var result = ""
        var used = 0
        for character in text {
            let size = cells(character)
            if used + size > budget { break }
            result.append(character)
            used += size
        }
        if ellipsis { result.append(Self.ellipsis) }
        return result
    }

    /// Exactly `width` cells: truncated (with an ellipsis) or padded with
    /// spaces on the right. A wide character that would straddle the edge
    /// is replaced by padding, never split.
    public static func fit(_ text: some StringProtocol, to width: Int, ellipsis: Bool = true) -> String {
        pad(truncate(text, to: width, ellipsis: ellipsis), to: width)
    }

    /// `text` followed by spaces up to `width` cells (unchanged if wider).
    public static func pad(_ text: some StringProtocol, to width: Int) -> String {
        let missing = width - cells(text)
        return missing > 0 ? String(text) + String(repeating: " ", count: missing) : String(text)
    }

    /// Spaces, then `text`, ending at `width` cells (truncated if wider).
    public static func padLeft(_ text: some StringProtocol, to width: Int) -> String {
        let fitted = truncate(text, to: width)
        let missing = width - cells(fitted)
        return missing > 0 ? String(repeating: " ", count: missing) + fitted : fitted
    }

    /// The suffix of `text` that fits in `width` cells (for a prompt whose
    /// start scrolls off to the left as one types).
    public static func tail(_ text: some StringProtocol, fitting width: Int) -> String {
        guard width > 0 else { return "" }
        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let size = cells(character)
            if used + size > width { break }
            kept.append(character)
            used += size
        }
        return String(kept.reversed())
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }
}
