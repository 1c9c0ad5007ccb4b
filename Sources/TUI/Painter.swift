import Foundation

/// Draws fitted text and boxes into a driver. Every write goes through
/// `TextWidth.fit`, so nothing a view draws can spill out of its rectangle.
struct Painter {
    let driver: TerminalDriver

    /// Text in `width` cells at row/column: cut with "…" when too long,
    /// padded with spaces when `pad` (needed for highlighted bars).
    func text(_ text: String, row: Int, column: Int, width: Int, style: TextStyle, pad: Bool = false) {
        guard width > 0 else { return }
        let fitted = pad ? TextWidth.fit(TextWidth.sanitized(text), to: width)
            : TextWidth.truncate(TextWidth.sanitized(text), to: width)
        guard !fitted.isEmpty else { return }
        driver.put(fitted, row: row, column: column, style: style)
    }

    /// Pieces of differently styled text side by side on one row, cut at
    /// `width` cells; returns the cells used.
    @discardableResult
    func spans(_ spans: [(String, TextStyle)], row: Int, column: Int, width: Int, padStyle: TextStyle? = nil) -> Int {
        var used = 0
        for (text, style) in spans where used < width {
            let clean = TextWidth.sanitized(text)
            let fitted = TextWidth.truncate(clean, to: width - used)
            guard !fitted.isEmpty else { continue }
            driver.put(fitted, row: row, column: column + used, style: style)
            used += TextWidth.cells(fitted)
        }
        if let padStyle, used < width {
            driver.put(String(repeating: " ", count: width - used), row: row, column: column + used, style: padStyle)
        }
        return used
    }

    func fill(_ rect: Rect, style: TextStyle) {
        guard !rect.isEmpty else { return }
        let blank = String(repeating: " ", count: rect.width)
        for row in rect.row..<rect.bottom { driver.put(blank, row: row, column: rect.column, style: style) }
    }

    /// A frame with a title in its top edge; the inside is blanked so the
    /// box covers whatever was drawn below it.
    func box(_ rect: Rect, title: String, style: TextStyle) {
        guard rect.height >= 2, rect.width >= 2 else { return fill(rect, style: style) }
        let inner = rect.width - 2
        let heading = title.isEmpty ? "" : TextWidth.truncate(" " + title + " ", to: max(0, inner - 1))
        let top = "┌─" + heading + String(repeating: "─", count: max(0, inner - 1 - TextWidth.cells(heading)))
        driver.put(TextWidth.truncate(top, to: rect.width - 1, ellipsis: false) + "┐", row: rect.row,
                   column: rect.column, style: style)
        for row in (rect.row + 1)..<(rect.bottom - 1) {
            driver.put("│" + String(repeating: " ", count: inner) + "│", row: row, column: rect.column, style: style)
        }
        driver.put("└" + String(repeating: "─", count: inner) + "┘", row: rect.bottom - 1, column: rect.column, style: style)
    }
}

/// Clock times for the status bar and the event pane, in the model's time
/// zone (tests fix it; the app uses the user's).
enum ClockText {
    static func time(_ date: Date, in timeZone: TimeZone, seconds: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let hour = two(parts.hour ?? 0), minute = two(parts.minute ?? 0)
        return seconds ? "\(hour):\(minute):\(two(parts.second ?? 0))" : "\(hour):\(minute)"
    }

    /// A call's duration as m:ss or h:mm:ss.
    static func duration(_ seconds: Int) -> String {
        let seconds = max(0, seconds)
        let hours = seconds / 3600, minutes = (seconds / 60) % 60, rest = seconds % 60
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
