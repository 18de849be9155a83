/// Two distributions over the same bins drawn on top of each other: the reference as `░` columns,
/// the current one as solid `█` bars in front, so where they differ is what stands out.
///
/// Both are normalised to shares before drawing, so windows of different sizes compare fairly.
public struct Histogram: Widget, Hashable {
    static let partials: [String] = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇"]

    /// Counts (or shares) per bin of the reference distribution.
    public var reference: [Double]
    /// Counts (or shares) per bin of the current distribution.
    public var current: [Double]
    /// Bin edges: the `bins − 1` inner edges, or all `bins + 1`; labelled below when there is room.
    public var edges: [Double]
    public var referenceLabel: String
    public var currentLabel: String
    public var referenceRole: ThemeRole
    public var currentRole: ThemeRole

    public init(
        reference: [Double], current: [Double], edges: [Double] = [],
        referenceLabel: String = "reference", currentLabel: String = "current",
        referenceRole: ThemeRole = .muted, currentRole: ThemeRole = .accent
    ) {
        self.reference = reference
        self.current = current
        self.edges = edges
        self.referenceLabel = referenceLabel
        self.currentLabel = currentLabel
        self.referenceRole = referenceRole
        self.currentRole = currentRole
    }

    /// Each value divided by the total; all zeros when the total is not positive.
    static func shares(_ counts: [Double], bins: Int) -> [Double] {
        let clean = counts.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let total = clean.reduce(0, +)
        var result = [Double](repeating: 0, count: bins)
        guard total > 0 else { return result }
        for (i, v) in clean.enumerated() where i < bins { result[i] = v / total }
        return result
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        let bins = max(reference.count, current.count)
        guard !area.isEmpty, bins > 0 else { return }
        let refStyle = theme.style(for: referenceRole)
        let curStyle = theme.style(for: currentRole)
        var chart = area
        if area.height >= 3 {
            var x = area.x
            x += buffer.set(string: "░ " + referenceLabel, at: (x, area.y), style: refStyle, maxWidth: area.right - x)
            x += 2
            buffer.set(string: "█ " + currentLabel, at: (x, area.y), style: curStyle, maxWidth: area.right - x)
            chart = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        let binWidth = max(1, chart.width / bins)
        let showEdges = chart.height >= 3 && !edges.isEmpty && binWidth >= 2
        if showEdges { chart.height -= 1 }
        let ref = Self.shares(reference, bins: bins)
        let cur = Self.shares(current, bins: bins)
        let scale = max(ref.max() ?? 0, cur.max() ?? 0)
        let barWidth = binWidth >= 3 ? binWidth - 1 : binWidth
        for bin in 0..<bins {
            let left = chart.x + bin * binWidth
            guard left < chart.right else { break }
            let refRows = Self.rows(ref[bin], scale: scale, height: chart.height)
            let curEighths = Sparkline.eighths(cur[bin], scale: scale, height: chart.height)
            for row in 0..<chart.height {
                let y = chart.bottom - 1 - row
                let curFill = min(8, max(0, curEighths - row * 8))
                let cell: Cell
                if curFill == 8 {
                    cell = Cell("█", style: curStyle)
                } else if curFill > 0 {
                    // Current is in front: its partial top wins over the reference behind it.
                    cell = Cell(Self.partials[curFill], style: curStyle)
                } else if row < refRows {
                    cell = Cell("░", style: refStyle)
                } else {
                    continue
                }
                for dx in 0..<barWidth where left + dx < chart.right {
                    buffer[left + dx, y] = cell
                }
            }
        }
        if showEdges { labelEdges(bins: bins, binWidth: binWidth, chart: chart, buffer: &buffer, theme: theme) }
    }

    /// Whole rows the reference fills (rounded), so `░` never claims more than it has.
    static func rows(_ share: Double, scale: Double, height: Int) -> Int {
        guard scale > 0, share > 0 else { return 0 }
        return min(height, Int((share / scale * Double(height)).rounded()))
    }

    private func labelEdges(bins: Int, binWidth: Int, chart: Rect, buffer: inout Buffer, theme: Theme) {
        let y = chart.bottom
        let first = edges.count == bins + 1 ? 0 : 1
        var nextFree = chart.x
        for (k, edge) in edges.enumerated() {
            let text = ValueLabel.format(edge)
            let width = DisplayWidth.of(text)
            let boundary = chart.x + (first + k) * binWidth
            let x = min(max(chart.x, boundary - width / 2), chart.right - width)
            guard x >= nextFree else { continue }  // skip labels that would overlap the previous one
            buffer.set(string: text, at: (x, y), style: theme.style(for: .muted), maxWidth: chart.right - x)
            nextFree = x + width + 1
        }
    }
}
