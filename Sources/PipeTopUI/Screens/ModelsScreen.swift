import PipeTopCore

/// Screen 2: every model version of a pipeline with its lifecycle, quality and drift, and the
/// selected version's score distribution against its reference, bin by bin — and its numbers
/// against the primary's. Long runs of older finished versions fold into one row
/// (`VersionFold`) until a filter is typed or `enter` unfolds them.
enum ModelsScreen {
    struct Line {
        var model: ModelSnapshot
        var version: VersionSnapshot
        var stats: VersionStats?
        /// Its records are arriving but found no live windows (`waitingForWindows`).
        var waiting = false

        var id: RowID { .version(model: model.name, version: version.version) }
    }

    /// A row of the table: a version, or a fold of older finished versions.
    enum Entry {
        case line(Line)
        case fold(VersionFold)

        var id: RowID {
            switch self {
            case .line(let l): l.id
            case .fold(let f): f.id
            }
        }
    }

    static func entries(_ ctx: ViewContext, _ state: AppState) -> [Entry] {
        guard let p = ctx.pipeline(state) else { return [] }
        let stats = Dictionary(p.versions.map { ($0.key, $0) }) { first, _ in first }
        let waiting = Set(p.waitingForWindows)
        let unfolded = state.unfoldedModels[p.name] ?? []
        return p.models.flatMap { m -> [Entry] in
            func line(_ v: VersionSnapshot) -> Line {
                let key = VersionKey(model: m.name, version: v.version)
                return Line(model: m, version: v, stats: stats[key], waiting: waiting.contains(key))
            }
            // A filter looks at every version: what it is typed to find may be folded.
            guard state.filters[.models] == nil else { return m.versions.map { .line(line($0)) } }
            let folded = VersionFold.entries(
                m, pipeline: p.name, isScored: { line($0).stats?.live == true }, expanded: unfolded.contains(m.name))
            return folded.map { entry in
                switch entry {
                case .version(let v): .line(line(v))
                case .fold(let f): .fold(f)
                }
            }
        }
    }

    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        rows(entries(ctx, state), ctx, state)
    }

    static func rows(_ entries: [Entry], _ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        entries.map { entry in
            switch entry {
            case .line(let l): row(l, ctx, state)
            case .fold(let f):
                // Model, `…`, `118 retired`, blank numbers, and the versions it spans under COMMAND.
                ScreenRow(id: f.id, cells: [
                    Span(f.model), Span(f.expanded ? "▾" : "…", role: .muted), Span(f.summary, role: Cells.role(for: f.versions[0].state)),
                ] + Array(repeating: Span(""), count: 10) + [Span(f.detail, role: .muted)])
            }
        }
    }

    static func row(_ l: Line, _ ctx: ViewContext, _ state: AppState) -> ScreenRow {
        let d = l.stats?.scoreDrift.report
        let q = l.stats?.quality
        let auc = q?.auc ?? l.version.metrics.first { $0.name == "auc" }?.value
        return ScreenRow(id: l.id, cells: [
            Span(l.model.name), Span("v\(l.version.version)"),
            Span(l.version.state.label, role: Cells.role(for: l.version.state)),
            Span(Cells.age(l.version.firstSeenMs, now: ctx.snapshot.takenAtMs)),
            Span(l.version.parent.map { "v\($0)" } ?? "-"),
            Span(Cells.number(q?.accuracy)), Span(Cells.number(auc)),
            Span(d == nil ? "-" : ""),  // a PSI bar is drawn over this cell
            Span(Cells.number(d?.ks)), Span(Cells.number(d?.js)),
            Span(l.stats?.agreement.map { Format.percent($0) } ?? "-"),
            Span(Cells.ms(l.stats?.latency?.p99)),
            l.stats.map { Span(Format.rate(Double($0.scoredCount))) } ?? Span(l.waiting ? "waiting" : "-", role: l.waiting ? .warn : nil),
            command(state, ctx, l),
        ])
    }

    /// The latest command this dashboard sent about the version, and where it stands.
    static func command(_ state: AppState, _ ctx: ViewContext, _ l: Line) -> Span {
        guard let pipeline = ctx.pipeline(state)?.name,
              let t = state.commands.latest(pipeline: pipeline, model: l.model.name, version: l.version.version) else { return Span("") }
        let text = "\(t.command.action.rawValue) " + (t.outcome.isPending ? "pending \(t.shortID)" : t.outcome.text)
        let role: ThemeRole = switch t.outcome {
        case .pending: .warn
        case .applied: .ok
        default: .critical
        }
        return Span(text, role: role)
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let all = entries(ctx, state)
        var lines: [RowID: Line] = [:]
        var folds: [RowID: VersionFold] = [:]
        for entry in all {
            switch entry {
            case .line(let l): lines[l.id] = l
            case .fold(let f): folds[f.id] = f
            }
        }
        let rows = ScreenRow.filtered(rows(all, ctx, state), by: state.filters[.models])
        // A folded row stands for its versions; an unfolded one heads rows that count themselves.
        let versions = rows.reduce(0) { n, row in n + (folds[row.id].map { $0.expanded ? 0 : $0.versions.count } ?? 1) }
        let parts = Layout.split(area, direction: .vertical, constraints: [.fill, .fixed(min(14, area.height / 2))])
        let name = ctx.pipeline(state)?.name ?? "-"
        let block = Block(title: "Models of \(name) (\(Format.counted(versions, "version")))", rightTitle: state.filters[.models].map { "/\($0.label)" })
        block.render(in: parts[0], buffer: &buffer, theme: ctx.theme)
        let selected = rows.isEmpty ? nil : state.selected(on: .models, count: rows.count)
        let table = Table(columns: [
            .init("MODEL", width: .content(min: 8, max: 32)), .init("VER", width: .fixed(5)), .init("STATE", width: .fixed(11)),
            .init("AGE", width: .fixed(7), alignment: .right, hideRank: 3), .init("PARENT", width: .fixed(6), hideRank: 1),
            .init("ACC", width: .fixed(6), alignment: .right), .init("AUC", width: .fixed(6), alignment: .right),
            .init("SCORE PSI", width: .fixed(14)), .init("KS", width: .fixed(6), alignment: .right, hideRank: 4),
            .init("JS", width: .fixed(6), alignment: .right, hideRank: 2), .init("AGREE", width: .fixed(6), alignment: .right, hideRank: 5),
            .init("P99", width: .fixed(8), alignment: .right), .init("SCORED", width: .fixed(7), alignment: .right, hideRank: 6),
            .init("COMMAND", width: .content(min: 7, max: 32)),
        ], rows: rows.map { Table.Row($0.cells) }, selected: selected)
        let inner = block.inner(parts[0])
        table.render(in: inner, buffer: &buffer, theme: ctx.theme)
        // Drift as a bar: full at twice the critical PSI, coloured by severity.
        let barColumn = table.columnRects(in: inner)[7]
        let visible = Table.visibleRange(selected: selected, offset: 0, height: max(0, inner.height - 1), count: rows.count)
        for (line, i) in visible.enumerated() {
            guard let r = lines[rows[i].id]?.stats?.scoreDrift.report else { continue }
            Gauge(ratio: r.psi / (2 * ctx.settings.drift.psiCritical), label: Cells.number(r.psi),
                  role: i == selected ? .selection : Cells.role(for: r.alertSeverity))
                .render(in: Rect(x: barColumn.x, y: inner.y + 1 + line, width: barColumn.width, height: 1), buffer: &buffer, theme: ctx.theme)
        }

        guard let selected else { return }
        if let fold = folds[rows[selected].id] {
            let block = Block(title: "\(fold.model): \(fold.summary), \(fold.detail)")
            block.render(in: parts[1], buffer: &buffer, theme: ctx.theme)
            let text = "Older finished versions keep their final numbers. "
                + (fold.expanded ? "enter folds them again." : "enter shows them.")
            Paragraph(text, overflow: .wrap, role: .muted).render(in: block.inner(parts[1]), buffer: &buffer, theme: ctx.theme)
            return
        }
        guard let line = lines[rows[selected].id] else { return }
        let bottom = Layout.split(parts[1], direction: .horizontal, constraints: [.percent(50), .fill])
        let view = line.stats?.scoreDrift
        let dist = Block(title: "\(line.model.name) v\(line.version.version) score: current − reference")
        dist.render(in: bottom[0], buffer: &buffer, theme: ctx.theme)
        if let view, !view.edges.isEmpty {
            DriftBars(reference: view.referenceShares, current: view.currentShares, edges: view.edges, markFrom: ctx.settings.drift.psiWarn)
                .render(in: dist.inner(bottom[0]), buffer: &buffer, theme: ctx.theme)
        } else {
            let text = if line.waiting {
                Cells.waitingForWindows(ctx.settings.limits)
            } else if let stats = line.stats, !stats.live {
                "\(line.version.state.label): final numbers only, its windows were dropped"
            } else {
                view.map { "reference: \($0.referenceCollected) of \($0.referenceNeeded) records" } ?? "no scored records yet"
            }
            Paragraph(text, overflow: .wrap, role: .muted).render(in: dist.inner(bottom[0]), buffer: &buffer, theme: ctx.theme)
        }
        let primary = lines.values.first { $0.model.name == line.model.name && $0.version.state == .primary }
        DecisionPanel.render(line: line, primary: primary, in: bottom[1], buffer: &buffer, ctx: ctx)
    }
}
