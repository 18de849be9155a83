import PipeTopCore

/// A whole frame: header, tabs, the current screen, footer, and the help or a dialog on top.
/// Pure: everything comes from the state and the view context.
public enum Dashboard {
    /// Below this the layout cannot work; the screen says so instead of drawing garbage.
    public static let minimumSize = (columns: 40, rows: 10)

    public static func render(_ state: AppState, _ ctx: ViewContext, into buffer: inout Buffer) {
        let area = buffer.area
        guard area.width >= minimumSize.columns, area.height >= minimumSize.rows else {
            let text = "terminal too small (need \(minimumSize.columns)×\(minimumSize.rows))"
            Paragraph(text, overflow: .wrap, alignment: .center, role: .warn)
                .render(in: Rect(x: 0, y: max(0, area.height / 2 - 1), width: area.width, height: min(3, area.height)),
                        buffer: &buffer, theme: ctx.theme)
            return
        }
        let parts = Layout.split(area, direction: .vertical, constraints: [.fixed(1), .fixed(1), .fill, .fixed(1)])
        header(ctx, state).render(in: parts[0], buffer: &buffer, theme: ctx.theme)
        let tabs = Screen.tabs
        let current = tabs.firstIndex(of: state.screen == .pipeline ? .overview : state.screen) ?? 0
        Tabs(titles: tabs.enumerated().map { "\($0.offset + 1) \($0.element.title)" }, selected: current)
            .render(in: parts[1], buffer: &buffer, theme: ctx.theme)
        switch state.screen {
        case .overview: OverviewScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        case .pipeline: PipelineScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        case .models: ModelsScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        case .drift: DriftScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        case .tail where state.tailTopic != nil: TopicTailScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        case .tail: TailScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        case .events: EventsScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        case .topics: TopicsScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        case .groups: GroupsScreen.render(in: parts[2], buffer: &buffer, ctx: ctx, state: state)
        }
        footer(state, ctx, in: parts[3], buffer: &buffer)
        if state.showHelp { HelpOverlay.render(state, ctx, in: area, buffer: &buffer) }
        if case .confirm(let dialog) = state.mode {
            let typed: Bool = if case .control(let plan, _) = dialog.purpose, case .typed = plan.confirmation { true } else { false }
            let buttons = dialog.typing != nil ? [KeyHint("enter", "confirm"), KeyHint("esc", "cancel")]
                : [KeyHint("y", typed ? "continue" : "confirm"), KeyHint("n", "cancel (default)"), KeyHint("esc", "cancel")]
            Modal(title: dialog.title, body: dialog.body, buttons: buttons, borderRole: typed ? .critical : .warn)
                .render(in: area, buffer: &buffer, theme: ctx.theme)
        }
    }

    /// The row ids of the current screen after its filter: what `update` moves over.
    public static func rowIDs(_ state: AppState, _ ctx: ViewContext) -> [RowID] {
        let rows: [ScreenRow]
        switch state.screen {
        // The Overview orders and filters its pipelines itself, formatting rows only to filter them.
        case .overview: return OverviewScreen.pipelines(ctx, state).map { .pipeline($0.name) }
        case .pipeline: rows = PipelineScreen.rows(ctx, state)
        case .models: rows = ModelsScreen.rows(ctx, state)
        case .drift: rows = DriftScreen.rows(ctx, state)
        case .tail where state.tailTopic != nil: rows = TopicTailScreen.rows(ctx, state)
        case .tail: rows = TailScreen.rows(ctx, state)
        case .events: rows = EventsScreen.rows(ctx, state)
        case .topics: rows = TopicsScreen.rows(ctx, state)
        case .groups: return GroupsScreen.shown(ctx, state).map { .group($0.group) }
        }
        return ScreenRow.filtered(rows, by: state.filters[state.screen]).map(\.id)
    }

