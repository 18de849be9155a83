import PipeTopCore

/// Screen 6: every topic of the cluster with its partitions, messages in per second, retained
/// messages and the consumer groups reading it with their lag; a resource list like k9s',
/// with the same table and selection as every other screen; its `/` filter matches names and
/// the groups reading each topic.
enum TopicsScreen {
    /// The topics shown, in the chosen order: internal ones only when asked for.
    static func topics(_ ctx: ViewContext, _ state: AppState) -> [TopicStats] {
        let visible = ctx.topics?.visible(includingInternal: state.showInternalTopics) ?? []
        switch state.topicsSort {
        case .name:
            return visible
        case .rate:
            return visible.sorted { ($0.messagesPerSecond ?? -1, $1.name) > ($1.messagesPerSecond ?? -1, $0.name) }
        case .retained:
            return visible.sorted { ($0.retained, $1.name) > ($1.retained, $0.name) }
        case .lag:
            let stalledAfterMs = ctx.settings.alerts.groupStalledAfterMs
            func key(_ t: TopicStats) -> (Int, Int64) {
                (t.hasStalledGroup(afterMs: stalledAfterMs) ? 1 : 0, t.groups.map(\.lag).max() ?? -1)
            }
            return visible.sorted { (key($0).0, key($0).1, $1.name) > (key($1).0, key($1).1, $0.name) }
        }
    }

    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        topics(ctx, state).map { t in
            // A partition without a leader (nobody reads or writes it) or out of sync colours
            // the name and the count, so trouble shows before `d`.
            let health: ThemeRole? = t.offline > 0 ? .critical : t.underReplicated > 0 ? .warn : nil
            let stalledAfterMs = ctx.settings.alerts.groupStalledAfterMs
            let stalled = t.hasStalledGroup(afterMs: stalledAfterMs)
            return ScreenRow(id: .topic(t.name), cells: [
                Span(t.name, role: health ?? (t.isInternal ? .muted : nil)), Span("\(t.partitions)", role: health),
                Span(t.messagesPerSecond.map(Format.rate) ?? "-"), Span(Format.count(t.retained)),
                Span(t.groupsText(stalledAfterMs: stalledAfterMs), role: stalled ? .critical : t.groups.isEmpty ? .muted : nil),
            ], filterText: ([t.name] + t.groups.map(\.group)).joined(separator: " "))
        }
    }


    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        if let reason = ctx.topicsUnavailable ?? (ctx.topics == nil ? "measuring the cluster's topics…" : nil) {
            let block = Block(title: "Topics")
            block.render(in: area, buffer: &buffer, theme: ctx.theme)
            Paragraph(reason, role: .muted).render(in: block.inner(area), buffer: &buffer, theme: ctx.theme)
            return
        }
        let filter = state.filters[.topics]
        let rows = ScreenRow.filtered(rows(ctx, state), by: filter)
        let hidden = state.showInternalTopics ? 0 : (ctx.topics?.topics.filter(\.isInternal).count ?? 0)
        let all = ctx.topics?.topics ?? []
        let offline = all.count { $0.offline > 0 }
        let under = all.count { $0.offline == 0 && $0.underReplicated > 0 }
        let stalledAfterMs = ctx.settings.alerts.groupStalledAfterMs
        let stalled = all.count { $0.hasStalledGroup(afterMs: stalledAfterMs) }
        let title = "Topics (\(rows.count))" + (hidden > 0 ? ", \(hidden) internal hidden" : "") + ", by \(state.topicsSort.label)"
            + (offline > 0 ? ", \(offline) without a leader" : "") + (under > 0 ? ", \(under) under-replicated" : "")
            + (stalled > 0 ? ", \(stalled) with a stalled group" : "")
        let inner = ClusterBlock.render(title: title, in: area, buffer: &buffer, ctx: ctx, filter: filter)
        let selected = rows.isEmpty ? nil : state.selected(on: .topics, count: rows.count)
        // Names as wide as the longest, within a third of the width: the groups get the rest.
        Table(columns: [
            .init("TOPIC", width: .content(min: 12, max: inner.width / 3)), .init("PARTS", width: .fixed(5), alignment: .right),
            .init("MSG/S", width: .fixed(8), alignment: .right), .init("RETAINED", width: .fixed(12), alignment: .right),
            .init("GROUPS", width: .fill),
        ], rows: rows.map { Table.Row($0.cells) }, selected: selected).render(in: inner, buffer: &buffer, theme: ctx.theme)
        if var modal = openTopic(ctx, state) {
            modal.scroll = state.recordScroll  // render keeps it within the body
            modal.render(in: area, buffer: &buffer, theme: ctx.theme)
        }
    }

    /// The topic `d` has open: the selected one (nil when none is open).
    static func describedTopic(_ ctx: ViewContext, _ state: AppState) -> String? {
        guard state.showRecord, state.screen == .topics else { return nil }
        let rows = ScreenRow.filtered(rows(ctx, state), by: state.filters[.topics])
        guard !rows.isEmpty, case .topic(let name) = rows[state.selected(on: .topics, count: rows.count)].id else { return nil }
        return name
    }

    /// The selected topic in full while `d` has it open (`TopicDescription`), redrawn with
    /// every sample; `↑↓` move to the next topic.
    static func openTopic(_ ctx: ViewContext, _ state: AppState) -> Modal? {
        guard let name = describedTopic(ctx, state), let snapshot = ctx.topics,
              let topic = snapshot.topics.first(where: { $0.name == name }) else { return nil }
        let stalledAfterMs = ctx.settings.alerts.groupStalledAfterMs
        let trouble = !TopicDescription.trouble(topic).isEmpty || topic.hasStalledGroup(afterMs: stalledAfterMs)
        var body = TopicDescription.lines(topic, brokers: snapshot.brokers, stalledAfterMs: stalledAfterMs)
        // What a stalled consumer is stuck on is the first record it has yet to read.
        let stalled = topic.groups.filter { !$0.stalled(afterMs: stalledAfterMs).isEmpty }.map(\.group)
        if !stalled.isEmpty {
            body += [""] + stalled.map { "To see the record \($0) is stuck on: enter, then :from group:\($0)" }
        }
        return Modal(title: name, body: body,
                     buttons: [KeyHint("esc", "close"), KeyHint("↑↓", "topic"), KeyHint("pgup/pgdn", "scroll"), KeyHint("enter", "tail")],
                     borderRole: trouble ? .warn : .accent)
    }
}
