/// A control action checked against what pipetop knows, ready for the operator to confirm:
/// what changes (from → to), the target's state and numbers, and how firmly to ask.
public struct ControlPlan: Sendable, Hashable {
    /// How the operator must confirm.
    public enum Confirmation: Sendable, Hashable {
        /// `y` / `n`.
        case yesNo
        /// `y`, then the target version number typed in full, because of `reason`.
        case typed(reason: String)
    }

    public var action: ControlAction
    public var pipeline: String
    public var model: String
    /// The version serving now, as pipetop believes (the command's `from_version`).
    public var fromVersion: Int?
    /// The version the command targets (filled by pipetop for every action).
    public var toVersion: Int
    public var targetState: ModelState?
    /// Key numbers of the target against the serving version, one line each.
    public var facts: [String]
    public var confirmation: Confirmation
    /// How the command reaches the pipeline.
    public var route: ControlRoute

    public init(
        action: ControlAction, pipeline: String, model: String, fromVersion: Int?, toVersion: Int,
        targetState: ModelState?, facts: [String], confirmation: Confirmation, route: ControlRoute = .controlTopic
    ) {
        self.action = action
        self.pipeline = pipeline
        self.model = model
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.targetState = targetState
        self.facts = facts
        self.confirmation = confirmation
        self.route = route
    }

    /// "promote fraud/fraud-lr v1 → v2".
    public var summary: String {
        let from = fromVersion.map { "v\($0)" } ?? "nothing"
        switch action {
        case .promote: return "promote \(pipeline)/\(model) \(from) → v\(toVersion)"
        case .rollback: return "roll back \(pipeline)/\(model) \(from) → v\(toVersion)"
        case .retire: return "retire \(pipeline)/\(model) v\(toVersion)"
        }
    }

    /// The command that carries out the plan.
    public func command(id: String, requestedBy: String, reason: String?, nowMs: Int64) -> ControlCommand {
        ControlCommand(
            pipeline: pipeline, tsMs: nowMs, id: id, action: action, model: model, version: toVersion,
            fromVersion: fromVersion, requestedBy: requestedBy, reason: reason)
    }
}
