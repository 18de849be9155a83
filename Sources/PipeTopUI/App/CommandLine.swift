import PipeTopCore

/// The `:` command line: what each command does and how words complete.
enum CommandLine {
    /// Commands and what they take, for completion and the error message.
    static let names = ["overview", "models", "drift", "tail", "events", "topics", "groups", "pipeline", "help", "theme", "quit", "q",
                        "promote", "rollback", "retire", "context", "columns", "sort", "from", "format"]
    /// Commands whose first argument is `[PIPELINE/]MODEL`.
    static let controlNames: Set<String> = ["promote", "rollback", "retire"]

    static func execute(_ text: String, _ s: inout AppState, _ keymap: Keymap, _ c: AppContext) -> [Effect] {
        let words = text.split(separator: " ").map(String.init)
        guard let name = words.first else { return [] }
        let argument = words.count > 1 ? words[1] : nil
        func needPipeline(_ p: String?) -> Bool {
            guard let p else { return true }
            guard c.pipelines.contains(p) else {
                Update.flash("unknown pipeline \"\(p)\" (known: \(c.pipelines.joined(separator: ", ")))", &s, c, role: .critical)
                return false
            }
            s.pipeline = p
            return true
        }
        switch name {
        case "q", "quit": return Update.run(.quit, &s, keymap, c)
        case "help": return Update.run(.help, &s, keymap, c)
        case "overview": Update.go(.overview, &s)
        case "events": Update.go(.events, &s)
        case "topics": Update.go(.topics, &s)
        case "groups": Update.go(.groups, &s)
        case "models": if needPipeline(argument) { Update.go(.models, &s) }
        case "drift": if needPipeline(argument) { Update.go(.drift, &s) }
        case "tail": if needPipeline(argument) { Update.go(.tail, &s) }
        case "pipeline":
            guard argument != nil else {
                Update.flash("usage: :pipeline NAME", &s, c, role: .warn)
                return []
            }
            if needPipeline(argument) { Update.go(.pipeline, &s) }
        case "theme":
            if let argument {
                guard let i = s.themes.firstIndex(of: argument) else {
                    Update.flash("unknown theme \"\(argument)\" (known: \(s.themes.joined(separator: ", ")))", &s, c, role: .critical)
                    return []
                }
                s.themeIndex = i
                Update.flash("theme: \(s.themeName)", &s, c)
                return []
            }
            return Update.run(.theme, &s, keymap, c)
        case "context":
            return switchContext(to: argument, &s, c)
        case "columns":
            Update.setColumns(words.dropFirst().joined(separator: " "), &s, c)
        case "sort":
            return sort(argument, &s, keymap, c)
        case "from", "format":
            return retail(name, argument, &s, c)
        case "promote", "rollback", "retire":
            let action = ControlAction(rawValue: name)!
            guard keymap.offers(name == "promote" ? .promote : name == "rollback" ? .rollback : .retire) else {
                Update.flash("\(name): not available in read-only mode", &s, c, role: .warn)
                return []
            }
            return control(action, Array(words.dropFirst()), &s, c)
        default:
            Update.flash("unknown command \":\(name)\" (try: \(names.filter { $0 != "q" }.joined(separator: ", ")))", &s, c, role: .critical)
        }
        return []
    }

    /// `:context NAME`: to another cluster of the configuration, asking first when commands
    /// are pending (they are recorded abandoned).
    private static func switchContext(to name: String?, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        guard !c.contexts.isEmpty else {
            Update.flash("context: this dashboard has no [[contexts]] to switch between", &s, c, role: .warn)
            return []
        }
        guard let name else {
            Update.flash("contexts: " + c.contexts.map { $0 == c.currentContext ? "\($0) (current)" : $0 }.joined(separator: ", "), &s, c)
            return []
        }
        guard c.contexts.contains(name) else {
            Update.flash("unknown context \"\(name)\" (known: \(c.contexts.joined(separator: ", ")))", &s, c, role: .critical)
            return []
        }
        guard name != c.currentContext else {
            Update.flash("already on \(name)", &s, c, role: .muted)
            return []
        }
        let pending = s.commands.pending.count
        if pending > 0 {
            s.mode = .confirm(Dialog(.switchWithPending(context: name, pending)))
            return []
        }
        s.switchTo = name
        s.quit = true
        return []
    }

    /// `:sort NAME`: the Topics screen's order there, the Overview's anywhere else; without
    /// a name, the next order, as `o`.
    private static func sort(_ name: String?, _ s: inout AppState, _ keymap: Keymap, _ c: AppContext) -> [Effect] {
        guard let name else { return Update.run(.sort, &s, keymap, c) }
        if s.screen == .topics, let order = TopicsSort(rawValue: name) {
            Update.sort(order, &s, c)
        } else if s.screen != .topics, let order = OverviewSort(rawValue: name) {
            Update.sort(order, &s, c)
        } else {
            Update.flash("unknown order \"\(name)\" (known: \(c.sorts.joined(separator: ", ")))", &s, c, role: .critical)
        }
        return []
    }

