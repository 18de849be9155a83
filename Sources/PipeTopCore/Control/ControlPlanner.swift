import Foundation

/// Turns "promote / roll back / retire" into a `ControlPlan` from a store snapshot, with the
/// guardrails: unknown, failed, retired or already-serving targets are refused; a target
/// whose quality is below the serving version's or whose drift is critical, and any action on
/// a protected pipeline, need the version typed to confirm. A pipeline controlled by
/// re-publishing (`control = "republish"`) is sent its target version's models message again:
/// retire is refused (there is no message to send), and so is a version whose message pipetop
/// has not read.
public struct ControlPlanner: Sendable {
    public var protectedPipelines: Set<String>
    public var psiCritical: Double
    /// Pipelines no command can reach, and why (mapped pipelines watched only).
    public var uncontrollable: [String: String] = [:]
    /// Pipelines controlled by re-publishing their models messages, and whether their scored
    /// records carry the version (which then acknowledges a command).
    public var republishing: [String: Bool] = [:]
    /// `[[pipelines]]` templates: how a pipeline of theirs found after the planner was made
    /// (a scored topic created while the dashboard runs) is controlled.
    public var templates: [PipelineConfig] = []

    public init(protectedPipelines: Set<String> = [], psiCritical: Double = 0.25) {
        self.protectedPipelines = protectedPipelines
        self.psiCritical = psiCritical
    }

    /// The planner for a run: its protected pipelines, its drift threshold, and how each mapped
    /// pipeline is controlled (`none`: refused with that reason; `republish`: by its models
    /// messages).
    public init(_ config: EffectiveConfig) {
        self.init(protectedPipelines: Set(config.control.protectedPipelines), psiCritical: config.engine.drift.psiCritical)
        for p in config.pipelines where !p.isTemplate {
            (uncontrollable[p.name], republishing[p.name]) = Self.control(of: p)
        }
        templates = config.pipelineTemplates
    }

    /// How `p` is controlled: refused with a reason, by re-publishing (and whether its scored
    /// records carry the version), or (neither) on the control topic.
    private static func control(of p: PipelineConfig) -> (why: String?, republish: Bool?) {
        switch p.control {
        case .contract: (nil, nil)
        case .none: ("\(p.name) is watched only (control = \"none\" in its [[pipelines]] entry)", nil)
        case .republish: (nil, p.scoredCarriesVersion)
        }
    }

    /// How the pipeline called `pipeline` is controlled: as its entry says, else as the
    /// template it is a pipeline of says.
    private func control(of pipeline: String) -> (why: String?, republish: Bool?) {
        if uncontrollable[pipeline] != nil || republishing[pipeline] != nil { return (uncontrollable[pipeline], republishing[pipeline]) }
        return templates.lazy.compactMap { $0.instance(named: pipeline) }.first.map(Self.control) ?? (nil, nil)
    }

    /// The model a command about `pipeline` means: `model` if given (it must exist), else the
    /// pipeline's only model; several models without a name are refused with their names.
    public func resolveModel(_ model: String?, in pipeline: PipelineSnapshot) -> Result<ModelSnapshot, ControlRefusal> {
        if let model {
            guard let m = pipeline.models.first(where: { $0.name == model }) else {
                return .failure(ControlRefusal("\(pipeline.name) has no model \(model) (known: \(names(pipeline)))"))
            }
            return .success(m)
        }
        switch pipeline.models.count {
        case 0: return .failure(ControlRefusal("\(pipeline.name) has no model versions yet"))
        case 1: return .success(pipeline.models[0])
        default: return .failure(ControlRefusal("\(pipeline.name) serves several models; name one of: \(names(pipeline))"))
        }
    }

    private func names(_ p: PipelineSnapshot) -> String {
        p.models.map(\.name).joined(separator: ", ")
    }

