import PipeTopCore

/// The Tail screen's `w`: the records on screen (after the filter) to a file.
extension Update {
    /// The Tail screen's `/`: the filter language, applied as typed while it parses; while it
    /// does not, the error (with its column) is shown and the previous filter stays.
    static func editTailFilter(_ text: String, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        guard !text.trimmingSpaces().isEmpty else {
            s.tailFilter = nil
            return []
        }
        do {
            s.tailFilter = try RecordFilter(parsing: text)
            s.selection[.tail] = nil
            if s.flash?.role == .critical { s.flash = nil }
        } catch {
            flash("filter: \(error)", &s, c, role: .critical)
        }
        return []
    }

    /// A file name being typed into the prompt `mode` shows: the name once `enter` is pressed
    /// on one, nil while typing or after `esc`.
    static func enteredPath(_ event: InputEvent, _ input: TextInput, _ s: inout AppState, mode: (TextInput) -> InputMode) -> String? {
        var input = input
        guard case .key(let key) = event, key.name == "enter" || key.name == "esc" else {
            _ = input.handle(event)
            s.mode = mode(input)
            return nil
        }
        s.mode = .normal
        let path = input.text.trimmingSpaces()
        return key.name == "enter" && !path.isEmpty ? path : nil
    }

    /// A topic's messages go to files as NDJSON only (CSV is for scored records): false, with
    /// a flash saying so, for a `.csv` name.
    private static func ndjsonOnly(_ path: String, _ verb: String, _ s: inout AppState, _ c: AppContext) -> Bool {
        guard path.lowercased().hasSuffix(".csv") else { return true }
        flash("a topic's messages are \(verb) as NDJSON (name the file .ndjson)", &s, c, role: .warn)
        return false
    }

    static func editWriteFile(_ event: InputEvent, _ input: TextInput, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        guard let path = enteredPath(event, input, &s, mode: InputMode.writeFile) else { return [] }
        if let topic = s.tailTopic {
            // A topic's messages, each in its envelope (topic, partition, offset, key, headers, value).
            guard ndjsonOnly(path, "written", &s, c) else { return [] }
            guard !c.topicRecords.isEmpty else {
                flash("no messages to write", &s, c, role: .warn)
                return []
            }
            flash("wrote \(c.topicRecords.count) messages to \(path)", &s, c, role: .ok)
            return [.writeMessages(path: path, topic: topic, c.topicRecords)]
        }
        let records = c.tailRecords
        guard !records.isEmpty else {
            flash("no records to write", &s, c, role: .warn)
            return []
        }
        flash("wrote \(records.count) records to \(path)", &s, c, role: .ok)
        return [.writeRecords(path: path, records)]
    }
}

/// The Tail screen's search: `s` types an expression in the filter language, `n` and `N` move
/// the selection to the next older or newer record it matches. Jumping pauses the display,
/// so the record found stays where it is.
extension Update {
    static func editSearch(_ event: InputEvent, _ input: TextInput, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        var input = input
        guard case .key(let key) = event, key.name == "enter" || key.name == "esc" else {
            if input.handle(event) {
                // Checked as typed, like the filter, so an error points at its column at once.
                if let error = parseError(input.text) { flash("search: \(error)", &s, c, role: .critical) } else if s.flash?.role == .critical { s.flash = nil }
            }
            s.mode = .search(input)
            return []
        }
        s.mode = .normal
        guard key.name == "enter" else { return [] }
        let text = input.text.trimmingSpaces()
        guard !text.isEmpty else {
            s.tailSearch = nil
            return []
        }
        do {
            s.tailSearch = try RecordFilter(parsing: text)
        } catch {
            flash("search: \(error)", &s, c, role: .critical)
            return []
        }
        jumpToMatch(older: true, &s, c, includingSelected: true)
        return []
    }

