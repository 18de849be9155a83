import PipeTopCore

/// Formatting shared by the screens' cells.
enum Cells {
    static func rate(_ x: Double) -> Span { Span(Format.rate(x)) }

    static func ms(_ micros: Double?) -> String {
        guard let micros else { return "-" }
        return Format.millis(micros / 1000)
    }

    static func number(_ x: Double?, digits: Int = 3) -> String {
        guard let x, x.isFinite else { return "-" }
        return String(format: "%.\(digits)f", x)
    }

    static func age(_ ms: Int64, now: Int64) -> String {
        guard ms > Int64.min / 2 else { return "-" }
        return Format.duration(ms: max(0, now - ms))
    }

    /// `stall check in 48s`: when a group followed for less than `group_stalled_after` could
    /// first be found stalled, rounded up (never `0s`).
    static func stallCheck(inMs ms: Int64) -> String {
        "stall check in \(Format.duration(ms: ms + 999))"
    }

    /// Why a version that is scoring has no drift, latency or quality (`waitingForWindows`).
    static func waitingForWindows(_ limits: StoreLimits) -> String {
        "not followed now: live windows are kept for \(Format.counted(limits.maxTrackedVersions, "version")) (\(limits.maxDriftWindows) drift windows) at once, "
            + "the most recently scored; this one waits until one of them falls quiet, or takes one with its next record while on screen "
            + "([drift] max_tracked_versions, max_windows)"
    }

    static func role(for status: PipelineStatus) -> ThemeRole {
        switch status {
        case .ok: .ok
        case .warn: .warn
        case .critical, .stale: .critical
        }
    }

    static func role(for severity: DriftSeverity?) -> ThemeRole {
        switch severity {
        case .critical?: .critical
        case .warn?: .warn
        case .ok?: .ok
        case nil: .muted
        }
    }

    static func role(for state: ModelState) -> ThemeRole {
        switch state {
        case .primary: .ok
        case .candidate: .accent
        case .failed, .rolledBack: .critical
        case .published: .text
        case .replaced, .retired: .muted
        }
    }

    /// `lr v3`, or `lr v3, gbm v7` for pipelines that serve several models.
    static func serving(_ models: [ModelSnapshot]) -> String {
        let parts = models.compactMap { m in m.primary.map { "\(m.name) v\($0)" } }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
    }

    /// The width `serving(models)` takes, without building it (a fleet's column is measured over every pipeline).
    static func servingWidth(_ models: [ModelSnapshot]) -> Int {
        var width = 0, parts = 0
        for m in models {
            guard let v = m.primary else { continue }
            width += DisplayWidth.of(m.name) + 2 + String(v).count
            parts += 1
        }
        return parts == 0 ? 1 : width + 2 * (parts - 1)
    }

    static func candidates(_ models: [ModelSnapshot]) -> String {
        let parts = models.flatMap { m in m.candidates.map { "v\($0)" } }
        return parts.isEmpty ? "-" : parts.joined(separator: " ")
    }

    /// `WARN error_rate — errors 5.00% of input (since 12s)`, in the severity's colour.
    static func alert(_ a: Alert, now: Int64) -> Span {
        let what = [a.severity.label.uppercased(), a.kind.rawValue, a.subject].filter { !$0.isEmpty }.joined(separator: " ")
        return Span("\(what) — \(a.message) (since \(age(a.sinceMs, now: now)))", role: a.severity == .critical ? .critical : .warn)
    }

    /// The worst meaningful drift among a pipeline's live primary and candidate versions.
    static func worstDrift(_ p: PipelineSnapshot) -> DriftReport? {
        p.versions.filter(\.live).compactMap { $0.worstDrift?.report }.max { $0.psi < $1.psi }
    }
}
