/// A series as bars of eighth blocks `▁▂▃▄▅▆▇█`, newest at the right, scaled to the maximum.
public struct Sparkline: Widget, Hashable {
    static let levels: [String] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public var values: [Double]
    /// The value drawn as a full bar; the largest value shown when nil.
    public var max: Double?
    public var role: ThemeRole

    public init(values: [Double], max: Double? = nil, role: ThemeRole = .accent) {
        self.values = values
        self.max = max
        self.role = role
    }

    /// Eighths of the area's height that `value` fills (0…8·height). Any positive value shows at
    /// least one eighth, so a trickle is distinguishable from nothing.
    static func eighths(_ value: Double, scale: Double, height: Int) -> Int {
        guard value.isFinite, value > 0, scale > 0 else { return 0 }
        let full = height * 8
        let level = Int((min(value, scale) / scale * Double(full)).rounded())
        return Swift.max(1, Swift.min(full, level))
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let shown = values.suffix(area.width)
        let scale = max ?? shown.filter(\.isFinite).max() ?? 0
        let style = theme.style(for: role)
        var x = area.right - shown.count
        for value in shown {
            var remaining = Self.eighths(value, scale: scale, height: area.height)
            for y in stride(from: area.bottom - 1, through: area.y, by: -1) {
                let level = Swift.min(8, remaining)
                remaining -= level
                buffer[x, y] = Cell(Self.levels[level], style: style)
            }
            x += 1
        }
    }
}
