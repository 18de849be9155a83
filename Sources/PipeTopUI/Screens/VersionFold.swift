import PipeTopCore

/// A run of a model's older finished versions (replaced, rolled back, failed, retired) shown on
/// the Models screen as one row, `… 118 retired`; `enter` on it shows them under it.
///
/// What stays shown whatever the history's length: versions that serve, shadow or wait
/// (primary, candidate, published), the rollback target, finished versions still scored, and
/// the most recent `recentFinished` finished ones of each model.
struct VersionFold: Sendable, Hashable {
    let pipeline: String
    let model: String
    /// The folded versions, newest first.
    let versions: [VersionSnapshot]
    let expanded: Bool

    /// Finished versions of each model shown above the fold.
    static let recentFinished = 3

    var id: RowID { .versionFold(pipeline: pipeline, model: model, newest: versions.first?.version ?? 0) }

    /// `118 retired` when all share a state, else `118 finished`.
    var summary: String {
        let states = Set(versions.map(\.state))
        return "\(versions.count) " + (states.count == 1 ? versions[0].state.label : "finished")
    }

    /// The versions it spans and, for mixed states, how many of each: `v3–v120: 100 retired, 18 replaced`.
    var detail: String {
        let span = "v\(versions.last?.version ?? 0)–v\(versions.first?.version ?? 0)"
        let counts = ModelState.allCases.compactMap { state -> String? in
            let n = versions.count(where: { $0.state == state })
            return n == 0 ? nil : "\(n) \(state.label)"
        }
        return counts.count > 1 ? span + ": " + counts.joined(separator: ", ") : span
    }

    /// One entry per row of a model's versions, newest first: a version, or a fold of the
    /// finished versions between two that stay shown (followed by its versions when `expanded`).
    /// A run of one is shown as it is: folding it would save nothing.
    static func entries(
        _ model: ModelSnapshot, pipeline: String, isScored: (VersionSnapshot) -> Bool, expanded: Bool
    ) -> [Entry] {
        var out: [Entry] = []
        var run: [VersionSnapshot] = []
        var finishedSeen = 0
        func flush() {
            if run.count > 1 {
                out.append(.fold(VersionFold(pipeline: pipeline, model: model.name, versions: run, expanded: expanded)))
                if expanded { out += run.map(Entry.version) }
            } else {
                out += run.map(Entry.version)
            }
            run = []
        }
        for v in model.versions {
            let kept = !v.state.isFinished || v.version == model.previousPrimary || isScored(v)
                || finishedSeen < recentFinished
            if v.state.isFinished { finishedSeen += 1 }
            if kept {
                flush()
                out.append(.version(v))
            } else {
                run.append(v)
            }
        }
        flush()
        return out
    }

    enum Entry: Sendable, Hashable {
        case version(VersionSnapshot)
        case fold(VersionFold)
    }
}
