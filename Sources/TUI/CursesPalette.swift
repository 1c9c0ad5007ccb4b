import CCursesShim

/// The theme turned into curses attributes and colour pairs: one pair per
/// role. Without colours (has_colors() false, too few pairs, or NO_COLOR
/// set) the mono theme is used and only attributes tell roles apart.
struct CursesPalette {
    struct Look {
        var attributes: attr_t
        var pair: Int16
    }

    private var looks: [StyleRole: Look] = [:]
    let usesColor: Bool
    let themeName: String

    /// Needs curses started (`start_color` is called here when colours are used).
    init(theme: Theme, colorAllowed: Bool) {
        let pairsNeeded = Int32(StyleRole.allCases.count + 1)
        let canColor = colorAllowed && has_colors() && start_color() == OK && sh_color_pairs() >= pairsNeeded
        usesColor = canColor
        let theme = canColor ? theme : .mono
        themeName = theme.name
        if canColor { use_default_colors() }
        let colors = Int(sh_colors())
        for (index, role) in StyleRole.allCases.enumerated() {
            let look = theme.look(role)
            var pair: Int16 = 0
            if canColor {
                pair = Int16(index + 1)
                init_pair(pair, Self.curses(look.foreground, colors: colors), Self.curses(look.background, colors: colors))
            }
            looks[role] = Look(attributes: Self.attributes(look.attributes), pair: pair)
        }
    }

    func look(_ style: TextStyle) -> Look {
        var look = looks[style.role] ?? Look(attributes: 0, pair: 0)
        // Highlighting flips reverse video, so a role that is already
        // reversed still stands out when selected.
        if style.highlighted { look.attributes ^= sh_a_reverse() }
        return look
    }

    private static func curses(_ color: ThemeColor?, colors: Int) -> Int16 {
        guard let color, case .index(let index) = color.approximated(toColors: colors) else { return -1 }
        return Int16(index)
    }

    private static func attributes(_ set: Set<TextAttribute>) -> attr_t {
        var result: attr_t = 0
        for attribute in set {
            switch attribute {
            case .bold: result |= sh_a_bold()
            case .dim: result |= sh_a_dim()
            case .reverse: result |= sh_a_reverse()
            case .underline: result |= sh_a_underline()
            }
        }
        return result
    }
}
