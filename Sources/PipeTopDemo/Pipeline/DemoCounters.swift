/// What a demo pipeline produced, for the benchmark, headless summaries and tests.
public struct DemoCounters: Sendable, Hashable {
    /// Records answered (one primary `scored` event each).
    public var scored: Int = 0
    /// Shadow `scored` events.
    public var shadow: Int = 0
    /// Delayed `label` events.
    public var labels: Int = 0
    /// Scored events that carried their label.
    public var inlineLabels: Int = 0
    /// Labels revealed before their delay because the pending queue was full.
    public var labelsRevealedEarly: Int = 0
    public var versionsPublished: Int = 0
    public var versionsFailed: Int = 0
    public var commandsApplied: Int = 0
    public var commandsRejected: Int = 0
    public var faultsInjected: Int = 0
    public var malformedInjected: Int = 0

    public init() {}

    public static func + (a: DemoCounters, b: DemoCounters) -> DemoCounters {
        var c = a
        c.scored += b.scored
        c.shadow += b.shadow
        c.labels += b.labels
        c.inlineLabels += b.inlineLabels
        c.labelsRevealedEarly += b.labelsRevealedEarly
        c.versionsPublished += b.versionsPublished
        c.versionsFailed += b.versionsFailed
        c.commandsApplied += b.commandsApplied
        c.commandsRejected += b.commandsRejected
        c.faultsInjected += b.faultsInjected
        c.malformedInjected += b.malformedInjected
        return c
    }
}
