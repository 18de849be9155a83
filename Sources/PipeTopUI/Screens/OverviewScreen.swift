import PipeTopCore

/// Screen 1: one row per pipeline, what runs, how fast, on which version, whether it drifts;
/// under it, when the rows leave room, the selected pipeline's charts and latest events.
enum OverviewScreen {
    /// The pipelines shown, in the chosen order, after the `/` filter: a fleet of a thousand
    /// costs a sort, and with a filter the words it matches, not a thousand formatted rows;
    /// worked out once per snapshot, order and filter (a keypress asks three times).
    static func pipelines(_ ctx: ViewContext, _ state: AppState) -> OverviewRows {
        let all = ctx.snapshot.pipelines
        let filter = state.filters[.overview]
        let order = ctx.memo.overviewOrder(sort: state.overviewSort, filter: filter) {
            let ordered = state.overviewSort.order(all)
            guard let filter, case .success(let matcher) = filter.compiled() else { return ordered }
            return ordered.filter { matcher.keeps(filterText(all[$0])) }
        }
        return OverviewRows(all: all, order: order)
    }

    /// What `/` matches on a row: its words (status, name, serving version, candidates), not its numbers.
    static func filterText(_ p: PipelineSnapshot) -> String {
        p.status.rawValue.uppercased() + " " + p.name + " " + Cells.serving(p.models) + " " + Cells.candidates(p.models)
    }

    /// One pipeline's row.
    static func row(_ p: PipelineSnapshot, _ ctx: ViewContext) -> ScreenRow {
        let drift = Cells.worstDrift(p)
        let p99 = p.latency?.p99
        let p99Role: ThemeRole = (p99 ?? 0) / 1000 > ctx.settings.alerts.latencySLOMs ? .critical : .text
        return ScreenRow(id: .pipeline(p.name), cells: [
            Span(p.status.rawValue.uppercased(), role: Cells.role(for: p.status)),
            Span(p.name),
            Cells.rate(p.throughput.recordsIn.s1),
            Cells.rate(p.throughput.recordsOut.s1),
            Span(""),  // the sparkline is drawn over this cell
            Span(Format.rate(p.throughput.errors.s10), role: p.throughput.errors.s10 > 0 ? .warn : nil),
            Span(Cells.ms(p99), role: p99Role),
            Span(p.lag.map { (p.groupLag?.unknownEnds ?? 0 > 0 ? "≥" : "") + Format.rate(Double($0)) } ?? "-"),
            Span(Cells.serving(p.models)),
            Span(Cells.candidates(p.models), role: .accent),
            drift.map { Span(Cells.number($0.psi), role: Cells.role(for: $0.alertSeverity)) }
                ?? (p.waitingForWindows.isEmpty ? Span("-") : Span("wait", role: .warn)),
            Span(p.alerts.isEmpty ? "0" : "\(p.alerts.count)", role: p.alerts.isEmpty ? .muted : .critical),
        ], filterText: filterText(p))
    }

