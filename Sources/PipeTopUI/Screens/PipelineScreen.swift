import PipeTopCore

/// The detail of one pipeline: rates over time, latency, instances, alerts, bad input, and,
/// for a pipeline read through its own topics, its mapping.
enum PipelineScreen {
    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        guard let p = ctx.pipeline(state) else { return [] }
        return p.instances.map { i in
            ScreenRow(id: .instance(i.name), cells: [
                Span(i.name), Span(i.stage.isEmpty ? "-" : i.stage), Cells.rate(i.inRate),
                Span(Format.rate(i.errorRate), role: i.errorRate > 0 ? .warn : nil),
                Span(i.serving.map { "\($0.model) v\($0.version)\($0.role == .shadow ? "*" : "")" }.joined(separator: " ")),
                Span(i.lag.map(String.init) ?? "-"), Span(i.resets > 0 ? "\(i.resets)" : "-", role: i.resets > 0 ? .warn : nil),
                Span(Cells.age(i.lastSeenMs, now: ctx.snapshot.takenAtMs)),
            ])
        }
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        guard let p = ctx.pipeline(state) else {
            Paragraph("no pipeline selected", role: .muted).render(in: area, buffer: &buffer, theme: ctx.theme)
            return
        }
        // A consumer group measured on the cluster (`[kafka] lag_groups`) gets a block of its own.
        let groupRows = p.groupLag.map { min(8, $0.partitions.count + 3) }
        let mapping = ctx.mapped[p.name].map { config in
            config.summaryLines.map { Span($0) } + Self.unread(config, ctx.snapshot.sources)
        }
        let parts = Layout.split(area, direction: .vertical, constraints: [.percent(40), .fill, .fixed(min(8, p.alerts.count + 3))]
                                 + (groupRows.map { [.fixed($0)] } ?? []) + (mapping.map { [.fixed($0.count + 2)] } ?? []))
        if let lag = p.groupLag, parts.count > 3 { renderGroupLag(lag, in: parts[3], buffer: &buffer, ctx: ctx) }
        if let mapping, let area = parts.last, parts.count > 3 {
            let block = Block(title: "Mapped from its own topics")
            block.render(in: area, buffer: &buffer, theme: ctx.theme)
            Paragraph(lines: mapping, overflow: .truncate).render(in: block.inner(area), buffer: &buffer, theme: ctx.theme)
        }
        let charts = Layout.split(parts[0], direction: .horizontal, constraints: [.percent(50), .fill])
        PipelineCharts.render(p, range: state.timeRange, throughput: charts[0], latency: charts[1], buffer: &buffer, ctx: ctx)

        let rows = ScreenRow.filtered(rows(ctx, state), by: state.filters[.pipeline])
        let malformed = ctx.snapshot.sources.reduce(0) { $0 + $1.malformed }
        let instances = Block(title: "\(p.name): instances (\(rows.count))",
                              rightTitle: "out-of-order \(p.outOfOrder) · malformed \(malformed) · restarts \(p.instanceResets)")
        instances.render(in: parts[1], buffer: &buffer, theme: ctx.theme)
        let selected = rows.isEmpty ? nil : state.selected(on: .pipeline, count: rows.count)
        Table(columns: [
            .init("INSTANCE", width: .content(min: 10, max: 32)), .init("STAGE", width: .fixed(8)), .init("IN/S", width: .fixed(8), alignment: .right),
            .init("ERR/S", width: .fixed(6), alignment: .right), .init("SERVING", width: .content(min: 12, max: 48)),
            .init("LAG", width: .fixed(7), alignment: .right), .init("RESTARTS", width: .fixed(8), alignment: .right),
            .init("LAST SEEN", width: .fixed(9), alignment: .right),
        ], rows: rows.map { Table.Row($0.cells) }, selected: selected).render(in: instances.inner(parts[1]), buffer: &buffer, theme: ctx.theme)

        let alerts = Block(title: "Alerts (\(p.alerts.count))", borderRole: p.alerts.isEmpty ? .border : .critical)
        alerts.render(in: parts[2], buffer: &buffer, theme: ctx.theme)
        let lines = p.alerts.isEmpty ? [Span("none", role: .muted)] : p.alerts.map { Cells.alert($0, now: ctx.snapshot.takenAtMs) }
        Paragraph(lines: lines, overflow: .truncate).render(in: alerts.inner(parts[2]), buffer: &buffer, theme: ctx.theme)
    }

    /// One line per topic of a mapped pipeline with messages that did not decode or map, and
    /// the last reason (`unmappable, no key`).
    static func unread(_ config: PipelineConfig, _ sources: [SourceSnapshot]) -> [Span] {
        let topics = [config.scoredTopic, config.modelsTopic, config.labelsTopic].compactMap { $0 }
        return topics.compactMap { topic in
            guard let s = sources.first(where: { $0.name == topic }), s.malformed > 0 else { return nil }
            return Span("\(topic): \(s.malformed) of \(s.messages) messages not read" + (s.lastError.map { ", last: \($0)" } ?? ""), role: .warn)
        }
    }

    /// The consumer group's lag per partition: committed offset, high watermark, lag. An end
    /// kept from an earlier reading is dimmed and its age is in the title; an end never read
    /// shows `?`, and the total is then a lower bound.
    static func renderGroupLag(_ lag: GroupLag, in area: Rect, buffer: inout Buffer, ctx: ViewContext) {
        let unknown = lag.unknownEnds
        let total = (unknown > 0 ? "≥ " : "") + Format.count(lag.total) + (unknown > 0 ? " (\(unknown) of \(lag.partitions.count) ends unknown)" : "")
        let kept = lag.oldestStaleEndMs.map { " · oldest end \(Cells.age($0, now: ctx.nowMs)) ago" } ?? ""
        let pace = lag.rates.map { r in " · consumes \(Format.rate(max(0, r.consumedPerSecond)))/s" + (r.trend(lag: lag.total).map { ", " + $0 } ?? "") }
        let check = lag.stallsUnjudgedForMs(stalledAfterMs: ctx.settings.alerts.groupStalledAfterMs)
            .map { " · " + Cells.stallCheck(inMs: $0) }
        let block = Block(title: "Consumer group \(lag.group): lag \(total)" + (pace ?? "") + (check ?? ""),
                          rightTitle: "measured \(Cells.age(lag.measuredAtMs, now: ctx.nowMs)) ago" + kept)
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        Table(columns: [
            .init("TOPIC", width: .content(min: 12, max: 48)), .init("PARTITION", width: .fixed(9), alignment: .right),
            .init("COMMITTED", width: .fixed(12), alignment: .right), .init("END", width: .fixed(12), alignment: .right),
            .init("LAG", width: .fixed(10), alignment: .right), .init("", width: .fill),
        ], rows: lag.partitions.map { q in
            let lagRole: ThemeRole? = q.lag.map { $0 > ctx.settings.alerts.lagMax ? .warn : nil } ?? .warn
            let stalled = q.isStalled(afterMs: ctx.settings.alerts.groupStalledAfterMs)
            return Table.Row([Span(q.topic), Span("\(q.partition)"), Span(Format.count(q.committed)),
                              Span(q.high.map(Format.count) ?? "?", role: lag.isStale(q) ? .muted : nil),
                              Span(q.lag.map(Format.count) ?? "?", role: lagRole),
                              Span(stalled ? "stalled \(Format.duration(ms: q.behindForMs ?? 0))" : "", role: .critical)])
        }, selected: nil).render(in: block.inner(area), buffer: &buffer, theme: ctx.theme)
    }
}
