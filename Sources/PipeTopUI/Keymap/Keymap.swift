import Foundation

/// The key-action table: one list from which key handling, the footer hints and the help
/// screen are all derived, so help never disagrees with the bindings (as k9s does).
public struct Keymap: Sendable {
    public private(set) var bindings: [Binding]

    /// The built-in bindings (the README's keys table); `overrides` rebinds commands by name
    /// (`[ui] keymap`, e.g. `quit = "ctrl+q"` or several keys `"x,ctrl+x"`), and `readOnly`
    /// removes every dangerous command.
    public init(overrides: [String: String] = [:], readOnly: Bool = false) throws(KeymapError) {
        var table = Self.defaults
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let command = Command(rawValue: name) else {
                throw .unknownCommand(name, known: Command.allCases.map(\.rawValue))
            }
            let keys = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for key in keys where !KeyNames.isValid(key) { throw .invalidKey(command: name, key: key) }
            // A key given to this command is taken from any other, so one key never means two things.
            for i in table.indices { table[i].keys.removeAll { keys.contains($0.name) } }
            for i in table.indices where table[i].command == command { table[i].keys = keys.map(Key.init) }
        }
        bindings = readOnly ? table.filter { !$0.dangerous } : table
    }

    /// The command `key` triggers on `screen`, if any.
    public func command(for key: Key, on screen: Screen) -> Command? {
        bindings.first { $0.applies(on: screen) && $0.keys.contains(key) }?.command
    }

    /// Bindings shown in the footer of `screen`, in table order.
    public func hints(on screen: Screen) -> [Binding] {
        bindings.filter { $0.hint && $0.applies(on: screen) && !$0.keys.isEmpty }
    }

    /// Every binding that applies on `screen`, for the help screen.
    public func help(on screen: Screen) -> [Binding] {
        bindings.filter { $0.applies(on: screen) && !$0.keys.isEmpty }
    }

    /// Whether a command is available at all (read-only mode removes the dangerous ones).
    public func offers(_ command: Command) -> Bool {
        bindings.contains { $0.command == command && !$0.keys.isEmpty }
    }

    static let defaults: [Binding] = [
        Binding(.quit, ["q", "ctrl+c"], "quit", hint: true),
        Binding(.help, ["?"], "help", hint: true),
        Binding(.up, ["k", "up"], "up"),
        Binding(.down, ["j", "down"], "down"),
        Binding(.top, ["g", "home"], "top"),
        Binding(.bottom, ["G", "end"], "bottom"),
        Binding(.pageUp, ["pgup"], "page up"),
        Binding(.pageDown, ["pgdown"], "page down"),
        Binding(.drillIn, ["enter"], "open", screens: [.overview, .models, .drift, .tail, .events, .topics, .groups], hint: true),
        Binding(.back, ["esc"], "back", hint: true),
        Binding(.nextScreen, ["tab"], "next screen"),
        Binding(.previousScreen, ["shift+tab"], "previous screen"),
        Binding(.overview, ["1"], "overview"),
        Binding(.models, ["2"], "models"),
        Binding(.drift, ["3"], "drift"),
        Binding(.tail, ["4"], "tail"),
        Binding(.events, ["5"], "events"),
        Binding(.topics, ["6"], "topics"),
        Binding(.groups, ["7"], "consumer groups"),
        Binding(.filter, ["/"], "filter", hint: true),
        Binding(.commandMode, [":"], "command", hint: true),
        Binding(.pause, ["space"], "pause", hint: true),
        Binding(.timeRange, ["t"], "time range", screens: [.overview, .pipeline, .drift], hint: true),
        Binding(.theme, ["T"], "theme"),
        Binding(.promote, ["p"], "promote", screens: [.models, .overview, .pipeline], dangerous: true, hint: true),
        Binding(.rollback, ["r"], "rollback", screens: [.models, .overview, .pipeline], dangerous: true, hint: true),
        Binding(.retire, ["x"], "retire", screens: [.models], dangerous: true, hint: true),
        Binding(.search, ["s"], "search", screens: [.tail], hint: true),
        Binding(.searchOlder, ["n"], "next match (older)", screens: [.tail]),
        Binding(.searchNewer, ["N"], "next match (newer)", screens: [.tail]),
        Binding(.write, ["w"], "write to file", screens: [.tail], hint: true),
        Binding(.capture, ["W"], "capture matching from now on", screens: [.tail]),
        Binding(.sort, ["o"], "next sort order (:sort NAME)", screens: [.overview, .topics], hint: true),
        Binding(.internalTopics, ["i"], "show/hide internal topics", screens: [.topics], hint: true),
        Binding(.describe, ["d"], "describe", screens: [.topics, .groups], hint: true),
        Binding(.acknowledgeAlert, ["a"], "ack alert", screens: [.events], hint: true),
        Binding(.silenceAlert, ["S"], "silence alert", screens: [.events], hint: true),
    ]
}
