/// The commands this pipetop sent: pending ones until their ack (or a timeout, or a failed
/// delivery) decides them, and the most recent decided ones for the screen. Bounded.
///
/// A command on the control topic is decided by the pipeline's `ack`. A re-published models
/// message is `applied` once the scored records show its version serving, or, where they do
/// not carry a version, `delivered` as soon as the cluster took it.
public struct CommandTracker: Sendable, Hashable {
    public private(set) var commands: [TrackedCommand] = []
    public let keep: Int

    public init(keep: Int = 64) {
        self.keep = max(1, keep)
    }

    public var pending: [TrackedCommand] { commands.filter { $0.outcome.isPending } }

    public mutating func sent(_ command: ControlCommand, route: ControlRoute = .controlTopic, atMs: Int64) {
        commands.append(TrackedCommand(command: command, route: route, sentAtMs: atMs))
        trim()
    }

    /// The latest command about `version` of `model` in `pipeline`, if any.
    public func latest(pipeline: String, model: String, version: Int) -> TrackedCommand? {
        commands.last { $0.command.pipeline == pipeline && $0.command.model == model && $0.command.version == version }
    }

    /// Decides pending commands from the acks in `timeline`, the delivery reports by command
    /// id, the version each model serves (`serving(pipeline, model)`) and `timeoutMs`;
    /// returns the ones decided now.
    public mutating func resolve(
        timeline: [TimelineEntry], deliveries: [String: DeliveryReport] = [:],
        serving: (_ pipeline: String, _ model: String) -> Int? = { _, _ in nil }, nowMs: Int64, timeoutMs: Int64
    ) -> [TrackedCommand] {
        var acks: [String: Ack] = [:]
        for entry in timeline {
            if case .ack(let ack) = entry.kind, ack.detail != "duplicate" || acks[ack.id] == nil { acks[ack.id] = ack }
        }
        var decided: [TrackedCommand] = []
        for i in commands.indices where commands[i].outcome.isPending {
            let c = commands[i].command
            let delivery = deliveries[c.id]
            var outcome: CommandOutcome?
            if case .failed(let why)? = delivery {
                outcome = .deliveryFailed(why)
            } else if case .republish(_, let acknowledged) = commands[i].route {
                if acknowledged {
                    outcome = serving(c.pipeline, c.model) == c.version ? .applied : nil
                } else {
                    outcome = delivery == .delivered ? .delivered : nil
                }
            } else if let ack = acks[c.id] {
                outcome = ack.status == .applied ? .applied : .rejected(ack.detail ?? "no reason given")
            }
            if outcome == nil, nowMs - commands[i].sentAtMs >= timeoutMs {
                outcome = .timedOut(seconds: Int((timeoutMs + 999) / 1_000))
            }
            guard let outcome else { continue }
            commands[i].outcome = outcome
            commands[i].resolvedAtMs = nowMs
            decided.append(commands[i])
        }
        trim()
        return decided
    }

    /// Marks every pending command abandoned (pipetop is quitting or switching context).
    public mutating func abandonAll(nowMs: Int64) -> [TrackedCommand] {
        var abandoned: [TrackedCommand] = []
        for i in commands.indices where commands[i].outcome.isPending {
            commands[i].outcome = .abandoned
            commands[i].resolvedAtMs = nowMs
            abandoned.append(commands[i])
        }
        return abandoned
    }

    private mutating func trim() {
        while commands.count > keep, let i = commands.firstIndex(where: { !$0.outcome.isPending }) {
            commands.remove(at: i)
        }
    }
}
