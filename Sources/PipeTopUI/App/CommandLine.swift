/// The `:` command line: what each command does and how words complete.
enum CommandLine {
    /// Commands and what they take, for completion and the error message.
    static let names = ["overview", "models", "drift", "tail", "events", "pipeline", "help", "theme", "quit", "q",
                        "promote", "rollback"]

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
                return [.applyTheme]
            }
            return Update.run(.theme, &s, keymap, c)
        case "promote", "rollback":
            guard keymap.offers(name == "promote" ? .promote : .rollback) else {
                Update.flash("\(name): not available in read-only mode", &s, c, role: .warn)
                return []
            }
            return Update.run(name == "promote" ? .promote : .rollback, &s, keymap, c)
        default:
            Update.flash("unknown command \":\(name)\" (try: \(names.filter { $0 != "q" }.joined(separator: ", ")))", &s, c, role: .critical)
        }
        return []
    }

    /// Completes the word being typed: a command name first, then a pipeline name.
    static func complete(_ text: String, context c: AppContext) -> String {
        let endsWithSpace = text.hasSuffix(" ")
        var words = text.split(separator: " ").map(String.init)
        if endsWithSpace || words.isEmpty { words.append("") }
        let candidates = words.count == 1 ? names : c.pipelines
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
