/// A time series drawn with braille dots (2×4 per cell), newest at the right, with the y-axis
/// maximum and minimum labelled on the left.
public struct LineChart: Widget, Hashable {
    /// Bit of a braille cell for dot column 0–1 and dot row 0–3 (Unicode's dot numbering).
    static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    public var values: [Double]
    /// Axis bounds; taken from the values shown when nil.
    public var min: Double?
    public var max: Double?
    public var role: ThemeRole
    public var axisRole: ThemeRole

    public init(
        values: [Double], min: Double? = nil, max: Double? = nil,
        role: ThemeRole = .accent, axisRole: ThemeRole = .muted
    ) {
        self.values = values
        self.min = min
        self.max = max
        self.role = role
        self.axisRole = axisRole
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        // Bounds from the points that fit, assuming the axis takes room; good enough for labels.
        let finite = values.suffix(area.width * 2).filter(\.isFinite)
        let lo = min ?? finite.min() ?? 0
        let hi = max ?? finite.max() ?? 0
        let top = ValueLabel.format(hi)
        let bottom = ValueLabel.format(lo)
        let labelWidth = Swift.max(DisplayWidth.of(top), DisplayWidth.of(bottom))
        var plot = area
        if area.width >= labelWidth + 3 {
            let axis = theme.style(for: axisRole)
            let axisX = area.x + labelWidth
            for y in area.y..<area.bottom {
                buffer[axisX, y] = Cell("│", style: axis)
            }
            buffer.set(string: top, at: (axisX - DisplayWidth.of(top), area.y), style: axis)
            buffer[axisX, area.y] = Cell("┤", style: axis)
            if area.height > 1 {
                buffer.set(string: bottom, at: (axisX - DisplayWidth.of(bottom), area.bottom - 1), style: axis)
                buffer[axisX, area.bottom - 1] = Cell("┤", style: axis)
            }
            plot = Rect(x: axisX + 1, y: area.y, width: area.right - axisX - 1, height: area.height)
        }
        let dots = Self.dots(values: values, width: plot.width, height: plot.height, lo: lo, hi: hi)
        let style = theme.style(for: role)
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                let bits = dots[row * plot.width + column]
                guard bits != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits)) else { continue }
                buffer[plot.x + column, plot.y + row] = Cell(String(Character(scalar)), style: style)
            }
        }
    }

    /// The braille bits of each plot cell (row-major), with consecutive points joined vertically
    /// so a steep change reads as a line, not scattered dots.
    static func dots(values: [Double], width: Int, height: Int, lo: Double, hi: Double) -> [UInt8] {
        var grid = [UInt8](repeating: 0, count: width * height)
        let dotRows = height * 4
        guard width > 0, height > 0 else { return grid }
        let shown = values.suffix(width * 2)
        var dotX = width * 2 - shown.count
        var previous: Int?
        for value in shown {
            defer { dotX += 1 }
            guard value.isFinite else {
                previous = nil
                continue
            }
            let fraction = hi > lo ? (Swift.min(hi, Swift.max(lo, value)) - lo) / (hi - lo) : 0.5
            let dotY = dotRows - 1 - Int((fraction * Double(dotRows - 1)).rounded())
            let from = previous.map { $0 < dotY ? $0 + 1 : ($0 > dotY ? $0 - 1 : dotY) } ?? dotY
            for y in Swift.min(from, dotY)...Swift.max(from, dotY) {
                grid[(y / 4) * width + dotX / 2] |= dotBits[dotX % 2][y % 4]
            }
            previous = dotY
        }
        return grid
    }
}
