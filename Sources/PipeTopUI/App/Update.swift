import PipeTopCore

/// The UI's state machine: every message in, state changes and effects out (bubbletea's
/// `Update`). The runtime (`DashboardApp`) only reads input and the sources, performs the
/// effects and draws what the state says.
public enum Update {
    /// How long flash messages stay.
    public static let flashMs: Int64 = 3_000
    /// Delivery reports kept for commands not decided yet, at most.
    static let deliveriesKept = 1_000

    /// Applies one message to the state; returns what the runtime must do beyond it.
    public static func update(_ message: Message, _ s: inout AppState, _ options: DashboardOptions) -> [Effect] {
        let watching = RecordsWatch(s)
        let themeName = s.themeName
        var effects: [Effect] = []
        switch message {
        case .input(let event):
            let before = s
            let context = AppContext(s, options)
            effects = apply(event, to: &s, keymap: options.keymap, context: context)
            if s.screen == .overview {
                if s.overviewSort != before.overviewSort { select(selectedRow(before, options), &s, options) }
                // The rows are those the context listed unless the key changed which (a filter typed, another order).
                let same = before.screen == .overview && s.overviewSort == before.overviewSort && s.filters[.overview] == before.filters[.overview]
                keepSelectionInView(&s, count: same ? context.rowIDs.count : Dashboard.rowIDs(s, options.view(s)).count)
            }
        case .tick(let nowMs):
            s.nowMs = nowMs
            if let flash = s.flash, flash.untilMs <= nowMs { s.flash = nil }
            expireMarks(&s, active: s.data.snapshot.alerts, nowMs: nowMs)
            let snapshot = s.data.snapshot
            effects = observe(&s, timeline: snapshot.timeline, deliveries: s.deliveries, serving: snapshot.serving,
                              nowMs: nowMs, timeoutMs: options.control.ackTimeoutMs)
            let pending = Set(s.commands.pending.map(\.command.id))
            s.deliveries = s.deliveries.filter { pending.contains($0.key) }
        case .data(let data):
            // New numbers reorder the Overview (a status changed) and the Topics screen (sorted by
            // rate or lag), new events push the Events screen's rows down: a row the operator
            // chose stays selected, and what `enter` or `d` opened stays open on it. With none
            // chosen (or after `g`), the selection stays on the first row, whichever it is
            // now: the worst pipeline, the newest event.
            let selected = selectedRow(s, options)
            s.data = s.paused ? s.data.paused(taking: data) : data
            select(selected, &s, options)
        case .delivered(let id, let report):
            if s.deliveries.count >= deliveriesKept { s.deliveries.removeAll() }
            s.deliveries[id] = report
        case .said(let text, let role):
            s.flash = Flash(text, role: role, untilMs: s.nowMs + flashMs)
        }
        if s.themeName != themeName { s.theme = options.theme(named: s.themeName, colors: s.colors) }
        let watch = RecordsWatch(s)
        if watch != watching {
            // The old view's records are not this one's: until the new view is read, the
            // screen filters the snapshot's.
            s.data.tailView = nil
            effects.append(.watchRecords(watch))
        }
        return effects
    }

    /// Applies one input event.
    static func apply(_ event: InputEvent, to s: inout AppState, keymap: Keymap, context: AppContext) -> [Effect] {
        if case .resize(let columns, let rows) = event {
            s.size = (columns, rows)
            return []
        }
        switch s.mode {
        case .filter(var input):
            return editFilter(event, &input, &s, context)
        case .command(var input):
            return editCommand(event, &input, &s, keymap, context)
        case .confirm(let dialog):
            return answer(event, dialog, &s, context)
        case .silence(let alertID, let input):
            return editSilence(event, alertID, input, &s, context)
        case .writeFile(let input):
            return editWriteFile(event, input, &s, context)
        case .search(let input):
            return editSearch(event, input, &s, context)
        case .captureFile(let input):
            return editCaptureFile(event, input, &s, context)
        case .normal:
            guard case .key(let key) = event, let command = keymap.command(for: key, on: s.screen) else { return [] }
            return run(command, &s, keymap, context)
        }
    }

