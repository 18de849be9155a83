/// The spelling of colours in theme files: `default`, the 8 basic names, `bright-<name>`, `colorN`.
public enum ColorName {
    static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// The colour a theme file names, or nil when the name is not one we know.
    public static func parse(_ text: String) -> Color? {
        let name = text.lowercased()
        if name == "default" { return .default }
        if let i = basicNames.firstIndex(of: name) { return .basic(UInt8(i)) }
        if name.hasPrefix("bright-"), let i = basicNames.firstIndex(of: String(name.dropFirst(7))) {
            return .basic(UInt8(i + 8))
        }
        if name.hasPrefix("color"), let n = Int(name.dropFirst(5)), (0...255).contains(n) {
            return .indexed(UInt8(n))
        }
        return nil
    }

    /// The canonical name of `color`, so that `parse(name(c)) == c`.
    public static func name(_ color: Color) -> String {
        switch color {
        case .default: return "default"
        case .basic(let i) where i < 8: return basicNames[Int(i)]
        case .basic(let i) where i < 16: return "bright-" + basicNames[Int(i) - 8]
        case .basic(let i): return "color\(i)"
        case .indexed(let i): return "color\(i)"
        }
    }
}
