import PipeTopCore

/// Where a current distribution differs from its reference, a row per bin: the bin's range,
/// both shares, the difference in percentage points as a bar left (fewer records there now)
/// or right (more) of a zero line, and the bin's term of the PSI. When the PSI reaches
/// `markFrom`, the bins that make up half of it are marked `◀` and coloured.
///
/// Drawn as differences because the reference's bins are equal-frequency: side by side, every
/// reference bar is the same height and a move from 10 % to 13 % is invisible. The bar scale
/// is symmetric and never finer than ±`minimumScale` (10 points), so an undrifted window's
/// sampling noise stays a sliver instead of being blown up to full width.
public struct DriftBars: Widget, Hashable {
    /// Counts (or shares) per bin of the reference distribution.
    public var reference: [Double]
    /// Counts (or shares) per bin of the current distribution.
    public var current: [Double]
    /// Bin edges: the `bins − 1` inner edges, or all `bins + 1`; the bins' ranges are labelled
    /// with them (by number when there are none).
    public var edges: [Double]
    /// The PSI from which the bins behind it are marked; nil: never.
    public var markFrom: Double?
    /// The difference, as a share, that a half bar shows at least.
    public var minimumScale: Double
    public var barRole: ThemeRole
    public var markRole: ThemeRole

    public init(
        reference: [Double], current: [Double], edges: [Double] = [], markFrom: Double? = nil,
        minimumScale: Double = 0.1, barRole: ThemeRole = .accent, markRole: ThemeRole = .warn
    ) {
        self.reference = reference
        self.current = current
        self.edges = edges
        self.markFrom = markFrom
        self.minimumScale = minimumScale
        self.barRole = barRole
        self.markRole = markRole
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

    /// The bins that make up at least half of `terms`' sum, largest first; none while the sum
    /// is below `from`.
    static func marked(_ terms: [Double], from: Double?) -> Set<Int> {
        let total = terms.reduce(0, +)
        guard let from, total >= from, total > 0 else { return [] }
        var result: Set<Int> = []
        var covered = 0.0
        for i in terms.indices.sorted(by: { terms[$0] > terms[$1] }) where covered < total / 2 {
            result.insert(i)
            covered += terms[i]
        }
        return result
    }

    /// Bin `i`'s range: `< a` for the first, `≥ b` for the last, `a–b` between.
    func label(_ i: Int, bins: Int) -> String {
        let inner = edges.count == bins + 1 ? Array(edges.dropFirst().dropLast()) : edges
        guard inner.count == bins - 1 else { return "bin \(i + 1)" }
        if bins == 1 { return "all" }
        if i == 0 { return "< " + ValueLabel.format(inner[0]) }
        if i == bins - 1 { return "≥ " + ValueLabel.format(inner[bins - 2]) }
        return ValueLabel.format(inner[i - 1]) + "–" + ValueLabel.format(inner[i])
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        let bins = max(reference.count, current.count)
        guard !area.isEmpty, bins > 0 else { return }
        let ref = Self.shares(reference, bins: bins)
        let cur = Self.shares(current, bins: bins)
        let terms = (0..<bins).map { DriftMath.psiTerm(reference: ref[$0], current: cur[$0]) }
        let marks = Self.marked(terms, from: markFrom)
        let labels = (0..<bins).map { label($0, bins: bins) }
        // Columns one space apart: BIN REF CUR, the bar either side of its zero line, DIFF PSI ◀.
        let labelWidth = max(3, labels.map(DisplayWidth.of).max() ?? 0)
        let half = max(0, (area.width - labelWidth - 33) / 2)
        let refX = area.x + labelWidth + 1, curX = refX + 7, zero = curX + 7 + half
        let deltaX = half > 0 ? zero + half + 2 : curX + 7, psiX = deltaX + 7, markX = psiX + 7
        let scale = max(minimumScale, (0..<bins).map { abs(cur[$0] - ref[$0]) }.max() ?? 0)
        func put(_ text: String, x: Int, width: Int, y: Int, style: Style, right: Bool = true) {
            let fitted = TextFit.truncate(text, to: min(width, area.right - x))
            let pad = right ? width - DisplayWidth.of(fitted) : 0
            buffer.set(string: fitted, at: (x + pad, y), style: style, maxWidth: max(0, area.right - x - pad))
        }
        var y = area.y
        if area.height > bins {
            let header = theme.style(for: .header)
            buffer.fill(area.row(0), style: header)
            put("BIN", x: area.x, width: labelWidth, y: y, style: header, right: false)
            put("REF", x: refX, width: 6, y: y, style: header)
            put("CUR", x: curX, width: 6, y: y, style: header)
            if half > 0 {
                let points = Int((scale * 100).rounded())
                // The scale, and which side is which where there is room to say so.
                let wordy = half >= 16
                put("−\(points)pp" + (wordy ? " fewer" : ""), x: zero - half, width: half, y: y, style: header, right: false)
                put("0", x: zero, width: 1, y: y, style: header)
                put((wordy ? "more " : "") + "+\(points)pp", x: zero + 1, width: half, y: y, style: header)
            }
            put("DIFF", x: deltaX, width: 6, y: y, style: header)
            put("PSI", x: psiX, width: 6, y: y, style: header)
            y += 1
        }
        // Too few lines for every bin: the ones adding most to the PSI, in bin order.
        let shown = area.bottom - y >= bins ? Array(0..<bins)
            : (0..<bins).sorted { terms[$0] > terms[$1] }.prefix(area.bottom - y).sorted()
        let muted = theme.style(for: .muted)
        let text = theme.style(for: .text)
        for i in shown {
            let marked = marks.contains(i)
            let bar = theme.style(for: marked ? markRole : barRole)
            let difference = cur[i] - ref[i]
            put(labels[i], x: area.x, width: labelWidth, y: y, style: muted, right: false)
            put(Format.percent(ref[i]), x: refX, width: 6, y: y, style: muted)
            put(Format.percent(cur[i]), x: curX, width: 6, y: y, style: text)
            if half > 0 {
                let cells = min(half, Int((abs(difference) / scale * Double(half)).rounded()))
                for k in 0..<cells {
                    buffer[difference < 0 ? zero - 1 - k : zero + 1 + k, y] = Cell("█", style: bar)
                }
                buffer[zero, y] = Cell("│", style: muted)
            }
            let points = (difference * 1000).rounded() / 10
            put(String(format: "%+.1f", points == 0 ? 0 : points), x: deltaX, width: 6, y: y, style: marked ? bar : text)
            put(String(format: "%.3f", terms[i]), x: psiX, width: 6, y: y, style: marked ? bar : muted)
            if marked { put("◀", x: markX, width: 1, y: y, style: bar) }
            y += 1
        }
    }
}
