import PipeTopCore

/// The Tail screen on a topic of any format (the Topics screen's `enter`): the newest
/// messages at the bottom, each with its time, partition and offset, key and value (natural
/// JSON, on one line, or the columns `:columns` picks out of it); `/` filters them with the
/// filter language (JSON Pointers and member names), `enter` opens one in full with its headers.
enum TopicTailScreen {
    /// The records on screen, oldest first, after the filter.
    static func records(_ ctx: ViewContext, _ state: AppState) -> [TopicRecord] {
        guard let tail = ctx.topicTail else { return [] }
        guard let filter = state.tailFilter else { return tail.records }
        return tail.records.filter { filter.matches($0.value ?? .null) }
    }

    /// Indexes of the records `search` matches (their decoded values), oldest first.
    static func matches(of search: RecordFilter, in records: [TopicRecord]) -> [Int] {
        records.indices.filter { search.matches(records[$0].value ?? .null) }
    }

    static func rows(_ ctx: ViewContext, _ state: AppState) -> [ScreenRow] {
        rows(records(ctx, state), columns: state.tailTopicColumns)
    }

    /// A row per record: time, position, key, then the value whole or `columns` of it.
    static func rows(_ records: [TopicRecord], columns: [TreeColumn]?) -> [ScreenRow] {
        records.map { r in
            var cells = [
                Span(r.timestampMs.map { TimestampText.timeOfDay(epochMilliseconds: $0) } ?? "-", role: .muted),
                Span("\(r.partition)@\(r.offset)", role: .muted),
                Span(r.key.map(text) ?? "-"),
            ]
            if let columns, let value = r.value {
                cells += columns.map { Span($0.cell(value)) }
            } else {
                cells.append(Span(r.value.map { $0.jsonText } ?? "null (tombstone)", role: r.value == nil ? .muted : nil))
            }
            return ScreenRow(id: .message(partition: r.partition, offset: r.offset), cells: cells)
        }
    }

    /// The table's columns: the value's, or one per `:columns` pointer, as wide as its cells
    /// (numbers, as the newest record has them, to the right).
    private static func tableColumns(_ columns: [TreeColumn]?, newest: DecodedValue?) -> [Table.Column] {
        let head = [Table.Column("TIME", width: .fixed(12)), Table.Column("PART@OFFSET", width: .content(min: 11, max: 32)),
                    Table.Column("KEY", width: .content(min: 3, max: 32))]
        guard let columns else { return head + [Table.Column("VALUE", width: .fill)] }
        return head + columns.map { c in
            Table.Column(c.header, width: .content(min: c.header.count, max: 40),
                         alignment: newest.map(c.isNumeric) == true ? .right : .left)
        }
    }

    static func render(in area: Rect, buffer: inout Buffer, ctx: ViewContext, state: AppState) {
        let topic = state.tailTopic ?? "?"
        let tail = ctx.topicTail
        let records = records(ctx, state)
        let rows = rows(records, columns: state.tailTopicColumns)
        var title = "Tail of topic \(topic)" + (tail?.failure.map { " · FAILED: \($0)" } ?? "")
            + " · \(tail?.format.rawValue ?? "auto")"
            + (tail.map { $0.start == TopicTailSnapshot.defaultStart ? "" : " from \($0.start)" } ?? "")
            + " · \(Format.rate(Double(tail?.total ?? 0))) read"
        if let undecodable = tail?.undecodable, undecodable > 0 {
            title += " · \(Format.rate(Double(undecodable))) did not decode (first: \(tail?.firstError ?? "?"))"
        }
        if let filter = state.tailFilter { title += " · filter: \(filter.text)" }
        let matches = state.tailSearch.map { Self.matches(of: $0, in: records) } ?? []
        if let search = state.tailSearch { title += " · search: \(search.text) (\(matches.count) on screen)" }
        title += TailScreen.captureText(ctx.capture, of: "messages")
        let block = Block(title: title, rightTitle: tail?.failure != nil ? "stopped" : state.paused ? "PAUSED" : "following",
                          borderRole: tail?.failure == nil ? .border : .critical)
        block.render(in: area, buffer: &buffer, theme: ctx.theme)
        let inner = block.inner(area)
        guard !rows.isEmpty else {
            let text = tail.map { $0.failure ?? ($0.total == 0 ? "waiting for messages (reading \(reading($0.start)))" : "no message matches the filter") }
                ?? "starting…"
            Paragraph(text, overflow: .wrap, role: .muted).render(in: inner, buffer: &buffer, theme: ctx.theme)
            return
        }
        let columns = tableColumns(state.tailTopicColumns, newest: records.last(where: { $0.value != nil })?.value)
        let selected = state.selected(on: .tail, count: rows.count)
        let matching = Set(matches)
        Table(columns: columns, rows: rows.enumerated().map { i, row in Table.Row(row.cells, role: matching.contains(i) ? .accent : nil) },
              selected: selected).render(in: inner, buffer: &buffer, theme: ctx.theme)
        if var modal = openRecord(records, state) {
            modal.scroll = state.recordScroll  // render keeps it within the body
            modal.render(in: area, buffer: &buffer, theme: ctx.theme)
        }
    }

    /// Where the reader started, in words.
    static func reading(_ start: StartPosition) -> String {
        switch start {
        case .lastPerPartition(let n): "from \(n) before the end of each partition"
        case .beginning: "each partition from its beginning"
        case .end: "new messages only"
        case .offset(let o): "each partition from offset \(o)"
        case .timestamp(let ms): "from \(TimestampText.format(epochMilliseconds: ms))"
        case .committed(let group): "from where group \(group) stands"
        }
    }

    /// The selected message in full, while `enter` has it open.
    static func openRecord(_ records: [TopicRecord], _ state: AppState) -> Modal? {
        guard state.showRecord, !records.isEmpty else { return nil }
        let record = records[state.selected(on: .tail, count: records.count)]
        return Modal(title: "\(state.tailTopic ?? "?") · partition \(record.partition) · offset \(record.offset)", body: detail(record),
                     buttons: [KeyHint("esc", "close"), KeyHint("↑↓", "record"), KeyHint("pgup/pgdn", "scroll")])
    }

    /// The message in full: when, its key, its headers, the registry schema that wrote its
    /// value, then the value as indented JSON.
    static func detail(_ r: TopicRecord) -> [String] {
        var lines = [r.timestampMs.map { TimestampText.format(epochMilliseconds: $0) } ?? "no timestamp", "key: " + (r.key.map(text) ?? "none")]
        if r.headers.isEmpty {
            lines.append("headers: none")
        } else {
            lines.append("headers:")
            lines += r.headers.map { "  \($0.name): \($0.value ?? "null")" }
        }
        if let schema = r.schema { lines.append("value: " + schema.text) }
        lines.append("")
        guard let value = r.value else { return lines + ["null (a tombstone)"] }
        return lines + JSONPretty.lines(value.jsonText)
    }

    /// Text as it is, bytes as base64, anything else as compact JSON.
    private static func text(_ value: DecodedValue) -> String {
        switch value {
        case .string(let s): s
        case .bytes(let b): Base64.string(b)
        default: value.jsonText
        }
    }
}
