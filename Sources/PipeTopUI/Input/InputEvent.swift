/// What the terminal delivers to the app loop.
public enum InputEvent: Sendable, Hashable {
    case key(Key)
    /// Text pasted in one burst (bracketed paste): typed into inputs, never a binding.
    case paste(String)
    case resize(columns: Int, rows: Int)
}
