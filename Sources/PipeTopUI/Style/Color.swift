/// A terminal colour: the terminal's default, one of the 16 basic colours, or a 256-colour index.
public enum Color: Sendable, Hashable {
    case `default`
    /// 0–7 black red green yellow blue magenta cyan white; 8–15 their bright forms.
    case basic(UInt8)
    case indexed(UInt8)
}