    /// Plans `action` on `model` of `pipeline`. `version` is the target of a promote or
    /// retire (nil: the newest candidate); a rollback's target is always the version that
    /// served before the current one, from the registry's history.
    public func plan(
        _ action: ControlAction, pipeline: PipelineSnapshot, model: ModelSnapshot, version: Int?
    ) -> Result<ControlPlan, ControlRefusal> {
        let (why, republish) = control(of: pipeline.name)
        if let why { return .failure(ControlRefusal(why)) }
        if republish != nil, action == .retire {
            return .failure(ControlRefusal(
                "\(pipeline.name) is controlled by re-publishing its models messages, and retiring a version has no message to send"))
        }
        let primary = model.primary
        let target: Int
        switch action {
        case .promote, .retire:
            guard let v = version ?? model.candidates.max() else {
                return .failure(ControlRefusal("\(model.name) has no candidate; name the version"))
            }
            target = v
        case .rollback:
            guard primary != nil else { return .failure(ControlRefusal("\(model.name) has no serving version")) }
            guard let previous = model.previousPrimary else {
                return .failure(ControlRefusal("\(model.name) has nothing to roll back to: v\(primary!) is the first version served"))
            }
            target = previous
        }
        guard let targetVersion = model.versions.first(where: { $0.version == target }) else {
            return .failure(ControlRefusal("\(model.name) has no version v\(target)"))
        }
        switch (action, targetVersion.state) {
        case (_, .failed):
            return .failure(ControlRefusal("v\(target) failed\(targetVersion.description.map { ": \($0)" } ?? ""); it cannot serve"))
        case (_, .retired):
            return .failure(ControlRefusal("v\(target) is retired"))
        case (.promote, .primary):
            return .failure(ControlRefusal("v\(target) is already serving"))
        case (.retire, .primary):
            return .failure(ControlRefusal("v\(target) is serving; promote another version or roll back first"))
        default:
            break
        }
        var route = ControlRoute.controlTopic
        if let acknowledged = republish {
            guard let origin = targetVersion.origin else {
                return .failure(ControlRefusal("v\(target)'s models message has not been read, so it cannot be re-published"))
            }
            route = .republish(origin, acknowledged: acknowledged)
        }
        let stats = pipeline.stats(for: VersionKey(model: model.name, version: target))
        let servingStats = primary.flatMap { pipeline.stats(for: VersionKey(model: model.name, version: $0)) }
        var facts: [String] = []
        var concerns: [String] = []
        let accuracy = stats?.quality.accuracy, servingAccuracy = servingStats?.quality.accuracy
        facts.append("accuracy \(text(accuracy)) (serving \(text(servingAccuracy)))"
                     + (stats.map { ", \($0.quality.count) labelled" } ?? ""))
        let drift = stats?.worstDrift?.report
        // Drift over windows too small to mean anything is shown, not held against the version.
        let psi = drift?.meaningful == true ? drift?.psi : nil
        facts.append("drift: worst PSI \(text(drift?.psi))" + (drift.map { $0.meaningful ? "" : " (not yet meaningful)" } ?? "")
                     + (stats?.agreement.map { ", agreement with serving \(Format.percent($0))" } ?? ""))
        if action != .retire {
            if let a = accuracy, let b = servingAccuracy, a < b {
                concerns.append("its accuracy is below the serving version's")
            }
            if let psi, psi >= psiCritical { concerns.append("its drift is critical") }
        }
        if protectedPipelines.contains(pipeline.name) { concerns.append("\(pipeline.name) is protected") }
        if case .republish(let origin, let acknowledged) = route {
            facts.append("re-publishes \(origin.text)" + (acknowledged ? "" : "; the scored records carry no version, so nothing will acknowledge it"))
        }
        return .success(ControlPlan(
            action: action, pipeline: pipeline.name, model: model.name, fromVersion: primary, toVersion: target,
            targetState: targetVersion.state, facts: facts,
            confirmation: concerns.isEmpty ? .yesNo : .typed(reason: concerns.joined(separator: "; ")), route: route))
    }

    private func text(_ x: Double?) -> String {
        x.map { String(format: "%.3f", $0) } ?? "-"
    }
}
