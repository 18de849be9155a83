import PipeTopCore

/// Screen 4: the latest scored records, newest at the bottom, following the stream.
enum TailScreen {
    /// The records on screen, oldest first: the pipeline's, after the filter. What `w` writes
    /// and `enter` opens.
    public static func records(_ ctx: ViewContext, _ state: AppState) -> [ScoredEvent] {
        if let view = ctx.tailView { return view.records.reversed() }
        let pipeline = state.pipeline
        let filter = state.tailFilter
        return ctx.snapshot.recentScored.reversed().filter {
            (pipeline == nil || $0.pipeline == pipeline) && (filter?.matches($0) ?? true)
        }
    }

    /// Indices of the records the search matches, oldest first: what the screen highlights and
    /// `n`/`N` move between.
    static func matches(of search: RecordFilter, in records: [ScoredEvent]) -> [Int] {
        records.indices.filter { search.matches(records[$0]) }
    }

    /// ` · ● capturing: 1,204 records → PATH` (with what was dropped or went wrong), or nothing.
    static func captureText(_ capture: RecordCapture.Progress?, of noun: String) -> String {
        capture.map {
            " · ● capturing: \(Format.rate(Double($0.written))) \(noun) → \($0.path)"
                + ($0.dropped > 0 ? ", \(Format.rate(Double($0.dropped))) not written (the disk did not keep up)" : "")
                + ($0.error.map { " FAILED: \($0)" } ?? "")
        } ?? ""
    }

    /// Versions take turns through these colours, so two versions side by side differ.
    static let versionRoles: [ThemeRole] = [.text, .accent, .ok, .warn]

    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        rows(records(ctx, state), columns: state.tailColumns)
    }

    static func rows(_ records: [ScoredEvent], columns: [ScoredColumn]) -> [ScreenRow] {
        records.enumerated().map { i, e in
            ScreenRow(id: .record(i), cells: columns.map { Span($0.text(e), role: role(of: $0, e)) })
        }
    }

    /// Colour that carries meaning: the version (so two versions side by side differ), a
    /// label or outcome against the prediction, a shadow's role.
    static func role(of column: ScoredColumn, _ e: ScoredEvent) -> ThemeRole? {
        switch column {
        case .model, .version: versionRoles[e.version % versionRoles.count]
        case .label, .outcome: ScoredColumn.outcome(e).map { $0 ? .ok : .critical } ?? .muted
        case .role: e.role == .shadow ? .muted : nil
        default: nil
        }
    }

    /// Names (pipeline, key, model, strategy) are as wide as their widest cell (up to 48): the
    /// pipeline's usual 10 columns suit a stream of printed lines, not a screen that can measure
    /// its cells. Other columns of a set width keep it, whatever is left over stays empty at the
    /// right, as in k9s, rather than spreading the columns apart, and where they do not all fit
    /// the columns that tell least are hidden before a name is cut.
    static func tableColumns(_ columns: [ScoredColumn]) -> [Table.Column] {
        columns.map { c in
            let set = c == .pipeline ? nil : c.width
            return Table.Column(c.header, width: set.map { .fixed(max($0, c.header.count)) } ?? .content(min: c.header.count, max: 48),
                                alignment: c.isNumeric ? .right : .left, hideRank: hideRank(of: c))
        }
    }

    /// The order in which columns give way on a narrow terminal; nil: never hidden.
    static func hideRank(of column: ScoredColumn) -> Int? {
        switch column {
        case .role: 1
        case .label: 2
        case .prediction: 3
        case .latency: 4
        case .tsMs: 5
        default: nil
        }
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let records = records(ctx, state)
        let rows = rows(records, columns: state.tailColumns)
        let sampling = ctx.tailView?.sampling ?? ctx.snapshot.scoredSampling
        let sampled = sampling.notShown == 0 ? "" : " · sampled\(sampling.every > 1 ? " 1 in \(sampling.every)" : ""): \(Format.rate(Double(sampling.notShown))) not shown"
        var arrived: UInt64 = 0
        if let pausedAt = state.pausedAtScored, let live = ctx.liveScoredTotal { arrived = live - min(live, pausedAt) }
        let search = state.tailSearch
        let matches = search.map { Self.matches(of: $0, in: records) } ?? []
        let searchText = search.map { " · search: \($0.text) (\(matches.count) on screen)" } ?? ""
        let capture = captureText(ctx.capture, of: "records")
        let coverage = (state.pipeline.map { ctx.scoredCoverage.coverage(of: $0) } ?? ctx.scoredCoverage.contract)?.text.map { " · \($0)" } ?? ""
        let block = Block(title: "Tail\(state.pipeline.map { " of \($0)" } ?? "") · \(Format.rate(Double(ctx.snapshot.scoredTotal))) scored\(coverage)\(sampled)\(state.tailFilter.map { " · filter: \($0.text)" } ?? "")\(searchText)\(capture)",
                          rightTitle: state.paused ? "PAUSED · \(Format.rate(Double(arrived))) arrived since" : "following")
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        let inner = block.inner(area)
        // Follow: the newest row is the last one, kept in view unless the operator moved up.
        let selected = rows.isEmpty ? nil : state.selected(on: .tail, count: rows.count)
        let matching = Set(matches)
        Table(columns: tableColumns(state.tailColumns),
              rows: rows.enumerated().map { i, row in Table.Row(row.cells, role: matching.contains(i) ? .accent : nil) },
              selected: selected).render(in: inner, buffer: &buffer, theme: ctx.theme)
        if var modal = openRecord(records, state) {
            modal.scroll = state.recordScroll  // render keeps it within the body
            modal.render(in: area, buffer: &buffer, theme: ctx.theme)
        }
    }

    /// The selected record in full, while `enter` has it open.
    static func openRecord(_ records: [ScoredEvent], _ state: AppState) -> Modal? {
        guard state.showRecord, !records.isEmpty else { return nil }
        let record = records[state.selected(on: .tail, count: records.count)]
        return Modal(title: "\(record.pipeline) · \(record.key)", body: detail(record),
                     buttons: [KeyHint("esc", "close"), KeyHint("↑↓", "record"), KeyHint("pgup/pgdn", "scroll")])
    }

    /// The record in full: when it happened, the message a mapped pipeline's record was read
    /// from (and how to print that message), then its contract JSON, indented, with every
    /// field and feature.
    static func detail(_ e: ScoredEvent) -> [String] {
        let outcome = ScoredColumn.outcome(e).map { $0 ? " · prediction right" : " · prediction wrong" } ?? ""
        var lines = ["\(TimestampText.format(epochMilliseconds: e.tsMs)) · \(e.model) v\(e.version) \(e.role.rawValue)\(outcome)"]
        if let o = e.origin {
            lines.append("mapped from \(o.text) (pipetop tail -t \(o.topic) -p \(o.partition) -o \(o.offset) -c 1 prints it)")
        }
        return lines + [""] + JSONPretty.lines(EventEncoder.encode(.scored(e)))
    }
}
