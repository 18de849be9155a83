import PipeTopCore

/// What an operator weighs before promoting: the selected version side by side with the primary.
enum DecisionPanel {
    static func render(line: ModelsScreen.Line, primary: ModelsScreen.Line?, in area: Rect, buffer: inout Buffer, ctx: ViewContext) {
        let block = Block(title: "v\(line.version.version) vs serving\(primary.map { " v\($0.version.version)" } ?? "")")
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        guard let primary, primary.version.version != line.version.version else {
            let text = line.version.state == .primary ? "this version is serving" : "no serving version to compare with"
            Paragraph(text, role: .muted).render(in: block.inner(area), buffer: &buffer, theme: ctx.theme)
            return
        }
        func row(_ name: String, _ a: Double?, _ b: Double?, digits: Int = 3, better: (Double, Double) -> Bool) -> Span {
            let delta: Double? = if let a, let b { a - b } else { nil }
            let role: ThemeRole? = delta.map { d in better(d, 0) ? .ok : (d == 0 ? nil : .warn) } ?? .muted
            let deltaText = delta.map { String(format: "%+.\(digits)f", $0) } ?? "-"
            return Span(name.padding(toLength: 12, withPad: " ", startingAt: 0)
                + Cells.number(a, digits: digits).padding(toLength: 9, withPad: " ", startingAt: 0)
                + Cells.number(b, digits: digits).padding(toLength: 9, withPad: " ", startingAt: 0) + deltaText, role: role)
        }
        let s = line.stats, p = primary.stats
        var lines = [Span("            this     serving  delta", role: .muted)]
        lines.append(row("accuracy", s?.quality.accuracy, p?.quality.accuracy, better: >))
        lines.append(row("auc", s?.quality.auc, p?.quality.auc, better: >))
        lines.append(row("score psi", s?.scoreDrift.report?.psi, p?.scoreDrift.report?.psi, better: <))
        lines.append(row("p99 ms", s?.latency.map { $0.p99 / 1000 }, p?.latency.map { $0.p99 / 1000 }, digits: 1, better: <))
        lines.append(Span("agreement with serving: \(s?.agreement.map { Format.percent($0) } ?? "-")"))
        if let n = s?.quality.count, n < ctx.settings.drift.meaningfulCount {
            lines.append(Span("only \(n) labelled records: not yet meaningful", role: .warn))
        }
        Paragraph(lines: lines, overflow: .truncate).render(in: block.inner(area), buffer: &buffer, theme: ctx.theme)
    }
}
