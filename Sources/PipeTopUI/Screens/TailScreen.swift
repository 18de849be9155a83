import PipeTopCore

/// Screen 4: the latest scored records, newest at the bottom, following the stream.
enum TailScreen {
    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        let pipeline = state.pipeline
        return ctx.snapshot.recentScored.reversed().filter { pipeline == nil || $0.pipeline == pipeline }.map { e in
            ScreenRow(id: e.key, cells: [
                Span(TimestampText.format(epochMilliseconds: e.tsMs).dropFirst(11).prefix(12).description),
                Span(e.pipeline), Span(e.key), Span("\(e.model) v\(e.version)", role: e.role == .shadow ? .accent : nil),
                Span(Cells.number(e.score, digits: 4)), Span(e.prediction.map(text) ?? "-"),
                Span(e.label.map(text) ?? "-", role: e.label.map { l in e.prediction.map { OutcomeMatch.matches(prediction: $0, label: l) ? .ok : .critical } ?? nil } ?? .muted),
                Span(Cells.ms(e.latencyUs)),
            ])
        }
    }

    static func text(_ o: Outcome) -> String {
        switch o {
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
        case .text(let s): s
        }
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: inout AppState) {
        let rows = ScreenRow.filtered(rows(ctx, state), by: state.filters[.tail])
        let sampled = ctx.snapshot.scoredNotShown > 0 ? " · sampled: \(Format.rate(Double(ctx.snapshot.scoredNotShown))) not shown" : ""
        let block = Block(title: "Tail\(state.pipeline.map { " of \($0)" } ?? "") · \(Format.rate(Double(ctx.snapshot.scoredTotal))) scored\(sampled)",
                          rightTitle: state.paused ? "PAUSED" : "following")
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
    }
}
