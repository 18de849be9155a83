/// Where the dashboard's input comes from: the terminal (`InputReader`) or a script (`ScriptedInput`).
public protocol InputSource: AnyObject {
    /// The next event, or nil when `timeoutMs` passed without one. After a `.resize` the
    /// runtime draws the whole frame again.
    func next(timeoutMs: Int) -> InputEvent?
}