    /// The filter, and how many pipelines have a version waiting for live windows (its PSI
    /// reads `wait`; the Models and Drift screens say why).
    static func rightTitle(_ ctx: ViewContext, _ state: AppState) -> String? {
        let waiting = ctx.snapshot.pipelines.reduce(0) { $0 + ($1.waitingForWindows.isEmpty ? 0 : 1) }
        let parts = [state.filters[.overview].map { "/\($0.label)" }, waiting == 0 ? nil : "\(waiting) waiting for live windows"]
        let shown = parts.compactMap { $0 }
        return shown.isEmpty ? nil : shown.joined(separator: " · ")
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let shown = pipelines(ctx, state)
        // Names first; narrow terminals hide the columns an operator can find on the detail
        // screen, and the sparkline takes whatever width is left. The name and serving columns
        // are as wide as the widest of all pipelines, not only of the rows on screen, so they
        // stay put while the list scrolls.
        let columns: [Table.Column] = [
            .init("STATUS", width: .fixed(8)),
            .init("PIPELINE", width: .content(min: 10, max: 32), contentWidth: shown.widest { DisplayWidth.of($0.name) }),
            .init("IN/S", width: .fixed(7), alignment: .right), .init("OUT/S", width: .fixed(7), alignment: .right, hideRank: 1),
            .init("LAST 60s", width: .min(8), hideRank: 5), .init("ERR/S", width: .fixed(6), alignment: .right, hideRank: 4),
            .init("P99", width: .fixed(8), alignment: .right), .init("LAG", width: .fixed(6), alignment: .right, hideRank: 2),
            .init("SERVING", width: .content(min: 10, max: 40), contentWidth: shown.widest { Cells.servingWidth($0.models) }),
            .init("CANDIDATE", width: .fixed(9), hideRank: 3),
            .init("PSI", width: .fixed(6), alignment: .right), .init("ALERTS", width: .fixed(6), alignment: .right),
        ]
        let selected = shown.isEmpty ? nil : state.selected(on: .overview, count: shown.count)
        // The rows first (with the header and borders); the panel only where enough is left.
        let pipeline = selected.map { shown[$0] }
        let panelHeight = area.height - (shown.count + 3)
        let parts = pipeline != nil && panelHeight >= OverviewPanel.minimumHeight
            ? Layout.split(area, direction: .vertical, constraints: [.fixed(shown.count + 3), .fill]) : [area]
        if let pipeline, parts.count == 2 {
            OverviewPanel.render(pipeline, in: parts[1], buffer: &buffer, ctx: ctx, state: state)
        }
        let block = Block(title: "Pipelines (\(shown.count)), by \(state.overviewSort.label)", rightTitle: rightTitle(ctx, state))
        block.render(in: parts[0], buffer: &buffer, theme: ctx.theme)
        let inner = block.inner(parts[0])
        // Only the rows on screen are formatted.
        let visible = Table.visibleRange(selected: selected, offset: state.offsets[.overview] ?? 0,
                                         height: max(0, inner.height - 1), count: shown.count)
        let table = Table(columns: columns, rows: visible.map { Table.Row(row(shown[$0], ctx).cells) },
                          selected: selected.map { $0 - visible.lowerBound })
        table.render(in: inner, buffer: &buffer, theme: ctx.theme)
        if shown.isEmpty {
            let bad = ctx.snapshot.sources.filter { $0.malformed > 0 }.map { "\($0.malformed) malformed from \($0.name)" }
            let text = "no pipelines yet: waiting for metrics, model or scored events"
                + (bad.isEmpty ? "" : " (" + bad.joined(separator: ", ") + ")")
            Paragraph(text, role: bad.isEmpty ? .muted : .warn)
                .render(in: Rect(x: inner.x + 1, y: inner.y + 2, width: max(0, inner.width - 2), height: 1), buffer: &buffer, theme: ctx.theme)
            return
        }
        // Sparklines of the input rate over the last minute, drawn into their column.
        let sparkColumn = table.columnRects(in: inner)[4]
        for (line, i) in visible.enumerated() {
            let p = shown[i]
            let values = Self.stretched(p.history.series(.recordsIn, count: 60, endingBefore: p.historyEndSecond), to: sparkColumn.width)
            let cell = Rect(x: sparkColumn.x, y: inner.y + 1 + line, width: sparkColumn.width, height: 1)
            Sparkline(values: values, role: i == selected ? .selection : .accent).render(in: cell, buffer: &buffer, theme: ctx.theme)
        }
    }

    /// A minute's values spread over a column wider than 60 cells (a wide terminal), each
    /// second a cell or two, so the minute fills the column instead of its right-hand part.
    static func stretched(_ values: [Double], to width: Int) -> [Double] {
        guard width > values.count, !values.isEmpty else { return values }
        return (0..<width).map { values[$0 * values.count / width] }
    }
}
