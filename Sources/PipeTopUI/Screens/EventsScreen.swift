import Foundation
import PipeTopCore

/// Screen 5: model events, commands and acknowledgements, and alert changes, newest first.
enum EventsScreen {
    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        timedRows(ctx, state).map(\.row)
    }

    /// The rows with the time each happened, newest first.
    static func timedRows(_ ctx: ViewContext, _ state: AppState) -> [(tsMs: Int64, row: ScreenRow)] {
        var rows: [(ts: Int64, row: ScreenRow)] = []
        // Every instance reports the version it has loaded (a `serving` event: loaded, which is
        // not the same as serving as the primary, so the row says "loaded"): the same step from
        // several instances at the same moment is one row, with the instances counted.
        var serving: [ServingStep: (row: Int, instances: [String])] = [:]
        for entry in ctx.snapshot.timeline {
            let time = Span(timeText(entry.tsMs, nowMs: ctx.nowMs))
            switch entry.kind {
            case .model(let e) where e.event == .serving:
                let step = ServingStep(pipeline: entry.pipeline, model: e.model, version: e.version, tsMs: entry.tsMs)
                let why = (e.description ?? e.detail).map { $0 + ": " } ?? ""
                if var group = serving[step] {
                    group.instances.append(e.instance ?? "-")
                    serving[step] = group
                    rows[group.row].row.cells[3] = Span("\(e.model) v\(e.version) loaded on \(group.instances.count) instances")
                    rows[group.row].row.cells[5] = Span(why + group.instances.sorted().joined(separator: ", "))
                    continue
                }
                serving[step] = (rows.count, [e.instance ?? "-"])
                rows.append((entry.tsMs, ScreenRow(id: .event(step.hashValue), cells: [
                    time, Span(entry.pipeline), Span("model"), Span("\(e.model) v\(e.version) loaded"), Span(e.cause ?? "-"),
                    Span(why + (e.instance ?? "")),
                ])))
            case .model(let e):
                let what = "\(e.model) v\(e.version) \(e.event.rawValue)" + (e.toVersion.map { " → v\($0)" } ?? "")
                rows.append((entry.tsMs, ScreenRow(id: .event(key(entry)), cells: [
                    time, Span(entry.pipeline), Span("model"), Span(what, role: e.event == .failed || e.event == .rolledBack ? .warn : nil),
                    Span(e.cause ?? "-"), Span(e.detail ?? e.description ?? ""),
                ])))
            case .control(let c):
                rows.append((entry.tsMs, ScreenRow(id: .event(key(entry)), cells: [
                    time, Span(entry.pipeline), Span("command", role: .accent),
                    Span("\(c.action.rawValue) \(c.model) v\(c.version)" + (c.fromVersion.map { " (from v\($0))" } ?? "")),
                    Span(c.id), Span("\(c.requestedBy)\(c.reason.map { ": \($0)" } ?? "")"),
                ])))
            case .ack(let a):
                rows.append((entry.tsMs, ScreenRow(id: .event(key(entry)), cells: [
                    time, Span(entry.pipeline), Span("ack"), Span(a.status.rawValue, role: a.status == .applied ? .ok : .critical),
                    Span(a.id), Span(a.detail ?? ""),
                ])))
            }
        }
        let active = Set(ctx.snapshot.alerts.map(\.id))
        rows += ctx.snapshot.alertHistory.map { t in
            let mark = active.contains(t.alert.id) && t.change != .cleared ? state.alertMarks[t.alert.id]?.label(nowMs: ctx.nowMs) : nil
            return (t.atMs, ScreenRow(id: .alert(key(t), id: t.alert.id), cells: [
                Span(timeText(t.atMs, nowMs: ctx.nowMs)), Span(t.alert.scope), Span("alert", role: .warn),
                Span("\(t.change.rawValue) \(t.alert.kind.rawValue) \(t.alert.subject)" + (mark.map { " [\($0)]" } ?? ""),
                     role: t.change == .cleared ? .ok : (mark != nil ? .muted : (t.alert.severity == .critical ? .critical : .warn))),
                Span(mark == nil && active.contains(t.alert.id) && t.change != .cleared ? "active" : "-"), Span(t.alert.message),
            ]))
        }
        rows += state.alertLog.enumerated().map { i, e in
            (e.atMs, ScreenRow(id: .operatorAction(i), cells: [
                Span(timeText(e.atMs, nowMs: ctx.nowMs)), Span(e.alert.scope), Span("alert", role: .accent),
                Span("\(e.change) \(e.alert.kind.rawValue) \(e.alert.subject)", role: .accent), Span(e.by), Span(e.alert.message),
            ]))
        }
        return rows.sorted { $0.ts > $1.ts }.map { ($0.ts, $0.row) }
    }

    /// When, as short as it can be said: the time of day to the millisecond for today (UTC,
    /// as everything on screen), else the date and the time to the second, so that at 80
    /// columns WHAT keeps its room.
    static func timeText(_ ms: Int64, nowMs: Int64) -> String {
        guard ms / 86_400_000 != nowMs / 86_400_000 || ms < 0 else { return TimestampText.timeOfDay(epochMilliseconds: ms) }
        return TimestampText.date(epochMilliseconds: ms) + " " + TimestampText.timeOfDay(epochMilliseconds: ms, milliseconds: false)
    }

    /// What identifies a row of `entry` from one snapshot to the next (the timeline is listed
    /// newest first, so a position would move with every new event): when it happened and
    /// what it is, without hashing a model's whole artifact.
    static func key(_ entry: TimelineEntry) -> Int {
        var h = Hasher()
        h.combine(entry.tsMs)
        h.combine(entry.pipeline)
        switch entry.kind {
        case .model(let e):
            h.combine(e.model)
            h.combine(e.version)
            h.combine(e.event)
            h.combine(e.instance)
        case .control(let c): h.combine(c.id)
        case .ack(let a):
            h.combine("ack")
            h.combine(a.id)
        }
        return h.finalize()
    }

    /// The same for a change of an alert (its id goes with it in the row's id).
    static func key(_ t: AlertTransition) -> Int {
        var h = Hasher()
        h.combine(t.atMs)
        h.combine(t.change)
        return h.finalize()
    }

    /// One moment of one version's `serving` reports.
    private struct ServingStep: Hashable {
        var pipeline: String
        var model: String
        var version: Int
        var tsMs: Int64
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let rows = ScreenRow.filtered(rows(ctx, state), by: state.filters[.events])
        let block = Block(title: "Events (\(rows.count)), newest first", rightTitle: state.filters[.events].map { "/\($0.label)" })
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        let selected = rows.isEmpty ? nil : state.selected(on: .events, count: rows.count)
        Table(columns: [
            .init("TIME", width: .content(min: 12, max: 19)), .init("PIPELINE", width: .content(min: 8, max: 32)), .init("KIND", width: .fixed(7)),
            .init("WHAT", width: .min(20)), .init("CAUSE/ID", width: .content(min: 8, max: 14), hideRank: 1), .init("DETAIL", width: .fill),
        ], rows: rows.map { Table.Row($0.cells) }, selected: selected).render(in: block.inner(area), buffer: &buffer, theme: ctx.theme)
        if state.showRecord, let selected, var modal = openEvent(rows[selected], width: area.width) {
            modal.scroll = state.recordScroll  // render keeps it within the body
            modal.render(in: area, buffer: &buffer, theme: ctx.theme)
        }
    }

    /// The labels of `rows`' cells, in their order.
    static let labels = ["time", "pipeline", "kind", "what", "cause/id", "detail"]

    /// `row` in full (`enter`): each cell under its label, the long ones wrapped to fit a
    /// dialog within `width` columns, so an alert's whole message can be read at 80 columns.
    static func openEvent(_ row: ScreenRow, width: Int) -> Modal? {
        guard row.cells.count == labels.count else { return nil }
        let labelWidth = labels.map(\.count).max() ?? 0
        let textWidth = max(20, min(96, width - 6) - labelWidth - 2)
        let body = zip(labels, row.cells).flatMap { label, cell in
            TextFit.wrap(cell.text.isEmpty ? "-" : cell.text, width: textWidth).enumerated().map { i, line in
                (i == 0 ? label : "").padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + line
            }
        }
        return Modal(title: "Event", body: body, buttons: [KeyHint("esc", "close"), KeyHint("↑↓", "event"), KeyHint("pgup/pgdn", "scroll")])
    }
}