    /// The Overview's first row shown moves only as far as the selection needs, as htop's does.
    private static func keepSelectionInView(_ s: inout AppState, count: Int) {
        let visible = Table.visibleRange(selected: s.selected(on: .overview, count: count), offset: s.offsets[.overview] ?? 0,
                                         height: AppContext.pageRows(s), count: count)
        s.offsets[.overview] = visible.lowerBound
    }

    /// Screens whose rows move under the selection as data comes: it follows its row there.
    private static let keepingSelection: Set<Screen> = [.overview, .events, .topics, .groups]

    /// The selected row of the screen shown, when it is one that keeps it and the operator
    /// chose it (moved to it, or opened it); with none chosen, the selection is the first
    /// row, whichever that is.
    private static func selectedRow(_ s: AppState, _ options: DashboardOptions) -> RowID? {
        guard keepingSelection.contains(s.screen), s.selection[s.screen] != nil || s.showRecord else { return nil }
        let ids = Dashboard.rowIDs(s, options.view(s))
        return ids.isEmpty ? nil : ids[s.selected(on: s.screen, count: ids.count)]
    }

    /// Selects `id` on the screen shown where its rows put it now (nothing when it is gone).
    private static func select(_ id: RowID?, _ s: inout AppState, _ options: DashboardOptions) {
        guard let id, keepingSelection.contains(s.screen), let i = Dashboard.rowIDs(s, options.view(s)).firstIndex(of: id) else { return }
        s.selection[s.screen] = i
    }

    /// Orders the Overview by `order` (`o`, `:sort`); `update` keeps the selection on its pipeline.
    static func sort(_ order: OverviewSort, _ s: inout AppState, _ c: AppContext) {
        s.overviewSort = order
        flash("pipelines sorted by \(order.label)", &s, c)
    }

    /// Orders the Topics screen by `order` (`o`, `:sort` there), from its first row.
    static func sort(_ order: TopicsSort, _ s: inout AppState, _ c: AppContext) {
        s.topicsSort = order
        s.selection[.topics] = nil
        flash("topics sorted by \(order.label)", &s, c)
    }

    static func run(_ command: Command, _ s: inout AppState, _ keymap: Keymap, _ c: AppContext) -> [Effect] {
        var effects = perform(command, &s, keymap, c)
        // A topic's tail lives while the Tail shows it: leaving the screen (or `4`, for the
        // scored records) stops its reader.
        if s.tailTopic != nil, s.screen != .tail || command == .tail {
            s.tailTopic = nil
            s.tailFilter = nil
            s.tailSearch = nil
            s.selection[.tail] = nil
            effects.append(.stopTopicTail)
        }
        return effects
    }

