/// A named mapping from semantic roles to styles; widgets ask it for `style(for: .warn)`.
public struct Theme: Sendable, Hashable {
    public var name: String
    /// Roles the theme does not mention draw plain.
    public var roles: [ThemeRole: Style]

    public init(name: String, roles: [ThemeRole: Style]) {
        self.name = name
        self.roles = roles
    }

    public func style(for role: ThemeRole) -> Style {
        roles[role] ?? .plain
    }

    /// The theme to start with: `mono` whenever `NO_COLOR` is set (any value, see no-color.org),
    /// else the theme called `name` among `available`, else `default`.
    public static func resolve(
        name: String?, environment: [String: String], available: [Theme] = Theme.builtins
    ) -> Theme {
        if environment["NO_COLOR"] != nil {
            return available.first { $0.name == "mono" } ?? .mono
        }
        if let name, let theme = available.first(where: { $0.name == name }) {
            return theme
        }
        return available.first { $0.name == "default" } ?? .defaultDark
    }

    /// The theme as a terminal with `colors` colours can show it.
    ///
    /// 256 and more: unchanged. 16: 256-colour indexes become the nearest of the 16. 8: bright
    /// colours become their basic colour, made bold in the foreground (most 8-colour terminals
    /// show bold as bright). 2 or fewer: colours dropped, attributes kept.
    public func degraded(colors: Int) -> Theme {
        guard colors < 256 else { return self }
        var result = self
        for (role, style) in roles {
            result.roles[role] = Self.degrade(style, colors: colors)
        }
        return result
    }

    static func degrade(_ style: Style, colors: Int) -> Style {
        var out = style
        if colors <= 2 {
            out.fg = .default
            out.bg = .default
            return out
        }
        let fg = ColorPalette.nearestBasic(style.fg)
        let bg = ColorPalette.nearestBasic(style.bg)
        if colors >= 16 {
            out.fg = fg
            out.bg = bg
            return out
        }
        if case .basic(let i) = fg, i >= 8 {
            out.fg = .basic(i - 8)
            out.modifiers.insert(.bold)
        } else {
            out.fg = fg
        }
        if case .basic(let i) = bg, i >= 8 {
            out.bg = .basic(i - 8)
        } else {
            out.bg = bg
        }
        return out
    }
}
