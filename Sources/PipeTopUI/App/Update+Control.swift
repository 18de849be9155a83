import PipeTopCore

/// Control actions: from a key or a `:` command to a confirmation dialog, from the dialog to a
/// sent command, and from acks (or their absence) to an outcome.
extension Update {
    /// `p`, `r` or `x` on the current screen: the selected pipeline, model and version.
    static func control(_ action: ControlAction, _ s: inout AppState, _ c: AppContext, selectedRow: RowID?) -> [Effect] {
        var pipeline = s.pipeline ?? c.pipelines.first
        var model: String?
        var version: Int?
        switch s.screen {
        case .overview:
            if case .pipeline(let name) = selectedRow { pipeline = name }
        case .models:
            if case .version(let name, let v) = selectedRow {
                model = name
                version = action == .rollback ? nil : v
            }
        default:
            break
        }
        if action == .retire && version == nil {
            flash("retire: select a version on the Models screen", &s, c, role: .warn)
            return []
        }
        guard let pipeline else {
            flash("\(action.rawValue): no pipeline yet", &s, c, role: .warn)
            return []
        }
        return ask(action, pipeline: pipeline, model: model, version: version, reason: nil, &s, c)
    }

    /// Plans the action and opens the confirmation dialog, or says why it cannot be done and
    /// audits the refusal.
    static func ask(
        _ action: ControlAction, pipeline: String, model: String?, version: Int?, reason: String?,
        _ s: inout AppState, _ c: AppContext
    ) -> [Effect] {
        if let why = c.control.unavailable {
            flash("\(action.rawValue): \(why)", &s, c, role: .warn)
            return []
        }
        guard let p = c.snapshot?.pipeline(named: pipeline) else {
            flash("\(action.rawValue): unknown pipeline \"\(pipeline)\"", &s, c, role: .critical)
            return refused(action, pipeline, model, version, reason, ControlRefusal("unknown pipeline \"\(pipeline)\""), c)
        }
        let planner = c.control.planner
        let resolved = planner.resolveModel(model, in: p)
        switch resolved.flatMap({ planner.plan(action, pipeline: p, model: $0, version: version) }) {
        case .failure(let refusal):
            flash("cannot \(action.rawValue): \(refusal)", &s, c, role: .critical)
            return refused(action, pipeline, (try? resolved.get())?.name ?? model, version, reason, refusal, c)
        case .success(let plan):
            s.mode = .confirm(Dialog(.control(plan, reason: reason)))
        }
        return []
    }

    /// A refused action is audited (`refused`, with why) as an attempt, though nothing is sent.
    private static func refused(
        _ action: ControlAction, _ pipeline: String, _ model: String?, _ version: Int?, _ reason: String?,
        _ refusal: ControlRefusal, _ c: AppContext
    ) -> [Effect] {
        [.audit(AuditEntry(
            refused: action, pipeline: pipeline, model: model, version: version, because: refusal, id: c.commandID,
            user: c.control.requester, reason: reason, atMs: c.nowMs))]
    }

    /// A key while a dialog is open. Anything but a clear yes leaves things as they were.
    static func answer(_ event: InputEvent, _ dialog: Dialog, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        var dialog = dialog
        guard case .key(let key) = event else { return [] }
        if key.name == "esc" {
            s.mode = .normal
            flash("cancelled: nothing sent", &s, c, role: .muted)
            return []
        }
        if var typing = dialog.typing {
            guard key.name == "enter" else {
                _ = typing.handle(event)
                dialog.typing = typing
                s.mode = .confirm(dialog)
                return []
            }
            s.mode = .normal
            guard case .control(let plan, let reason) = dialog.purpose else { return [] }
            var typed = typing.text.trimmingSpaces().lowercased()
            if typed.hasPrefix("v") { typed.removeFirst() }
            guard typed == "\(plan.toVersion)" else {
                flash("typed \"\(typing.text)\", not \(plan.toVersion): nothing sent", &s, c, role: .critical)
                return []
            }
            return send(plan, reason, &s, c)
        }
        switch key.name {
        case "y", "Y":
            switch dialog.purpose {
            case .control(let plan, let reason):
                if case .typed = plan.confirmation {
                    dialog.typing = TextInput(prompt: "confirm version: ")
                    s.mode = .confirm(dialog)
                    return []
                }
                s.mode = .normal
                return send(plan, reason, &s, c)
            case .quitWithPending:
                s.mode = .normal
                s.quit = true
                return s.commands.abandonAll(nowMs: c.nowMs).map { .record($0) }
            case .switchWithPending(let context, _):
                s.mode = .normal
                s.switchTo = context
                s.quit = true
                return s.commands.abandonAll(nowMs: c.nowMs).map { .record($0) }
            }
        case "n", "N", "enter", "q":
            s.mode = .normal
            flash("cancelled: nothing sent", &s, c, role: .muted)
        default:
            break
        }
        return []
    }

    private static func send(_ plan: ControlPlan, _ reason: String?, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        let command = plan.command(id: c.commandID, requestedBy: c.control.requester, reason: reason, nowMs: c.nowMs)
        s.commands.sent(command, route: plan.route, atMs: c.nowMs)
        let waiting = switch plan.route {
        case .controlTopic: "waiting for the ack"
        case .republish(let origin, true): "re-publishing \(origin.text), waiting for v\(plan.toVersion) to serve"
        case .republish(let origin, false): "re-publishing \(origin.text) (no acknowledgement channel)"
        }
        flash("\(plan.summary): sent as \(command.id.prefix(8)), \(waiting)", &s, c)
        return [.send(command, plan.route)]
    }

    /// Once per frame: decides pending commands from the acks in `timeline`, the delivery
    /// reports, the version each model serves (`serving(pipeline, model)`) and the timeout,
    /// flashes each outcome and returns them for the audit log.
    public static func observe(
        _ s: inout AppState, timeline: [TimelineEntry], deliveries: [String: DeliveryReport] = [:],
        serving: (String, String) -> Int? = { _, _ in nil }, nowMs: Int64, timeoutMs: Int64
    ) -> [Effect] {
        guard !s.commands.pending.isEmpty else { return [] }
        let decided = s.commands.resolve(timeline: timeline, deliveries: deliveries, serving: serving, nowMs: nowMs, timeoutMs: timeoutMs)
        for t in decided {
            let c = t.command
            let role: ThemeRole = switch t.outcome {
            case .applied: .ok
            case .delivered: .warn
            default: .critical
            }
            s.flash = Flash("\(c.action.rawValue) \(c.pipeline)/\(c.model) v\(c.version): \(t.outcome.text)",
                            role: role, untilMs: nowMs + flashMs)
        }
        return decided.map { .record($0) }
    }
}
