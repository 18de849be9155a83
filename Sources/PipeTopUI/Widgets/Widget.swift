/// Something that draws itself into an area of a `Buffer`; a value, never touching the terminal.
public protocol Widget: Sendable {
    /// Draws into `area` (already clipped by the caller or not: writes outside the buffer are ignored).
    func render(in area: Rect, buffer: inout Buffer, theme: Theme)
}
