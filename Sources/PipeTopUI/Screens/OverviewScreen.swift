import PipeTopCore

/// Screen 1: one row per pipeline, what runs, how fast, on which version, whether it drifts.
enum OverviewScreen {
    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        let slo = ctx.settings.alerts.latencySLOMs
        return ctx.snapshot.pipelines.map { p in
            let drift = Cells.worstDrift(p)
            let p99 = p.latency?.p99
            let p99Role: ThemeRole = (p99 ?? 0) / 1000 > slo ? .critical : .text
            return ScreenRow(id: .pipeline(p.name), cells: [
                Span(p.status.rawValue.uppercased(), role: Cells.role(for: p.status)),
                Span(p.name),
                Cells.rate(p.throughput.recordsIn.s1),
                Cells.rate(p.throughput.recordsOut.s1),
                Span(""),  // the sparkline is drawn over this cell
                Span(Format.rate(p.throughput.errors.s10), role: p.throughput.errors.s10 > 0 ? .warn : nil),
                Span(Cells.ms(p99), role: p99Role),
                Span(p.lag.map { Format.rate(Double($0)) } ?? "-"),
                Span(Cells.serving(p.models)),
                Span(Cells.candidates(p.models), role: .accent),
                Span(drift.map { Cells.number($0.psi) } ?? "-", role: Cells.role(for: drift?.alertSeverity)),
                Span(p.alerts.isEmpty ? "0" : "\(p.alerts.count)", role: p.alerts.isEmpty ? .muted : .critical),
            ])
        }
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let rows = ScreenRow.filtered(rows(ctx, state), by: state.filters[.overview])
        let compact = area.width < 110
        let columns: [Table.Column] = [
            .init("STATUS", width: .fixed(8)), .init("PIPELINE", width: .min(10)),
            .init("IN/S", width: .fixed(7), alignment: .right), .init("OUT/S", width: .fixed(7), alignment: .right),
            .init("LAST 60s", width: .fixed(compact ? 10 : 20)), .init("ERR/S", width: .fixed(6), alignment: .right),
            .init("P99", width: .fixed(8), alignment: .right), .init("LAG", width: .fixed(6), alignment: .right),
            .init("SERVING", width: .min(10)), .init("CANDIDATE", width: .fixed(9)),
            .init("PSI", width: .fixed(6), alignment: .right), .init("ALERTS", width: .fixed(6), alignment: .right),
        ]
        // Compact terminals drop the columns an operator can find on the detail screen.
        let keep = compact ? [0, 1, 2, 4, 5, 6, 8, 9, 10, 11] : Array(columns.indices)
        let block = Block(title: "Pipelines (\(rows.count))", rightTitle: state.filters[.overview].map { "/\($0.label)" })
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        let inner = block.inner(area)
        let selected = rows.isEmpty ? nil : state.selected(on: .overview, count: rows.count)
        var table = Table(
            columns: keep.map { columns[$0] },
            rows: rows.map { r in Table.Row(keep.map { r.cells[$0] }, role: r.role) },
            selected: selected, offset: state.offsets[.overview] ?? 0)
        let visible = Table.visibleRange(selected: selected, offset: table.offset, height: max(0, inner.height - 1), count: rows.count)
        table.offset = visible.lowerBound
        table.render(in: inner, buffer: &buffer, theme: ctx.theme)
        if rows.isEmpty {
            let bad = ctx.snapshot.sources.filter { $0.malformed > 0 }.map { "\($0.malformed) malformed from \($0.name)" }
            let text = "no pipelines yet: waiting for metrics, model or scored events"
                + (bad.isEmpty ? "" : " (" + bad.joined(separator: ", ") + ")")
            Paragraph(text, role: bad.isEmpty ? .muted : .warn)
                .render(in: Rect(x: inner.x + 1, y: inner.y + 2, width: max(0, inner.width - 2), height: 1), buffer: &buffer, theme: ctx.theme)
            return
        }
        // Sparklines of the input rate over the last minute, drawn into their column.
        guard let sparkColumn = keep.firstIndex(of: 4) else { return }
        let rects = table.columnRects(in: inner)
        guard sparkColumn < rects.count else { return }
        for (line, i) in visible.enumerated() {
            guard case .pipeline(let name) = rows[i].id, let p = ctx.snapshot.pipeline(named: name) else { continue }
            let values = p.history.series(.recordsIn, count: 60, endingBefore: p.historyEndSecond)
            let cell = Rect(x: rects[sparkColumn].x, y: inner.y + 1 + line, width: rects[sparkColumn].width, height: 1)
            Sparkline(values: values, role: i == selected ? .selection : .accent).render(in: cell, buffer: &buffer, theme: ctx.theme)
        }
    }
}