    private static func perform(_ command: Command, _ s: inout AppState, _ keymap: Keymap, _ c: AppContext) -> [Effect] {
        if s.showHelp, [.back, .help, .quit].contains(command) {
            s.showHelp = false
            return []
        }
        let count = c.rowIDs.count
        let selected = s.selected(on: s.screen, count: count)
        holdTail(for: command, &s, c)
        if s.showRecord {
            // The open record scrolls by half pages (the dialog is shorter than the table under
            // it); up and down move to the next record, from its top.
            switch command {
            case .pageUp, .pageDown:
                let step = max(1, c.pageRows / 2)
                s.recordScroll = max(0, min(c.recordMaxScroll, s.recordScroll + (command == .pageDown ? step : -step)))
                return []
            case .up, .down, .top, .bottom: s.recordScroll = 0
            default: break
            }
        }
        switch command {
        case .quit:
            let pending = s.commands.pending.count
            if pending > 0 {
                s.mode = .confirm(Dialog(.quitWithPending(pending)))
                return []
            }
            s.quit = true
        case .help: s.showHelp = true
        case .up: s.selection[s.screen] = max(0, selected - 1)
        case .down: s.selection[s.screen] = max(0, min(count - 1, selected + 1))
        case .top: s.selection[s.screen] = keepingSelection.contains(s.screen) ? nil : 0
        case .bottom: s.selection[s.screen] = max(0, count - 1)
        case .pageUp: s.selection[s.screen] = max(0, selected - c.pageRows)
        case .pageDown: s.selection[s.screen] = max(0, min(count - 1, selected + c.pageRows))
        case .drillIn where s.screen == .tail || s.screen == .events:
            s.showRecord = count > 0
            s.recordScroll = 0
        case .drillIn where s.screen == .models:
            guard selected < count, case .versionFold(let pipeline, let model, _) = c.rowIDs[selected] else { return [] }
            if s.unfoldedModels[pipeline, default: []].remove(model) == nil {
                s.unfoldedModels[pipeline, default: []].insert(model)
            }
        case .describe:
            guard s.screen == .topics || s.screen == .groups else { return [] }
            s.showRecord = count > 0
            s.recordScroll = 0
        case .drillIn where s.screen == .topics:
            guard selected < count, case .topic(let topic) = c.rowIDs[selected] else { return [] }
            s.tailTopic = topic
            s.tailTopicFormat = .auto
            s.tailTopicStart = TopicTailSnapshot.defaultStart
            s.tailTopicColumns = nil
            s.tailFilter = nil
            s.tailSearch = nil
            followTail(&s)
            go(.tail, &s)
            return [.tailTopic(topic, format: .auto)]
        case .drillIn where s.screen == .groups:
            // The topic where the group is in the most trouble, from where it stands there.
            guard selected < count, case .group(let group) = c.rowIDs[selected], let topic = c.groupTopic else { return [] }
            s.tailTopic = topic
            s.tailTopicFormat = .auto
            s.tailTopicStart = .committed(group: group)
            s.tailTopicColumns = nil
            s.tailFilter = nil
            s.tailSearch = nil
            followTail(&s)
            go(.tail, &s)
            return [.tailTopic(topic, format: .auto, from: .committed(group: group))]
        case .drillIn:
            guard s.screen == .overview, selected < count, case .pipeline(let name) = c.rowIDs[selected] else { return [] }
            s.pipeline = name
            go(.pipeline, &s)
        case .back:
            if s.showRecord {
                s.showRecord = false
                if s.resumeAfterRecord { followTail(&s) }
            } else if s.screen == .tail && s.tailFilter != nil {
                s.tailFilter = nil
            } else if s.filters[s.screen] != nil {
                s.filters[s.screen] = nil
            } else if let previous = s.history.popLast() {
                s.screen = previous
            }
        case .nextScreen, .previousScreen:
            let tabs = Screen.tabs
            let i = tabs.firstIndex(of: s.screen) ?? 0
            let step = command == .nextScreen ? 1 : tabs.count - 1
            takeOverviewPipeline(&s, c, selected: selected)
            go(tabs[(i + step) % tabs.count], &s)
        case .overview: go(.overview, &s)
        case .models, .drift, .tail:
            takeOverviewPipeline(&s, c, selected: selected)
            go(command == .models ? .models : command == .drift ? .drift : .tail, &s)
        case .events: go(.events, &s)
        case .topics: go(.topics, &s)
        case .groups: go(.groups, &s)
        case .sort where s.screen == .topics: sort(s.topicsSort.next, &s, c)
        case .sort: sort(s.overviewSort.next, &s, c)
        case .internalTopics:
            s.showInternalTopics.toggle()
            s.selection[.topics] = nil
            flash(s.showInternalTopics ? "internal topics shown" : "internal topics hidden", &s, c)
        case .filter:
            let current = s.screen == .tail ? s.tailFilter?.text : s.filters[s.screen]?.label
            let example = s.tailTopic != nil ? "/amount > 100 and has(/label)" : "score > 0.9 and has(label)"
            s.mode = .filter(TextInput(text: current ?? "", prompt: s.screen == .tail ? "/ (e.g. \(example)) " : "/"))
        case .commandMode:
            s.mode = .command(TextInput(prompt: ":"))
        case .pause:
            if s.paused {
                followTail(&s)
            } else {
                pauseDisplay(&s, c)
            }
            flash(s.paused ? "display paused (data keeps flowing)" : "display resumed", &s, c)
        case .timeRange:
            let all = TimeRange.allCases
            s.timeRange = all[((all.firstIndex(of: s.timeRange) ?? 0) + 1) % all.count]
            flash("charts: last \(s.timeRange.rawValue)", &s, c)
        case .theme:
            s.themeIndex = (s.themeIndex + 1) % s.themes.count
            flash("theme: \(s.themeName)", &s, c)
        case .promote, .rollback, .retire:
            let action: ControlAction = command == .promote ? .promote : command == .rollback ? .rollback : .retire
            return control(action, &s, c, selectedRow: selected < count ? c.rowIDs[selected] : nil)
        case .write:
            if let topic = s.tailTopic {
                s.mode = .writeFile(TextInput(text: "pipetop-\(topic)-\(c.nowMs / 1_000).ndjson", prompt: "write messages to (.ndjson): "))
            } else {
                s.mode = .writeFile(TextInput(text: "pipetop-tail-\(c.nowMs / 1_000).ndjson", prompt: "write records to (.ndjson or .csv): "))
            }
        case .capture:
            return toggleCapture(&s, c)
        case .search:
            let example = s.tailTopic != nil ? "/amount > 100" : "label != prediction"
            s.mode = .search(TextInput(text: s.tailSearch?.text ?? "", prompt: "search (e.g. \(example)) "))
        case .searchOlder, .searchNewer:
            jumpToMatch(older: command == .searchOlder, &s, c)
        case .acknowledgeAlert:
            return acknowledge(selected < count ? c.rowIDs[selected] : nil, &s, c)
        case .silenceAlert:
            return askSilence(selected < count ? c.rowIDs[selected] : nil, &s, c)
        }
        return []
    }

