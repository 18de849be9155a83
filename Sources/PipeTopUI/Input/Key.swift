/// A key press with a canonical name, as the keymap spells it: `q`, `Q`, `ctrl+c`, `enter`,
/// `esc`, `tab`, `shift+tab`, `up`, `down`, `left`, `right`, `pgup`, `pgdown`, `home`, `end`,
/// `backspace`, `delete`, `space`, `f1`…`f12`, or a printable character as itself.
public struct Key: Sendable, Hashable, CustomStringConvertible {
    public var name: String

    public init(_ name: String) {
        self.name = name
    }

    public var description: String { name }

    /// The character the key types, for text inputs; nil for named keys.
    public var character: Character? {
        if name == "space" { return " " }
        guard name.count == 1, let c = name.first else { return nil }
        return c
    }
}
