/// One entry of the key-action table: what a command is bound to, how help describes it,
/// where it applies and whether it changes a pipeline (so read-only mode removes it).
public struct Binding: Sendable, Hashable {
    public var command: Command
    public var keys: [Key]
    /// Short text for the footer and the help screen.
    public var help: String
    /// Screens where it applies; empty means everywhere.
    public var screens: Set<Screen>
    /// Acts on a pipeline (promote, rollback): never offered in read-only mode.
    public var dangerous: Bool
    /// Shown in the footer of its screens (the help screen lists every binding).
    public var hint: Bool

    public init(_ command: Command, _ keys: [String], _ help: String, screens: Set<Screen> = [],
                dangerous: Bool = false, hint: Bool = false) {
        self.command = command
        self.keys = keys.map(Key.init)
        self.help = help
        self.screens = screens
        self.dangerous = dangerous
        self.hint = hint
    }

    public func applies(on screen: Screen) -> Bool { screens.isEmpty || screens.contains(screen) }

    /// `j/down`, as the footer and help show the keys.
    public var keyLabel: String { keys.map(\.name).joined(separator: "/") }
}