    /// How far the record open on the Tail, the topic open on the Topics screen or the event
    /// open on the Events screen can scroll
    /// at the state's size (0: none is open).
    static func openRecordMaxScroll(_ state: AppState, _ ctx: ViewContext) -> Int {
        guard state.showRecord else { return 0 }
        let modal: Modal?
        switch state.screen {
        case .tail:
            modal = state.tailTopic != nil ? TopicTailScreen.openRecord(TopicTailScreen.records(ctx, state), state)
                : TailScreen.openRecord(TailScreen.records(ctx, state), state)
        case .topics: modal = TopicsScreen.openTopic(ctx, state)
        case .groups: modal = GroupsScreen.openGroup(ctx, state)
        case .events:
            let rows = ScreenRow.filtered(EventsScreen.rows(ctx, state), by: state.filters[.events])
            modal = rows.isEmpty ? nil : EventsScreen.openEvent(rows[state.selected(on: .events, count: rows.count)], width: state.size.columns)
        default: return 0
        }
        // The screen's area: the frame less header, tabs and footer.
        return modal?.maxScroll(in: Rect(x: 0, y: 0, width: state.size.columns, height: max(0, state.size.rows - 3))) ?? 0
    }

    static func header(_ ctx: ViewContext, _ state: AppState) -> HeaderBar {
        let s = ctx.snapshot
        let input = s.pipelines.reduce(0) { $0 + $1.throughput.recordsIn.s1 }
        // Badges come first: they must never be the part that does not fit.
        var left: [Span] = [Span(" pipetop ", role: .accent)]
        // The cluster comes right after the name, so nobody mistakes production for staging;
        // a protected one says so in words too, for monochrome terminals.
        if let name = ctx.contextName {
            left.append(ctx.contextProtected ? Span(" \(name) PROTECTED ", role: .critical) : Span(" \(name) "))
        }
        if state.readOnly { left.append(Span(" READ-ONLY ", role: .warn)) }
        if state.paused { left.append(Span(" PAUSED ", role: .warn)) }
        if ctx.capture != nil { left.append(Span(" ● REC ", role: .critical)) }
        let pending = state.commands.pending.count
        if pending > 0 { left.append(Span(" \(pending) PENDING ", role: .warn)) }
        left += [Span(" \(ctx.source) · "), Span(ctx.connection, role: ctx.connectionRole),
                 Span(" · " + Format.counted(s.pipelines.count, "pipeline") + (ctx.mapped.isEmpty ? "" : " (\(ctx.mapped.count) mapped)")
                      + " · \(Format.rate(input)) rec/s in · ")]
        // A live source gone quiet (a broker killed, a stopped pipeline): the numbers are not frozen, they fell.
        if let quiet = s.quietSinceMs { left += [Span("nothing since \(clockTime(quiet))", role: .warn), Span(" · ")] }
        let silenced = s.alerts.filter { state.alertMarks[$0.id]?.silencedUntilMs.map { $0 > ctx.nowMs } == true }.count
        let loud = s.alerts.count - silenced
        let loudCritical = s.alerts.filter { $0.severity == .critical && state.alertMarks[$0.id]?.silencedUntilMs.map { $0 > ctx.nowMs } != true }.count
        left.append(Span(Format.counted(loud, "alert") + (silenced > 0 ? " (\(silenced) silenced)" : ""),
                         role: loudCritical > 0 ? .critical : (loud == 0 ? nil : .warn)))
        return HeaderBar(left: left, right: [Span(" \(clockTime(ctx.nowMs)) ")])
    }

    /// The time of day of `ms` as the header shows it, `14:02:11`.
    static func clockTime(_ ms: Int64) -> String {
        TimestampText.timeOfDay(epochMilliseconds: ms, milliseconds: false)
    }

    static func footer(_ state: AppState, _ ctx: ViewContext, in area: Rect, buffer: inout Buffer) {
        switch state.mode {
        case .filter(let input), .command(let input), .silence(_, let input), .writeFile(let input), .search(let input),
             .captureFile(let input):
            input.render(in: area, buffer: &buffer, theme: ctx.theme)
        case .confirm(let dialog):
            if let typing = dialog.typing {
                typing.render(in: area, buffer: &buffer, theme: ctx.theme)
            } else {
                StatusBar(hints: [KeyHint("y", "yes"), KeyHint("n", "no")], flash: nil).render(in: area, buffer: &buffer, theme: ctx.theme)
            }
        case .normal:
            let hints = ctx.keymap.hints(on: state.screen).map { KeyHint($0.keys.first?.name ?? "", $0.help) }
            let flash = state.flash.map { Span($0.text, role: $0.role) }
            StatusBar(hints: hints, flash: flash).render(in: area, buffer: &buffer, theme: ctx.theme)
        }
    }
}