    private static func parseError(_ text: String) -> PipeTopCore.FilterError? {
        guard !text.trimmingSpaces().isEmpty else { return nil }
        do {
            _ = try RecordFilter(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    /// On the live Tail, looking back (moving up, opening a record) holds the display still,
    /// as `less +F` stops following: otherwise the rows would stream past the selection.
    static func holdTail(for command: Command, _ s: inout AppState, _ c: AppContext) {
        guard s.screen == .tail, !s.paused, !c.rowIDs.isEmpty else { return }
        switch command {
        case .drillIn: s.resumeAfterRecord = true
        case .up, .pageUp, .top: flash("paused while you look back · space to follow", &s, c)
        default: return
        }
        pauseDisplay(&s, c)
    }

    /// Freezes what the screens show; the Tail counts what arrives meanwhile.
    static func pauseDisplay(_ s: inout AppState, _ c: AppContext) {
        s.paused = true
        s.pausedAtScored = c.snapshot?.scoredTotal
    }

    /// Live again, the Tail on its newest record.
    static func followTail(_ s: inout AppState) {
        s.paused = false
        s.pausedAtScored = nil
        s.resumeAfterRecord = false
        s.selection[.tail] = nil
    }

    /// Moves the selection to the nearest record the search matches, older (up) or newer
    /// (down) than the selected one (or the selected one itself, for a new search), wrapping
    /// around at the ends like `less`. Following, the newest record is the selected one.
    static func jumpToMatch(older: Bool, _ s: inout AppState, _ c: AppContext, includingSelected: Bool = false) {
        guard let search = s.tailSearch else {
            flash("no search: press s and type one (e.g. \(s.tailTopic != nil ? "/amount > 100" : "label != prediction"))", &s, c, role: .warn)
            return
        }
        // A topic's messages (their decoded values), or the scored records.
        let count = s.tailTopic != nil ? c.topicRecords.count : c.tailRecords.count
        let matches = s.tailTopic != nil ? TopicTailScreen.matches(of: search, in: c.topicRecords) : TailScreen.matches(of: search, in: c.tailRecords)
        guard !matches.isEmpty else {
            flash("no \(s.tailTopic != nil ? "message" : "record") on screen matches \(search.text)", &s, c, role: .warn)
            return
        }
        let current = s.selected(on: .tail, count: count)
        let target: Int
        var wrapped = false
        if older {
            if let before = matches.last(where: { includingSelected ? $0 <= current : $0 < current }) {
                target = before
            } else {
                target = matches[matches.count - 1]
                wrapped = true
            }
        } else if let after = matches.first(where: { $0 > current }) {
            target = after
        } else {
            target = matches[0]
            wrapped = true
        }
        s.selection[.tail] = target
        if !s.paused { pauseDisplay(&s, c) }
        let n = (matches.firstIndex(of: target) ?? 0) + 1
        flash("match \(n) of \(matches.count)" + (wrapped ? (older ? " (wrapped to the newest)" : " (wrapped to the oldest)") : "")
              + " · paused, space to follow", &s, c)
    }
}

/// The Tail screen's `W`: every record (on a topic's tail, every message) matching the filter
/// from now on, to a file, until `W` again.
extension Update {
    static func toggleCapture(_ s: inout AppState, _ c: AppContext) -> [Effect] {
        if c.capturing { return [.stopCapture] }
        if let topic = s.tailTopic {
            s.mode = .captureFile(TextInput(text: "pipetop-capture-\(topic)-\(c.nowMs / 1_000).ndjson",
                                            prompt: "capture every matching message from now on to (.ndjson): "))
            return []
        }
        s.mode = .captureFile(TextInput(text: "pipetop-capture-\(c.nowMs / 1_000).ndjson",
                                        prompt: "capture every matching record from now on to (.ndjson or .csv): "))
        return []
    }

    static func editCaptureFile(_ event: InputEvent, _ input: TextInput, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        guard let path = enteredPath(event, input, &s, mode: InputMode.captureFile) else { return [] }
        if s.tailTopic != nil {
            guard ndjsonOnly(path, "captured", &s, c) else { return [] }
            return [.startCapture(path: path, filter: s.tailFilter, pipeline: nil)]
        }
        return [.startCapture(path: path, filter: s.tailFilter, pipeline: s.pipeline)]
    }
}

/// `:columns`: the Tail screen's columns.
extension Update {
    static func setColumns(_ text: String, _ s: inout AppState, _ c: AppContext) {
        let trimmed = text.trimmingSpaces()
        if s.tailTopic != nil {
            setTopicColumns(trimmed, &s, c)
            return
        }
        guard !trimmed.isEmpty else {
            flash("columns: " + s.tailColumns.map(\.name).joined(separator: ","), &s, c)
            return
        }
        if trimmed == "default" {
            s.tailColumns = ScoredColumn.tailDefaults
        } else {
            do {
                s.tailColumns = try ScoredColumn.list(parsing: trimmed)
            } catch {
                flash("columns: \(error)", &s, c, role: .critical)
                return
            }
        }
        flash("columns: " + s.tailColumns.map(\.name).joined(separator: ","), &s, c)
    }

    /// On a topic's tail: JSON Pointers into the values (`/id,/result/score`, or top-level
    /// member names), each a column after the key; `default`, the whole value.
    private static func setTopicColumns(_ text: String, _ s: inout AppState, _ c: AppContext) {
        if text == "default" {
            s.tailTopicColumns = nil
        } else if !text.isEmpty {
            do {
                s.tailTopicColumns = try TreeColumn.list(parsing: text)
            } catch {
                flash("columns: \(error)", &s, c, role: .critical)
                return
            }
        }
        flash("columns: " + (s.tailTopicColumns.map { $0.map(\.header).joined(separator: ",") } ?? "the whole value (default)"), &s, c)
    }
}
