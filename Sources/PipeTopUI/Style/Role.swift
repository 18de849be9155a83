/// The semantic roles widgets draw with; a theme maps each to a `Style`. Widgets never name colours.
public enum ThemeRole: String, Sendable, Hashable, CaseIterable {
    case text, muted, accent, ok, warn, critical, header, border, selection
}
