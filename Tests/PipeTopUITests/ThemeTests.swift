import Foundation
import Testing

@testable import PipeTopUI

private let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes").path

@Test(arguments: ["default", "light", "solarized-dark", "high-contrast", "mono"])
func shippedThemeFileEqualsTheBuiltInTheme(name: String) throws {
    let loaded = try ThemeLoader.load(path: themesDirectory + "/\(name).toml")
    let builtin = try #require(Theme.builtin(named: name))
    #expect(loaded == builtin)
    #expect(Set(loaded.roles.keys) == Set(ThemeRole.allCases))
}

@Test func everyShippedThemeFileIsABuiltInAndViceVersa() {
    let (themes, errors) = ThemeLoader.loadDirectory(themesDirectory)
    #expect(errors.isEmpty)
    #expect(themes.map(\.name).sorted() == Theme.builtins.map(\.name).sorted())
}

@Test func unknownColourNamesTheFileAndTheKey() {
    let text = """
        name = "light"
        [roles]
        warn = { fg = "yelow", bold = true }
        """
    #expect(throws: ThemeError.invalid(file: "light.toml", key: "roles.warn.fg", message: "unknown colour \"yelow\"")) {
        try ThemeLoader.parse(text, file: "light.toml")
    }
    do {
        _ = try ThemeLoader.parse(text, file: "light.toml")
    } catch {
        #expect(error.description == "light.toml: roles.warn.fg: unknown colour \"yelow\"")
    }
}

@Test func unknownRoleAndUnknownStyleKeyAreErrors() {
    #expect(throws: ThemeError.self) { try ThemeLoader.parse("[roles]\nwarning = { fg = \"red\" }", file: "t.toml") }
    do {
        _ = try ThemeLoader.parse("[roles]\nok = { fg = \"red\", italic = true }", file: "t.toml")
        Issue.record("expected an error")
    } catch {
        #expect(error.description.hasPrefix("t.toml: roles.ok.italic: unknown key"))
    }
}

@Test func syntaxErrorNamesFileAndLine() {
    do {
        _ = try ThemeLoader.parse("name = \"x\"\n[roles\n", file: "broken.toml")
        Issue.record("expected an error")
    } catch {
        guard case .syntax(let file, let line, _, _) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(file == "broken.toml")
        #expect(line == 2)
    }
}

@Test func themeNameDefaultsToTheFileName() throws {
    let theme = try ThemeLoader.parse("[roles]\nok = { fg = \"color82\" }", file: "/x/Themes/neon.toml")
    #expect(theme.name == "neon")
    #expect(theme.style(for: .ok) == Style(fg: .indexed(82)))
    #expect(theme.style(for: .warn) == .plain)
}

@Test func colourNamesRoundTrip() {
    for color in [Color.default, .basic(0), .basic(7), .basic(8), .basic(15), .indexed(0), .indexed(255)] {
        #expect(ColorName.parse(ColorName.name(color)) == color)
    }
    #expect(ColorName.parse("color256") == nil)
    #expect(ColorName.parse("bright-default") == nil)
}

@Test func noColorSelectsMonoWhateverItsValue() {
    #expect(Theme.resolve(name: "light", environment: ["NO_COLOR": ""]).name == "mono")
    #expect(Theme.resolve(name: "light", environment: ["NO_COLOR": "1"]).name == "mono")
    #expect(Theme.resolve(name: "light", environment: [:]).name == "light")
    #expect(Theme.resolve(name: "nope", environment: [:]).name == "default")
}

@Test func monoUsesNoColours() {
    for (_, style) in Theme.mono.roles {
        #expect(style.fg == .default && style.bg == .default)
    }
}

@Test func eightColourTerminalsGetBasicColoursWithBoldForBright() {
    let theme = Theme(name: "t", roles: [
        .muted: Style(fg: .basic(8)),
        .selection: Style(fg: .basic(0), bg: .basic(15)),
        .accent: Style(fg: .indexed(196)),
        .ok: Style(fg: .indexed(2)),
    ])
    let eight = theme.degraded(colors: 8)
    #expect(eight.style(for: .muted) == Style(fg: .basic(0), modifiers: .bold))
    #expect(eight.style(for: .selection) == Style(fg: .basic(0), bg: .basic(7)))
    #expect(eight.style(for: .accent) == Style(fg: .basic(1), modifiers: .bold))
    #expect(eight.style(for: .ok) == Style(fg: .basic(2)))
    let sixteen = theme.degraded(colors: 16)
    #expect(sixteen.style(for: .accent) == Style(fg: .basic(9)))
    #expect(sixteen.style(for: .muted) == Style(fg: .basic(8)))
    #expect(theme.degraded(colors: 256) == theme)
    #expect(theme.degraded(colors: 2).style(for: .selection) == Style())
}

@Test func everyBuiltInThemeDegradesToBasicColoursOnly() {
    for theme in Theme.builtins {
        for (_, style) in theme.degraded(colors: 8).roles {
            for color in [style.fg, style.bg] {
                if case .indexed = color { Issue.record("\(theme.name) kept \(color)") }
                if case .basic(let i) = color, i >= 8 { Issue.record("\(theme.name) kept bright \(i)") }
            }
        }
    }
}
