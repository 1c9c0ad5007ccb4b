/// A colour in a theme: the terminal's own default, or one of the 256
/// indexed colours (0-7 are the classic names).
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    case terminalDefault
    case index(Int)

    public static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
    ]

    /// "default", a colour name, or a number 0-255 (as text: themes write `"22"`).
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "default" {
            self = .terminalDefault
        } else if let index = ThemeColor.names[lowered] {
            self = .index(index)
        } else if let number = Int(name), (0...255).contains(number) {
            self = .index(number)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .index(let index): return ThemeColor.names.first(where: { $0.value == index })?.key ?? String(index)
        }
    }

    /// The nearest colour a terminal with `available` colours can show:
    /// 8-15 fold onto 0-7, the 256-colour cube and grey ramp onto the eight
    /// classic colours (by nearest RGB; the 16 bright ones vary too much
    /// between terminals to aim at), so a 256-colour theme still works on
    /// an 8-colour console.
    public func approximated(toColors available: Int) -> ThemeColor {
        guard case .index(let index) = self, index >= available else { return self }
        if index < 16 { return .index(index % 8) }
        let (red, green, blue) = ThemeColor.rgb(of: index)
        let classic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        ]
        let nearest = classic.indices.min { left, right in
            ThemeColor.distance(classic[left], (red, green, blue)) < ThemeColor.distance(classic[right], (red, green, blue))
        } ?? 7
        return .index(nearest)
    }

    /// xterm's RGB for indexes 16-255: a 6x6x6 cube, then 24 greys.
    static func rgb(of index: Int) -> (Int, Int, Int) {
        if index >= 232 {
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
        let cube = index - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }

    private static func distance(_ left: (Int, Int, Int), _ right: (Int, Int, Int)) -> Int {
        let red = left.0 - right.0, green = left.1 - right.1, blue = left.2 - right.2
        return red * red + green * green + blue * blue
    }
}

/// Text attributes a theme can ask for.
public enum TextAttribute: String, Sendable, Hashable, CaseIterable {
    case bold, dim, reverse, underline
}

/// How one role looks. nil colours mean the terminal's default.
public struct RoleLook: Sendable, Hashable {
    public var foreground: ThemeColor?
    public var background: ThemeColor?
    public var attributes: Set<TextAttribute>

    public init(foreground: ThemeColor? = nil, background: ThemeColor? = nil, attributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
