import PipeTopCore

/// A question the operator must answer before anything happens: confirm a control command
/// (`y`/`n`, default no, `esc` cancels; some need the version typed as well), or quit while
/// commands are still pending.
public struct Dialog: Sendable, Hashable {
    public enum Purpose: Sendable, Hashable {
        case control(ControlPlan, reason: String?)
        case quitWithPending(Int)
        case switchWithPending(context: String, Int)
    }

    public var purpose: Purpose
    /// The second stage of a typed confirmation: what the operator has typed so far.
    public var typing: TextInput?

    public init(_ purpose: Purpose, typing: TextInput? = nil) {
        self.purpose = purpose
        self.typing = typing
    }

    /// The title, body lines and key hints to draw.
    public var title: String {
        switch purpose {
        case .control(let plan, _):
            switch plan.action {
            case .promote: "Promote \(plan.model) v\(plan.toVersion)?"
            case .rollback: "Roll back \(plan.model)?"
            case .retire: "Retire \(plan.model) v\(plan.toVersion)?"
            }
        case .quitWithPending: "Quit with commands pending?"
        case .switchWithPending(let context, _): "Switch to \(context) with commands pending?"
        }
    }

    public var body: [String] {
        switch purpose {
        case .control(let plan, let reason):
            var lines = ["pipeline \(plan.pipeline) · model \(plan.model)"]
            switch plan.action {
            case .promote, .rollback:
                lines.append("serving \(plan.fromVersion.map { "v\($0)" } ?? "nothing") → v\(plan.toVersion) (\(plan.targetState?.label ?? "unknown"))")
            case .retire:
                lines.append("v\(plan.toVersion) (\(plan.targetState?.label ?? "unknown")) is withdrawn for good")
            }
            lines += plan.facts
            if let reason { lines.append("reason: \(reason)") }
            if case .typed(let why) = plan.confirmation {
                lines.append("careful: \(why)")
                if typing != nil { lines.append("type \(plan.toVersion) and enter to confirm, esc cancels") }
            }
            return lines
        case .quitWithPending(let n), .switchWithPending(_, let n):
            let verb = if case .quitWithPending = purpose { "Quitting" } else { "Switching" }
            return ["\(n) command\(n == 1 ? " is" : "s are") still waiting for an acknowledgement.",
                    "\(verb) records \(n == 1 ? "it" : "them") as abandoned in the audit log."]
        }
    }
}
