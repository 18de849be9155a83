/// The themes compiled into the binary, so pipetop looks right without any files installed.
/// `Themes/*.toml` hold the same definitions; a test keeps the two in step.
extension Theme {
    private static let black: Color = .basic(0), red: Color = .basic(1), green: Color = .basic(2)
    private static let yellow: Color = .basic(3), blue: Color = .basic(4), cyan: Color = .basic(6)
    private static let white: Color = .basic(7), brightBlack: Color = .basic(8)
    private static let brightRed: Color = .basic(9), brightGreen: Color = .basic(10)
    private static let brightYellow: Color = .basic(11), brightCyan: Color = .basic(14)
    private static let brightWhite: Color = .basic(15)

    private static func s(_ fg: Color = .default, _ bg: Color = .default, _ m: Modifiers = []) -> Style {
        Style(fg: fg, bg: bg, modifiers: m)
    }

    /// Dark terminal background; the default.
    public static let defaultDark = Theme(name: "default", roles: [
        .text: s(), .muted: s(brightBlack), .accent: s(cyan, .default, .bold), .ok: s(green),
        .warn: s(yellow, .default, .bold), .critical: s(red, .default, .bold),
        .header: s(black, cyan, .bold), .border: s(brightBlack), .selection: s(black, brightWhite),
    ])

    /// Light terminal background: darker foregrounds, a pale selection.
    public static let light = Theme(name: "light", roles: [
        .text: s(), .muted: s(.indexed(244)), .accent: s(blue, .default, .bold), .ok: s(.indexed(28)),
        .warn: s(.indexed(130), .default, .bold), .critical: s(red, .default, .bold),
        .header: s(white, blue, .bold), .border: s(.indexed(248)), .selection: s(black, .indexed(153)),
    ])

    /// Solarized's dark palette in 256-colour approximations.
    public static let solarizedDark = Theme(name: "solarized-dark", roles: [
        .text: s(.indexed(244)), .muted: s(.indexed(240)), .accent: s(.indexed(37), .default, .bold),
        .ok: s(.indexed(64)), .warn: s(.indexed(136), .default, .bold),
        .critical: s(.indexed(160), .default, .bold), .header: s(.indexed(234), .indexed(33), .bold),
        .border: s(.indexed(240)), .selection: s(.indexed(230), .indexed(24)),
    ])

    /// Bright foregrounds and full-background badges for poor eyesight or projectors.
    public static let highContrast = Theme(name: "high-contrast", roles: [
        .text: s(brightWhite), .muted: s(white), .accent: s(brightCyan, .default, .bold),
        .ok: s(brightGreen, .default, .bold), .warn: s(black, brightYellow, .bold),
        .critical: s(brightWhite, red, .bold), .header: s(black, brightWhite, .bold),
        .border: s(brightWhite), .selection: s(black, brightYellow, .bold),
    ])

    /// No colours at all (NO_COLOR): meaning carried by bold, dim, reverse and underline only.
    public static let mono = Theme(name: "mono", roles: [
        .text: s(), .muted: s(.default, .default, .dim), .accent: s(.default, .default, .bold),
        .ok: s(), .warn: s(.default, .default, .bold), .critical: s(.default, .default, [.bold, .underline]),
        .header: s(.default, .default, [.bold, .reverse]), .border: s(.default, .default, .dim),
        .selection: s(.default, .default, .reverse),
    ])

    /// All built-in themes, in the order `T` cycles through them.
    public static let builtins: [Theme] = [defaultDark, light, solarizedDark, highContrast, mono]

    public static func builtin(named name: String) -> Theme? {
        builtins.first { $0.name == name }
    }
}
