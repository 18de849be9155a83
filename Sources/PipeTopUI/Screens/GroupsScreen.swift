import PipeTopCore

/// Screen 7: every consumer group of the cluster with its lag in all and on each topic it
/// commits on, and how it is doing there (stalled, catching up, falling behind): the
/// dashboard's `pipetop groups`, from the same samples as the Topics screen. Stalled groups
/// come first, then by name; `enter` tails the topic where the selected group is in the most
/// trouble from where it stands, `d` describes it partition by partition.
enum GroupsScreen {
    /// The groups shown: stalled ones first, then by name.
    static func groups(_ ctx: ViewContext) -> [ConsumerGroupLag] {
        let stalledAfterMs = ctx.settings.alerts.groupStalledAfterMs
        let all = ctx.topicsUnavailable == nil ? ctx.groups : []
        return all.filter { $0.isStalled(afterMs: stalledAfterMs) } + all.filter { !$0.isStalled(afterMs: stalledAfterMs) }
    }

    /// The groups after the `/` filter (on group and topic names), in order: what the rows
    /// are, without formatting them (only those on screen are).
    static func shown(_ ctx: ViewContext, _ state: AppState) -> [ConsumerGroupLag] {
        let all = groups(ctx)
        guard let filter = state.filters[.groups], case .success(let matcher) = filter.compiled() else { return all }
        return all.filter { g in matcher.keeps(([g.group] + g.topics.map(\.topic)).joined(separator: " ")) }
    }

    /// A group's row: its name, lag, topic count and its state on each topic.
    static func row(_ g: ConsumerGroupLag, _ ctx: ViewContext) -> ScreenRow {
        let stalledAfterMs = ctx.settings.alerts.groupStalledAfterMs
        let stalled = g.isStalled(afterMs: stalledAfterMs)
        return ScreenRow(id: .group(g.group), cells: [
            Span(g.group, role: stalled ? .critical : nil), Span(Format.count(g.lag), role: stalled ? .critical : nil),
            Span("\(g.topics.count)"), Span(GroupDescription.topics(g, stalledAfterMs: stalledAfterMs), role: stalled ? .critical : nil),
        ])
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        if ctx.topicsUnavailable != nil || ctx.topics == nil {
            let block = Block(title: "Groups")
            block.render(in: area, buffer: &buffer, theme: ctx.theme)
            Paragraph(ctx.topicsUnavailable != nil ? "Consumer groups need a Kafka source" : "reading the cluster's consumer groups…", role: .muted)
                .render(in: block.inner(area), buffer: &buffer, theme: ctx.theme)
            return
        }
        let filter = state.filters[.groups]
        let shown = shown(ctx, state)
        let stalledAfterMs = ctx.settings.alerts.groupStalledAfterMs
        let stalled = groups(ctx).count { $0.isStalled(afterMs: stalledAfterMs) }
        let title = "Groups (\(shown.count)), stalled first, then by name" + (stalled > 0 ? ", \(stalled) stalled" : "")
        let inner = ClusterBlock.render(title: title, in: area, buffer: &buffer, ctx: ctx, filter: filter)
        if shown.isEmpty, filter == nil {
            Paragraph("No consumer group has committed offsets on this cluster's topics.", role: .muted).render(in: inner, buffer: &buffer, theme: ctx.theme)
            return
        }
        let selected = shown.isEmpty ? nil : state.selected(on: .groups, count: shown.count)
        // Only the rows on screen are formatted: a cluster may have thousands of groups.
        let visible = Table.visibleRange(selected: selected, offset: 0, height: max(0, inner.height - 1), count: shown.count)
        Table(columns: [
            .init("GROUP", width: .content(min: 12, max: inner.width / 3)), .init("LAG", width: .fixed(12), alignment: .right),
            .init("TOPICS", width: .fixed(6), alignment: .right), .init("ON EACH TOPIC", width: .fill),
        ], rows: visible.map { Table.Row(row(shown[$0], ctx).cells) }, selected: selected.map { $0 - visible.lowerBound })
            .render(in: inner, buffer: &buffer, theme: ctx.theme)
        if var modal = openGroup(ctx, state) {
            modal.scroll = state.recordScroll  // render keeps it within the body
            modal.render(in: area, buffer: &buffer, theme: ctx.theme)
        }
    }

    /// The selected group (after the filter), if any.
    static func selectedGroup(_ ctx: ViewContext, _ state: AppState) -> ConsumerGroupLag? {
        let shown = shown(ctx, state)
        return shown.isEmpty ? nil : shown[state.selected(on: .groups, count: shown.count)]
    }

    /// The topic `enter` tails for `g`: the first where it is stalled, else where it lags most.
    static func topicToTail(_ g: ConsumerGroupLag, stalledAfterMs: Int64) -> String? {
        let stalled = g.topics.first { t in t.partitions.contains { $0.isStalled(afterMs: stalledAfterMs) } }
        return (stalled ?? g.topics.max { ($0.lag, $1.topic) < ($1.lag, $0.topic) })?.topic
    }

    /// The selected group in full while `d` has it open (`GroupDescription`), redrawn with
    /// every sample; `↑↓` move to the next group.
    static func openGroup(_ ctx: ViewContext, _ state: AppState) -> Modal? {
        guard state.showRecord, state.screen == .groups, let g = selectedGroup(ctx, state) else { return nil }
        let stalledAfterMs = ctx.settings.alerts.groupStalledAfterMs
        var body = GroupDescription.lines(g, stalledAfterMs: stalledAfterMs)
        if let topic = topicToTail(g, stalledAfterMs: stalledAfterMs) {
            body += ["", "enter tails \(topic) from where \(g.group) stands: its next record on each partition comes first"]
        }
        return Modal(title: g.group, body: body,
                     buttons: [KeyHint("esc", "close"), KeyHint("↑↓", "group"), KeyHint("pgup/pgdn", "scroll"), KeyHint("enter", "tail")],
                     borderRole: g.isStalled(afterMs: stalledAfterMs) ? .warn : .accent)
    }
}
