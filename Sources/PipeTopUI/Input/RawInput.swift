/// One unit read from the terminal, before decoding: a typed character or a curses key code.
public enum RawInput: Sendable, Hashable {
    /// A Unicode scalar value or C0 control byte, as `get_wch` returns it with `OK`.
    case character(UInt32)
    /// A curses function-key code (`KEY_UP`, `KEY_F(1)`, …), as `get_wch` returns it with
    /// `KEY_CODE_YES`.
    case keyCode(Int32)
}
