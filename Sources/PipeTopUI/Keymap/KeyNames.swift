/// The key names the keymap accepts, one table for parsing config and for showing help.
enum KeyNames {
    static let named: Set<String> = [
        "enter", "esc", "tab", "shift+tab", "up", "down", "left", "right", "pgup", "pgdown", "home", "end",
        "backspace", "delete", "space",
    ]

    static func isValid(_ name: String) -> Bool {
        if named.contains(name) { return true }
        if name.count == 1, let c = name.first { return !c.isWhitespace && !(c.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) }
        if name.hasPrefix("ctrl+"), name.count == 6, let c = name.last { return c.isLetter && c.isLowercase }
        if name.hasPrefix("alt+"), name.count == 5 { return true }
        if name.hasPrefix("f"), let n = Int(name.dropFirst()) { return (1...12).contains(n) }
        return false
    }
}
