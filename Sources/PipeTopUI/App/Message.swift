import PipeTopCore

/// Everything that reaches the dashboard's `update`, one at a time (bubbletea's `Msg`).
public enum Message: Sendable {
    /// A key, a paste or a resize from the terminal.
    case input(InputEvent)
    /// Time passes (wall clock, ms): flashes expire, silences run out, commands time out.
    case tick(nowMs: Int64)
    /// A new reading of the sources.
    case data(ScreenData)
    /// The transport's report on a command sent (a failure to deliver, or a delivery).
    case delivered(id: String, DeliveryReport)
    /// What performing an effect came to, for the operator (a file written, a capture ended).
    case said(String, ThemeRole)
}
