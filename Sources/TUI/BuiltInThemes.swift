/// The four themes shipped in Themes/, built in so the program finds them
/// wherever it is installed. A test checks that these texts equal the files
/// in Themes/ byte for byte; after editing a theme file, copy it here.
enum BuiltInThemes {
    static let text: [String: String] = [
        "default": #"""
# Switchboard theme: named colour roles (finch-style), read by the TUI.
# Colours: black, red, green, yellow, blue, magenta, cyan, white, default,
# or 0-255 for 256-colour terminals. Attributes: bold, dim, reverse, underline.
name = "default"

[roles]
background   = { fg = "default", bg = "default" }
text         = { fg = "default", bg = "default" }
dim          = { fg = "white",   bg = "default", attrs = ["dim"] }
accent       = { fg = "cyan",    bg = "default", attrs = ["bold"] }
available    = { fg = "green",   bg = "default" }
away         = { fg = "yellow",  bg = "default" }
busy         = { fg = "red",     bg = "default" }
on-the-phone = { fg = "magenta", bg = "default", attrs = ["bold"] }
offline      = { fg = "white",   bg = "default", attrs = ["dim"] }
unknown      = { fg = "blue",    bg = "default" }
error        = { fg = "white",   bg = "red",     attrs = ["bold"] }

"""#,
        "high-contrast": #"""
# Maximum contrast: bright colours on black, bold status roles.
name = "high-contrast"

[roles]
background   = { fg = "white",   bg = "black" }
text         = { fg = "white",   bg = "black", attrs = ["bold"] }
dim          = { fg = "white",   bg = "black" }
accent       = { fg = "yellow",  bg = "black", attrs = ["bold", "underline"] }
available    = { fg = "green",   bg = "black", attrs = ["bold"] }
away         = { fg = "yellow",  bg = "black", attrs = ["bold"] }
busy         = { fg = "red",     bg = "black", attrs = ["bold"] }
on-the-phone = { fg = "magenta", bg = "black", attrs = ["bold", "reverse"] }
offline      = { fg = "white",   bg = "black" }
unknown      = { fg = "cyan",    bg = "black", attrs = ["bold"] }
error        = { fg = "black",   bg = "red",   attrs = ["bold"] }

"""#,
        "light": #"""
# For terminals with a light background: darker foregrounds, no white text.
name = "light"

[roles]
background   = { fg = "black",   bg = "default" }
text         = { fg = "black",   bg = "default" }
dim          = { fg = "8",       bg = "default" }
accent       = { fg = "blue",    bg = "default", attrs = ["bold"] }
available    = { fg = "22",      bg = "default", attrs = ["bold"] }
away         = { fg = "130",     bg = "default" }
busy         = { fg = "124",     bg = "default", attrs = ["bold"] }
on-the-phone = { fg = "90",      bg = "default", attrs = ["bold"] }
offline      = { fg = "8",       bg = "default" }
unknown      = { fg = "24",      bg = "default" }
error        = { fg = "white",   bg = "124",     attrs = ["bold"] }

"""#,
        "mono": #"""
# For terminals without colours: roles differ by attributes and by the status
# symbols the TUI always shows next to a name.
name = "mono"

[roles]
background   = { attrs = [] }
text         = { attrs = [] }
dim          = { attrs = ["dim"] }
accent       = { attrs = ["bold"] }
available    = { attrs = ["bold"] }
away         = { attrs = [] }
busy         = { attrs = ["underline"] }
on-the-phone = { attrs = ["bold", "underline"] }
offline      = { attrs = ["dim"] }
unknown      = { attrs = ["dim"] }
error        = { attrs = ["reverse", "bold"] }

"""#,
    ]
}
