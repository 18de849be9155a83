import PipeTopCore

/// Screen 3: drift of the score and every feature of the live versions, with where the
/// selected one's current distribution differs from its reference, bin by bin. A value whose
/// current window comes from the scorers' summaries says so (`score · from summaries`), its KS
/// marked approximate (`≈`); the title says how much of the scored topic is read.
enum DriftScreen {
    static func views(_ ctx: ViewContext, _ state: AppState) -> [(stats: VersionStats, view: DriftView)] {
        guard let p = ctx.pipeline(state) else { return [] }
        return p.versions.filter(\.live).flatMap { s in ([s.scoreDrift] + s.featureDrift).map { (s, $0) } }
    }

    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        views(ctx, state).map { s, v in
            let r = v.report
            let approximate = r?.ksApproximate == true ? "≈" : ""
            return ScreenRow(id: .drift(s.key, value: v.name), cells: [
                Span(s.key.label), Span(v.source == .summaries ? "\(v.name) · from summaries" : v.name),
                Span(Cells.number(r?.psi), role: Cells.role(for: r?.alertSeverity)),
                Span(""),  // the PSI trend sparkline is drawn over this cell
                Span(r?.ks.map { approximate + Cells.number($0) } ?? "-"),
                Span(r?.ksPValue.map { approximate + String(format: "%.2g", $0) } ?? "-"),
                Span(Cells.number(r?.js)),
                Span(r.map { "\($0.referenceCount)/\($0.currentCount)" } ?? "\(v.referenceCollected)/\(v.referenceNeeded) ref"),
                Span(r.map { $0.meaningful ? $0.alertSeverity.rawValue : "too few" } ?? "learning",
                     role: r.map { $0.meaningful ? Cells.role(for: $0.alertSeverity) : .muted } ?? .muted),
            ])
        }
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let all = views(ctx, state)
        let rows = ScreenRow.filtered(rows(ctx, state), by: state.filters[.drift])
        let selected = rows.isEmpty ? nil : state.selected(on: .drift, count: rows.count)
        let pick = selected.flatMap { s in all.first { RowID.drift($0.stats.key, value: $0.view.name) == rows[s].id } }
        // A line per bin under a header, one for the small-window note, and the borders.
        let bins = max(pick?.view.referenceShares.count ?? 0, ctx.settings.drift.bins)
        let parts = Layout.split(area, direction: .vertical, constraints: [.fill, .fixed(min(bins + 4, area.height / 2))])
        let name = ctx.pipeline(state)?.name
        let coverage = name.flatMap { ctx.scoredCoverage.coverage(of: $0)?.text }.map { " · \($0)" } ?? ""
        let block = Block(title: "Drift of \(name ?? "-")\(coverage) (PSI warn \(ctx.settings.drift.psiWarn), critical \(ctx.settings.drift.psiCritical))",
                          rightTitle: rightTitle(ctx.pipeline(state), filter: state.filters[.drift]))
        block.render(in: parts[0], buffer: &buffer, theme: ctx.theme)
        let table = Table(columns: [
            .init("VERSION", width: .content(min: 10, max: 36)), .init("VALUE", width: .content(min: 10, max: 32)), .init("PSI", width: .fixed(7), alignment: .right),
            .init("PSI TREND", width: .fixed(16)), .init("KS", width: .fixed(7), alignment: .right), .init("KS P", width: .fixed(8), alignment: .right, hideRank: 1),
            .init("JS", width: .fixed(7), alignment: .right, hideRank: 2), .init("REF/CUR", width: .fixed(13), alignment: .right),
            .init("VERDICT", width: .fixed(9)),
        ], rows: rows.map { Table.Row($0.cells) }, selected: selected)
        let inner = block.inner(parts[0])
        table.render(in: inner, buffer: &buffer, theme: ctx.theme)
        if rows.isEmpty, let waiting = ctx.pipeline(state)?.waitingForWindows, !waiting.isEmpty, inner.height > 1 {
            let versions = waiting.map(\.label).joined(separator: ", ")
            Paragraph("\(versions): " + Cells.waitingForWindows(ctx.settings.limits), overflow: .wrap, role: .warn)
                .render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1), buffer: &buffer, theme: ctx.theme)
        }
        let visible = Table.visibleRange(selected: selected, offset: 0, height: max(0, inner.height - 1), count: rows.count)
        let trendColumn = table.columnRects(in: inner)[3]
        for (line, i) in visible.enumerated() {
            guard let pick = all.first(where: { RowID.drift($0.stats.key, value: $0.view.name) == rows[i].id }) else { continue }
            Sparkline(values: pick.view.trend, max: max(ctx.settings.drift.psiCritical, pick.view.trend.max() ?? 0),
                      role: i == selected ? .selection : Cells.role(for: pick.view.report?.alertSeverity))
                .render(in: Rect(x: trendColumn.x, y: inner.y + 1 + line, width: trendColumn.width, height: 1), buffer: &buffer, theme: ctx.theme)
        }
        guard let pick else { return }
        let hist = Block(title: "\(pick.stats.key.label) \(pick.view.name)\(pick.view.source == .summaries ? " from summaries" : ""): current − reference, bin by bin"
                         + (pick.view.report.map { " (PSI \(Cells.number($0.psi))\(approximateKS($0)))" } ?? ""))
        hist.render(in: parts[1], buffer: &buffer, theme: ctx.theme)
        let histArea = hist.inner(parts[1])
        if pick.view.edges.isEmpty {
            Paragraph("learning the reference: \(pick.view.referenceCollected) of \(pick.view.referenceNeeded) records", role: .muted)
                .render(in: histArea, buffer: &buffer, theme: ctx.theme)
            return
        }
        var chart = histArea
        if let r = pick.view.report, !r.meaningful {
            Paragraph("windows below \(ctx.settings.drift.meaningfulCount) records: the numbers are not yet meaningful", role: .warn)
                .render(in: histArea.row(0), buffer: &buffer, theme: ctx.theme)
            chart = Rect(x: histArea.x, y: histArea.y + 1, width: histArea.width, height: max(0, histArea.height - 1))
        }
        DriftBars(reference: pick.view.referenceShares, current: pick.view.currentShares, edges: pick.view.edges,
                  markFrom: ctx.settings.drift.psiWarn)
            .render(in: chart, buffer: &buffer, theme: ctx.theme)
    }

    /// The filter, and summaries that could not be used (`3 summaries unused: fraud-lr v2: no
    /// shipped reference to count over`).
    static func rightTitle(_ p: PipelineSnapshot?, filter: RowFilter?) -> String? {
        let unused = p.flatMap { p in
            p.summaryRejections == 0 ? nil : "\(p.summaryRejections) summaries unused" + (p.lastSummaryRejection.map { ": \($0)" } ?? "")
        }
        let waiting = p.flatMap { p in
            p.waitingForWindows.isEmpty ? nil : Format.counted(p.waitingForWindows.count, "version") + " not followed now"
        }
        let parts = [filter.map { "/\($0.label)" }, unused, waiting].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// `, KS ≈0.120 (exact ≤ 0.150)` for a KS from binned CDFs: the bound the exact one stays under.
    static func approximateKS(_ r: DriftReport) -> String {
        guard r.ksApproximate, let ks = r.ks else { return "" }
        return ", KS ≈\(Cells.number(ks))" + (r.ksBound.map { " (exact ≤ \(Cells.number(min(1, ks + $0))))" } ?? "")
    }
}
