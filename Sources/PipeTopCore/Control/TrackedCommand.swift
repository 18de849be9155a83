/// A command pipetop sent, and what became of it.
public struct TrackedCommand: Sendable, Hashable {
    public var command: ControlCommand
    public var route: ControlRoute
    public var sentAtMs: Int64
    public var outcome: CommandOutcome
    public var resolvedAtMs: Int64?

    public init(
        command: ControlCommand, route: ControlRoute = .controlTopic, sentAtMs: Int64, outcome: CommandOutcome = .pending,
        resolvedAtMs: Int64? = nil
    ) {
        self.command = command
        self.route = route
        self.sentAtMs = sentAtMs
        self.outcome = outcome
        self.resolvedAtMs = resolvedAtMs
    }

    /// The id's first eight characters, as the screen shows it.
    public var shortID: String { String(command.id.prefix(8)) }
}