    /// `:from POSITION` and `:format FORMAT` on a topic's tail: its reader starts again from
    /// there (`beginning`, `end`, an offset, `-N`, `@TIME`, `@-10m`, `group:NAME`, as `--from`) or decoding
    /// that way (as `--value-format`), keeping the other.
    private static func retail(_ name: String, _ argument: String?, _ s: inout AppState, _ c: AppContext) -> [Effect] {
        guard s.screen == .tail, let topic = s.tailTopic else {
            Update.flash(":\(name) works on a topic's tail: Topics (6), enter on a topic", &s, c, role: .warn)
            return []
        }
        guard let argument else {
            let usage = name == "from" ? "beginning, end, OFFSET, -N, @TIME, @-DURATION (@-10m) or group:NAME" : formatNames.joined(separator: ", ")
            Update.flash("usage: :\(name) \(usage)", &s, c, role: .warn)
            return []
        }
        if name == "from" {
            do {
                s.tailTopicStart = try StartPosition(parsing: argument, nowMs: c.nowMs)
            } catch {
                Update.flash(":from: \(error)", &s, c, role: .critical)
                return []
            }
        } else {
            guard let format = ValueFormat(rawValue: argument), formatNames.contains(argument) else {
                Update.flash("unknown format \"\(argument)\" (known: \(formatNames.joined(separator: ", ")))", &s, c, role: .critical)
                return []
            }
            s.tailTopicFormat = format
        }
        Update.followTail(&s)
        return [.tailTopic(topic, format: s.tailTopicFormat, from: s.tailTopicStart)]
    }

    /// The formats a topic's tail decodes with (the contract has a Tail of its own: `4`).
    static let formatNames = ValueFormat.allCases.filter { $0 != .contract }.map(\.rawValue)

    /// `:promote [PIPELINE/]MODEL vN [reason…]`, `:rollback [PIPELINE/]MODEL [reason…]`,
    /// `:retire [PIPELINE/]MODEL vN`. Without `PIPELINE/` the selected pipeline is meant if it
    /// has the model, else the one pipeline that does; a name several pipelines share is refused.
    private static func control(_ action: ControlAction, _ args: [String], _ s: inout AppState, _ c: AppContext) -> [Effect] {
        let usage = action == .rollback ? ":rollback [PIPELINE/]MODEL [reason…]" : ":\(action.rawValue) [PIPELINE/]MODEL vN" + (action == .promote ? " [reason…]" : "")
        guard let target = args.first else {
            Update.flash("usage: \(usage)", &s, c, role: .warn)
            return []
        }
        var rest = Array(args.dropFirst())
        var version: Int?
        if action != .rollback {
            guard let word = rest.first, let v = Int(word.hasPrefix("v") ? String(word.dropFirst()) : word) else {
                Update.flash("usage: \(usage)", &s, c, role: .warn)
                return []
            }
            version = v
            rest.removeFirst()
        }
        let reason = rest.isEmpty ? nil : rest.joined(separator: " ")
        let pipelines = c.snapshot?.pipelines ?? []
        let pipeline: String
        let model: String
        if let slash = target.firstIndex(of: "/") {
            pipeline = String(target[..<slash])
            model = String(target[target.index(after: slash)...])
        } else {
            model = target
            let having = pipelines.filter { p in p.models.contains { $0.name == model } }.map(\.name)
            if let selected = s.pipeline, having.contains(selected) {
                pipeline = selected
            } else if having.count == 1 {
                pipeline = having[0]
            } else if having.isEmpty {
                Update.flash("no pipeline serves a model named \"\(model)\"", &s, c, role: .critical)
                return []
            } else {
                Update.flash("\(model) is in \(having.joined(separator: ", ")): write PIPELINE/\(model)", &s, c, role: .critical)
                return []
            }
        }
        return Update.ask(action, pipeline: pipeline, model: model, version: version, reason: reason, &s, c)
    }

    /// `:columns` completes the last name of its comma-separated list: fields, `default`, and
    /// the features of the records on screen; on a topic's tail, the pointers to the members
    /// of the newest value on screen.
    private static func columnCompletions(_ word: String, _ c: AppContext) -> [String] {
        let head = word.lastIndex(of: ",").map { String(word[...$0]) } ?? ""
        if c.onTopicTail {
            let members = c.topicRecords.last?.value.map { TreeColumn.defaults(for: $0).map(\.pointer.description) } ?? []
            return (members + (head.isEmpty ? ["default"] : [])).map { head + $0 }
        }
        var features: [String] = []
        for r in c.tailRecords.suffix(50) { for f in r.features where !features.contains(f.name) { features.append(f.name) } }
        let names = ScoredColumn.fields.map(\.name) + features.map { "features.\($0)" } + (head.isEmpty ? ["default"] : [])
        return names.map { head + $0 }
    }

    /// Completes the word being typed: a command name first, then its argument (a pipeline,
    /// a model, a context, a theme, an order or a column).
    static func complete(_ text: String, context c: AppContext) -> String {
        let endsWithSpace = text.hasSuffix(" ")
        var words = text.split(separator: " ").map(String.init)
        if endsWithSpace || words.isEmpty { words.append("") }
        let candidates = words.count == 1 ? names
            : words.count == 2 && controlNames.contains(words[0]) ? c.modelPaths
            : words.count == 2 && words[0] == "context" ? c.contexts
            : words.count == 2 && words[0] == "theme" ? c.themes
            : words.count == 2 && words[0] == "sort" ? c.sorts
            : words.count == 2 && words[0] == "columns" ? columnCompletions(words[1], c)
            : words.count == 2 && words[0] == "format" ? formatNames
            : words.count == 2 && words[0] == "from" ? c.fromPositions
            : c.pipelines
        let prefix = words[words.count - 1]
        let matches = candidates.filter { $0.hasPrefix(prefix) }
        guard let first = matches.first else { return text }
        // Complete to the longest common prefix, like a shell.
        var common = first
        for m in matches.dropFirst() { while !m.hasPrefix(common) { common.removeLast() } }
        words[words.count - 1] = common
        return words.joined(separator: " ") + (matches.count == 1 ? " " : "")
    }
}
