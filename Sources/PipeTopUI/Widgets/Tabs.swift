/// A row of titles separated by `│`, the selected one drawn in the selection role.
public struct Tabs: Widget, Hashable {
    public var titles: [String]
    public var selected: Int
    public var role: ThemeRole
    public var selectedRole: ThemeRole

    public init(titles: [String], selected: Int, role: ThemeRole = .muted, selectedRole: ThemeRole = .selection) {
        self.titles = titles
        self.selected = selected
        self.role = role
        self.selectedRole = selectedRole
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        var x = area.x
        for (i, title) in titles.enumerated() {
            guard x < area.right else { return }
            if i > 0 {
                x += buffer.set(string: "│", at: (x, area.y), style: theme.style(for: .border), maxWidth: area.right - x)
            }
            let style = theme.style(for: i == selected ? selectedRole : role)
            x += buffer.set(string: " \(title) ", at: (x, area.y), style: style, maxWidth: area.right - x)
        }
    }
}
