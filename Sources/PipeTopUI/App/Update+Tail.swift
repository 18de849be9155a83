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

    static func editWriteFile(_ event: InputEvent, _ input: TextInput, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        var input = input
        guard case .key(let key) = event, key.name == "enter" || key.name == "esc" else {
            _ = input.handle(event)
            s.mode = .writeFile(input)
            return []
        }
        s.mode = .normal
        let path = input.text.trimmingSpaces()
        guard key.name == "enter", !path.isEmpty else { return [] }
        let records = c.tailRecords
        guard !records.isEmpty else {
            flash("no records to write", &s, c, role: .warn)
            return []
        }
        flash("wrote \(records.count) records to \(path)", &s, c, role: .ok)
        return [.writeRecords(path: path, records)]
    }
}
