import PipeTopCore

/// The Overview's lower part, when the table leaves room for it: the selected pipeline's
/// throughput and p99 charts (side by side when the terminal is wide), then its active alerts
/// and latest events, newest first, as on the Events screen.
enum OverviewPanel {
    /// Fewer rows than this under the table: no panel, the table has the screen.
    static let minimumHeight = 10

    static func render(_ p: PipelineSnapshot, in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let chartsHeight = min(14, area.height * 3 / 5)
        let parts = Layout.split(area, direction: .vertical, constraints: [.fixed(chartsHeight), .fill])
        // Stacked only where side by side would be narrow and stacked is still tall enough.
        let sideBySide = area.width >= 100 || chartsHeight < 12
        let charts = Layout.split(parts[0], direction: sideBySide ? .horizontal : .vertical, constraints: [.percent(50), .fill])
        PipelineCharts.render(p, range: state.timeRange, throughput: charts[0], latency: charts[1], buffer: &buffer, ctx: ctx)
        events(of: p, in: parts[1], buffer: &buffer, ctx: ctx, state: state)
    }

    /// The pipeline's active alerts, then its events and alert changes from the Events screen.
    static func events(of p: PipelineSnapshot, in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let block = Block(title: "\(p.name): alerts (\(p.alerts.count)), latest events", borderRole: p.alerts.isEmpty ? .border : .critical)
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        var inner = block.inner(area)
        let alerts = p.alerts.prefix(max(0, inner.height / 2)).map { Cells.alert($0, now: ctx.snapshot.takenAtMs) }
        Paragraph(lines: Array(alerts), overflow: .truncate)
            .render(in: Rect(x: inner.x, y: inner.y, width: inner.width, height: alerts.count), buffer: &buffer, theme: ctx.theme)
        inner = Rect(x: inner.x, y: inner.y + alerts.count, width: inner.width, height: inner.height - alerts.count)
        let rows = EventsScreen.timedRows(ctx, state).filter { $0.row.cells[1].text == p.name }
        guard !rows.isEmpty else {
            Paragraph("no events yet", role: .muted).render(in: inner, buffer: &buffer, theme: ctx.theme)
            return
        }
        // The Events screen's time, kind, what and detail; the time of day is enough here.
        Table(columns: [
            .init("TIME", width: .fixed(8)), .init("KIND", width: .fixed(7)), .init("WHAT", width: .content(min: 20, max: 60)),
            .init("DETAIL", width: .fill),
        ], rows: rows.map { ts, r in
            Table.Row([Span(Dashboard.clockTime(ts), role: .muted), r.cells[2], r.cells[3], r.cells[5]])
        }).render(in: inner, buffer: &buffer, theme: ctx.theme)
    }
}
