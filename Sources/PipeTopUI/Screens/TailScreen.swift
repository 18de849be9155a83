import PipeTopCore

/// Screen 4: the latest scored records, newest at the bottom, following the stream.
enum TailScreen {
    /// The records on screen, oldest first: the pipeline's, after the filter. What `w` writes
    /// and `enter` opens.
    public static func records(_ ctx: ViewContext, _ state: AppState) -> [ScoredEvent] {
        let pipeline = state.pipeline
        let filter = state.tailFilter
        return ctx.snapshot.recentScored.reversed().filter {
            (pipeline == nil || $0.pipeline == pipeline) && (filter?.matches($0) ?? true)
        }
    }

    /// Versions take turns through these colours, so two versions side by side differ.
    static let versionRoles: [ThemeRole] = [.text, .accent, .ok, .warn]

    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        rows(records(ctx, state))
    }

    static func rows(_ records: [ScoredEvent]) -> [ScreenRow] {
        records.enumerated().map { i, e in
            ScreenRow(id: "\(i)", cells: [
                Span(TimestampText.format(epochMilliseconds: e.tsMs).dropFirst(11).prefix(12).description),
                Span(e.pipeline), Span(e.key),
                Span("\(e.model) v\(e.version)" + (e.role == .shadow ? " shadow" : ""), role: versionRoles[e.version % versionRoles.count]),
                Span(Cells.number(e.score, digits: 4)), Span(e.prediction.map(\.text) ?? "-"),
                Span(e.label.map(\.text) ?? "-", role: e.label.map { l in e.prediction.map { OutcomeMatch.matches(prediction: $0, label: l) ? .ok : .critical } ?? nil } ?? .muted),
                Span(Cells.ms(e.latencyUs)),
            ])
        }
    }


    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: inout AppState) {
        let records = records(ctx, state)
        let rows = rows(records)
        let sampled = ctx.snapshot.scoredNotShown > 0 ? " · sampled: \(Format.rate(Double(ctx.snapshot.scoredNotShown))) not shown" : ""
        var arrived: UInt64 = 0
        if let pausedAt = state.pausedAtScored, let live = ctx.liveScoredTotal { arrived = live - min(live, pausedAt) }
        let block = Block(title: "Tail\(state.pipeline.map { " of \($0)" } ?? "") · \(Format.rate(Double(ctx.snapshot.scoredTotal))) scored\(sampled)\(state.tailFilter.map { " · filter: \($0.text)" } ?? "")",
                          rightTitle: state.paused ? "PAUSED · \(Format.rate(Double(arrived))) arrived since" : "following")
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        let inner = block.inner(area)
        // Follow: the newest row is the last one, kept in view unless the operator moved up.
        let selected = rows.isEmpty ? nil : min(state.selection[.tail] ?? rows.count - 1, rows.count - 1)
        Table(columns: [
            .init("TIME", width: .fixed(12)), .init("PIPELINE", width: .fixed(10)), .init("KEY", width: .min(10)),
            .init("MODEL", width: .min(10)), .init("SCORE", width: .fixed(7), alignment: .right),
            .init("PRED", width: .fixed(5), alignment: .right), .init("LABEL", width: .fixed(5), alignment: .right),
            .init("LATENCY", width: .fixed(8), alignment: .right),
        ], rows: rows.map { Table.Row($0.cells) }, selected: selected).render(in: inner, buffer: &buffer, theme: ctx.theme)
        if state.showRecord, let selected, let i = Int(rows[selected].id) {
            let record = records[i]
            Modal(title: "\(record.pipeline) · \(record.key)", body: detail(record), buttons: [KeyHint("esc", "close")])
                .render(in: area, buffer: &buffer, theme: ctx.theme)
        }
    }

    /// The record in full: every contract field, then every feature.
    static func detail(_ e: ScoredEvent) -> [String] {
        var lines = [
            "ts_ms       \(e.tsMs)  (\(TimestampText.format(epochMilliseconds: e.tsMs)))",
            "model       \(e.model) v\(e.version) (\(e.role.rawValue))",
            "score       \(e.score)",
            "prediction  \(e.prediction.map(\.text) ?? "-")",
            "label       \(e.label.map(\.text) ?? "-")",
            "latency_us  \(e.latencyUs.map { String($0) } ?? "-")",
            "strategy    \(e.strategy ?? "-")",
        ]
        if !e.features.isEmpty {
            lines.append("features")
            let width = e.features.map(\.name.count).max() ?? 0
            for f in e.features { lines.append("  " + f.name + String(repeating: " ", count: width - f.name.count) + "  \(f.value)") }
        }
        lines.append("")
        lines.append(EventEncoder.encode(.scored(e)))
        return lines
    }
}
