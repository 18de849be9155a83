/// Work `update` asks the app loop to do: everything else it does is a state change.
public enum Effect: Sendable, Hashable {
    case quit
    /// Reload and apply the theme now named by the state.
    case applyTheme
}
