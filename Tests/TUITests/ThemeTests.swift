import Foundation
import Testing
@testable import TUI

/// Themes: the shipped files load, the built-in copies match them, and
/// broken files say where they are broken.
@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")
    static let shipped = ["default", "high-contrast", "light", "mono"]

    @Test(arguments: shipped)
    func shippedThemeLoadsWithEveryRole(name: String) throws {
        let theme = try Theme.load(path: Self.themesDirectory.appendingPathComponent(name + ".toml").path)
        #expect(theme.name == name)
        for role in StyleRole.allCases { #expect(theme.roles[role] != nil, "\(name) has no \(role.rawValue)") }
    }

    @Test(arguments: shipped)
    func builtInCopyEqualsTheFile(name: String) throws {
        let file = try String(contentsOf: Self.themesDirectory.appendingPathComponent(name + ".toml"), encoding: .utf8)
        #expect(BuiltInThemes.text[name] == file, "Sources/TUI/BuiltInThemes.swift is out of date for \(name).toml")
    }

    @Test func everyShippedThemeIsBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(BuiltInThemes.text.keys))
    }

    @Test func colours() throws {
        let theme = try Theme.parse("""
            [roles]
            text = { fg = "default", bg = "blue" }
            busy = { fg = 196, attrs = ["bold", "underline"] }
            away = { fg = "130" }
            """, path: "t.toml")
        #expect(theme.look(.text) == RoleLook(foreground: .terminalDefault, background: .index(4)))
        #expect(theme.look(.busy) == RoleLook(foreground: .index(196), attributes: [.bold, .underline]))
        #expect(theme.look(.away).foreground == .index(130))
        // A role the file leaves out looks like text.
        #expect(theme.look(.accent) == theme.look(.text))
    }

    @Test func monoIsBuiltIn() {
        #expect(Theme.mono.name == "mono")
        #expect(Theme.mono.look(.error).attributes == [.reverse, .bold])
        #expect(Theme.mono.roles.values.allSatisfy { $0.foreground == nil && $0.background == nil })
    }

    @Test func coloursFoldOntoSmallPalettes() {
        #expect(ThemeColor.index(9).approximated(toColors: 8) == .index(1))
        #expect(ThemeColor.index(196).approximated(toColors: 8) == .index(1))    // bright red
        #expect(ThemeColor.index(22).approximated(toColors: 8) == .index(0))     // dark green is nearest black
        #expect(ThemeColor.index(46).approximated(toColors: 8) == .index(2))     // green
        #expect(ThemeColor.index(231).approximated(toColors: 8) == .index(7))    // white
        #expect(ThemeColor.index(130).approximated(toColors: 256) == .index(130))
        #expect(ThemeColor.terminalDefault.approximated(toColors: 8) == .terminalDefault)
    }

    @Test(arguments: [
        ("name = \"x\"\n[roles]\nbusy = { fg = \"red\" \n", 3, nil as String?, "TOML syntax error"),
        ("[roles]\ntext = { fg = \"red\" }\navailabel = { fg = \"green\" }\n", 3, "roles.availabel", "unknown role"),
        ("[roles]\n\nbusy = { fg = \"crimson\" }\n", 3, "roles.busy.fg", "expected a colour"),
        ("[roles]\nbusy = { fg = 300 }\n", 2, "roles.busy.fg", "expected a colour"),
        ("[roles]\nbusy = { attrs = [\"blink\"] }\n", 2, "roles.busy.attrs", "unknown attribute \"blink\""),
        ("[roles]\nbusy = { attrs = \"bold\" }\n", 2, "roles.busy.attrs", "expected an array"),
        ("[roles]\nbusy = { colour = \"red\" }\n", 2, "roles.busy.colour", "unknown key"),
        ("[roles]\nbusy = \"red\"\n", 2, "roles.busy", "expected a table"),
        ("name = \"x\"\n", nil, nil, "no [roles] table"),
        ("name = \"x\"\ncolours = 1\n[roles]\n", 2, "colours", "unknown key"),
    ] as [(String, Int?, String?, String)])
    func malformedThemesSayWhere(text: String, line: Int?, key: String?, message: String) {
        #expect {
            _ = try Theme.parse(text, path: "bad.toml")
        } throws: { error in
            guard let error = error as? TOMLFileError else { return false }
            return error.path == "bad.toml" && error.line == line && error.key == key && error.message.contains(message)
        }
    }

    @Test func theFirstProblemInTheFileIsReported() throws {
        // TOMLKit returns keys alphabetically; the error must follow the file.
        let text = "[roles]\nunknown = { fg = \"nope\" }\naway = { fg = \"nope\" }\n"
        #expect(throws: TOMLFileError(path: "t.toml", line: 2, key: "roles.unknown.fg",
                                      message: "expected a colour: default, black, red, green, yellow, blue, magenta, cyan, white, or 0-255")) {
            try Theme.parse(text, path: "t.toml")
        }
    }

    @Test func errorTextNamesFileLineAndKey() {
        let error = TOMLFileError(path: "/x/t.toml", line: 4, key: "roles.busy.fg", message: "expected a colour")
        #expect(error.description == "/x/t.toml:4: roles.busy.fg: expected a colour")
    }

    @Test func namedThemesComeFromTheUserDirectoryThenBuiltIn() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tui-theme-\(UUID().uuidString)")
        let directory = home.appendingPathComponent("switchboard/themes")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "name = \"mine\"\n[roles]\ntext = { fg = \"red\" }\n"
            .write(to: directory.appendingPathComponent("default.toml"), atomically: true, encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": home.path]
        #expect(try Theme.named("default", environment: environment).name == "mine")
        #expect(try Theme.named("light", environment: environment).name == "light")
        #expect(throws: TOMLFileError.self) { try Theme.named("nosuch", environment: environment) }
    }
}