    /// Leaving the Overview for a pipeline's screens: they are about the row selected there.
    private static func takeOverviewPipeline(_ s: inout AppState, _ c: AppContext, selected: Int) {
        guard s.screen == .overview, selected < c.rowIDs.count, case .pipeline(let name) = c.rowIDs[selected] else { return }
        s.pipeline = name
    }

    static func go(_ screen: Screen, _ s: inout AppState) {
        guard screen != s.screen else { return }
        // What was open belongs to the screen left (a record, a topic's description).
        if s.showRecord {
            s.showRecord = false
            if s.resumeAfterRecord { followTail(&s) }
        }
        s.history.append(s.screen)
        if s.history.count > 32 { s.history.removeFirst() }
        s.screen = screen
    }

    static func flash(_ text: String, _ s: inout AppState, _ c: AppContext, role: ThemeRole = .accent) {
        s.flash = Flash(text, role: role, untilMs: c.nowMs + flashMs)
    }

    private static func editFilter(_ event: InputEvent, _ input: inout TextInput, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        if case .key(let key) = event, key.name == "enter" || key.name == "esc" {
            s.mode = .normal
            return []
        }
        guard input.handle(event) else {
            s.mode = .filter(input)
            return []
        }
        s.mode = .filter(input)
        if s.screen == .tail { return editTailFilter(input.text, &s, c) }
        // Applied as typed, like k9s; an invalid expression keeps the previous filter.
        guard let filter = RowFilter(typed: input.text) else {
            s.filters[s.screen] = nil
            return []
        }
        if case .failure(let error) = filter.compiled() {
            flash(error.description, &s, c, role: .critical)
        } else {
            s.filters[s.screen] = filter
            s.selection[s.screen] = nil
        }
        return []
    }

    private static func editCommand(
        _ event: InputEvent, _ input: inout TextInput, _ s: inout AppState, _ keymap: Keymap, _ c: AppContext
    ) -> [Effect] {
        if case .key(let key) = event {
            switch key.name {
            case "esc":
                s.mode = .normal
                return []
            case "enter":
                s.mode = .normal
                return CommandLine.execute(input.text, &s, keymap, c)
            case "tab":
                input = TextInput(text: CommandLine.complete(input.text, context: c), prompt: ":")
                s.mode = .command(input)
                return []
            default: break
            }
        }
        _ = input.handle(event)
        s.mode = .command(input)
        return []
    }
}
