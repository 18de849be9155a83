import PipeTopCore

/// Acknowledging and silencing alerts from the Events screen (`a`, `S`), audited.
extension Update {
    /// The active alert a row of the Events screen is about.
    static func alert(forRow row: RowID?, _ c: AppContext) -> Alert? {
        guard case .alert(_, let id) = row else { return nil }
        return c.snapshot?.alerts.first { $0.id == id }
    }

    static func acknowledge(_ row: RowID?, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        guard let alert = activeAlert(row, &s, c, verb: "acknowledge") else { return [] }
        var mark = s.alertMarks[alert.id] ?? AlertMark()
        guard mark.ackedBy == nil else {
            flash("already acknowledged by \(mark.ackedBy!)", &s, c, role: .muted)
            return []
        }
        mark.ackedBy = c.control.requester
        mark.ackedAtMs = c.nowMs
        s.alertMarks[alert.id] = mark
        return noted(alert, "acked", detail: nil, &s, c)
    }

    /// `S`: asks for how long.
    static func askSilence(_ row: RowID?, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        guard let alert = activeAlert(row, &s, c, verb: "silence") else { return [] }
        s.mode = .silence(alertID: alert.id, TextInput(prompt: "silence \(alert.kind.rawValue) \(alert.subject) for (e.g. 30m): "))
        return []
    }

    static func editSilence(_ event: InputEvent, _ alertID: String, _ input: TextInput, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        var input = input
        guard case .key(let key) = event, key.name == "enter" || key.name == "esc" else {
            _ = input.handle(event)
            s.mode = .silence(alertID: alertID, input)
            return []
        }
        s.mode = .normal
        guard key.name == "enter" else { return [] }
        guard let alert = c.snapshot?.alerts.first(where: { $0.id == alertID }) else {
            flash("that alert has cleared", &s, c, role: .muted)
            return []
        }
        let ms: Int64
        do {
            ms = DurationText.milliseconds(try DurationText.parse(input.text))
        } catch {
            flash("\(error)", &s, c, role: .critical)
            return []
        }
        guard ms > 0 else {
            flash("silence for how long? e.g. 30m", &s, c, role: .warn)
            return []
        }
        var mark = s.alertMarks[alert.id] ?? AlertMark()
        mark.silencedUntilMs = c.nowMs + ms
        mark.silencedBy = c.control.requester
        s.alertMarks[alert.id] = mark
        let label = "silenced for \(DurationLabel.text(ms: ms))"
        return noted(alert, label, detail: label, &s, c)
    }

    private static func activeAlert(_ row: RowID?, _ s: inout AppState, _ c: AppContext, verb: String) -> Alert? {
        guard case .alert = row else {
            flash("\(verb): select an alert row", &s, c, role: .warn)
            return nil
        }
        guard let alert = alert(forRow: row, c) else {
            flash("that alert has cleared", &s, c, role: .muted)
            return nil
        }
        return alert
    }

    /// Logs the operator's action for the Events screen, flashes it and audits it.
    private static func noted(_ alert: Alert, _ change: String, detail: String?, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        s.alertLog.append(OperatorAlertEntry(atMs: c.nowMs, alert: alert, change: change, by: c.control.requester))
        if s.alertLog.count > 200 { s.alertLog.removeFirst(s.alertLog.count - 200) }
        flash("\(alert.kind.rawValue) \(alert.subject): \(change)", &s, c, role: .ok)
        return [.audit(AuditEntry(
            time: TimestampText.format(epochMilliseconds: c.nowMs), id: c.commandID, user: c.control.requester,
            action: change == "acked" ? "ack_alert" : "silence_alert", pipeline: alert.scope, model: alert.subject,
            from: nil, to: nil, reason: alert.message, outcome: "applied", detail: detail))]
    }

    /// Forgets marks of alerts that cleared and silences that ran out (a new alert starts unmarked).
    static func expireMarks(_ s: inout AppState, active: [Alert], nowMs: Int64) {
        guard !s.alertMarks.isEmpty else { return }
        let ids = Set(active.map(\.id))
        for (id, var mark) in s.alertMarks {
            if !ids.contains(id) {
                s.alertMarks[id] = nil
                continue
            }
            if let until = mark.silencedUntilMs, until <= nowMs {
                mark.silencedUntilMs = nil
                mark.silencedBy = nil
                s.alertMarks[id] = mark.ackedBy == nil ? nil : mark
            }
        }
    }
}
