/// How the dashboard looks and reacts (`[ui]`).
public struct UISettings: Sendable, Hashable {
    /// Name of a theme in `Themes/`.
    public var theme = "default"
    /// Redraws per second at most.
    public var fps = 10
    /// Span the charts cover when the dashboard starts.
    public var timeRange = TimeRange.oneMinute
    /// Key overrides, action name → key name; actions not listed keep their built-in keys.
    public var keymap: [String: String] = [:]
    /// The Tail screen's columns, left to right (`:columns` changes them at run time).
    public var tailColumns = ScoredColumn.tailDefaults

    public static let fpsRange = 1...60

    public init(
        theme: String = "default", fps: Int = 10, timeRange: TimeRange = .oneMinute,
        keymap: [String: String] = [:], tailColumns: [ScoredColumn] = ScoredColumn.tailDefaults
    ) {
        self.tailColumns = tailColumns
        self.theme = theme
        self.fps = fps
        self.timeRange = timeRange
        self.keymap = keymap
    }
}
