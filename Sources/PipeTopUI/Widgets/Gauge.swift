/// A horizontal bar filled to a ratio in eighths of a cell, with a label (the percentage by default).
public struct Gauge: Widget, Hashable {
    static let partials: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public var ratio: Double
    public var label: String?
    public var role: ThemeRole

    public init(ratio: Double, label: String? = nil, role: ThemeRole = .accent) {
        self.ratio = ratio
        self.label = label
        self.role = role
    }

    /// The ratio clamped to 0…1; NaN counts as empty.
    public var clampedRatio: Double {
        ratio.isFinite ? Swift.min(1, Swift.max(0, ratio)) : 0
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let text = label ?? "\(Int((clampedRatio * 100).rounded()))%"
        let labelWidth = DisplayWidth.of(text)
        // The label goes right of the bar so the fill stays readable in plain text too.
        let barWidth = area.width > labelWidth + 1 ? area.width - labelWidth - 1 : area.width
        let y = area.y + (area.height - 1) / 2
        let eighths = Int((clampedRatio * Double(barWidth * 8)).rounded())
        let style = theme.style(for: role)
        let muted = theme.style(for: .muted)
        for i in 0..<barWidth {
            let filled = eighths - i * 8
            let cell =
                filled >= 8
                ? Cell("█", style: style)
                : filled > 0 ? Cell(Self.partials[filled], style: style) : Cell("░", style: muted)
            buffer[area.x + i, y] = cell
        }
        if barWidth < area.width {
            buffer.set(string: text, at: (area.x + barWidth + 1, y), style: theme.style(for: .text))
        }
    }
}
