/// The alert rules: pure functions from what the store measured to the alerts that should be active.
enum AlertRules {
    /// Alerts of one pipeline (everything but drift and malformed input, which have their own scopes).
    static func evaluate(
        pipeline p: String, throughput t: Throughput, latency: LatencyPercentiles?, lag: Int64?, groupLag: GroupLag? = nil,
        stale: Bool, silentForMs: Int64, settings s: AlertSettings, nowMs: Int64
    ) -> [Alert] {
        var out: [Alert] = []
        func raise(_ kind: AlertKind, _ severity: Severity, _ message: String) {
            out.append(Alert(kind: kind, severity: severity, scope: p, message: message, sinceMs: nowMs))
        }
        if stale {
            raise(.stale, .critical, "no metrics for \(Format.duration(ms: silentForMs))")
            return out  // the numbers below would describe the past, not now
        }
        let in10 = t.recordsIn.s10, in60 = t.recordsIn.s60
        if in60 >= 1, in10 < in60 * (1 - s.throughputDrop) {
            raise(.throughputDrop, .warn, "input \(Format.rate(in10))/s over 10 s vs \(Format.rate(in60))/s over 60 s")
        }
        if t.recordsIn.s10 > 0 {
            let rate = t.errors.s10 / t.recordsIn.s10
            if rate > s.errorRate {
                raise(.errorRate, rate > s.errorRate * 10 ? .critical : .warn,
                      "errors \(Format.percent(rate)) of input (limit \(Format.percent(s.errorRate)))")
            }
        }
        if let l = latency {
            let p99ms = l.p99 / 1000
            if p99ms > s.latencySLOMs {
                raise(.latencySLO, p99ms > s.latencySLOMs * 2 ? .critical : .warn,
                      "p99 \(Format.millis(p99ms)) over SLO \(Format.millis(s.latencySLOMs))")
            }
        }
        if let lag, lag > s.lagMax {
            raise(.lag, lag > s.lagMax * 10 ? .critical : .warn, "lag \(lag) over \(s.lagMax)")
        }
        if let groupLag, let message = stalledMessage(groupLag, afterMs: s.groupStalledAfterMs) {
            raise(.stalled, .critical, message)
        }
        return out
    }

    /// `group scorers stalled for 2m: payments[2] at 1,841 (lag 1,204)`, the partition behind
    /// longest named (and how many more); nil when none is stalled.
    static func stalledMessage(_ lag: GroupLag, afterMs: Int64) -> String? {
        let stalled = lag.stalled(afterMs: afterMs).sorted { ($0.behindForMs ?? 0) > ($1.behindForMs ?? 0) }
        guard let worst = stalled.first else { return nil }
        let more = stalled.count > 1 ? " and \(stalled.count - 1) more partition\(stalled.count == 2 ? "" : "s")" : ""
        return "group \(lag.group) stalled for \(Format.duration(ms: worst.behindForMs ?? 0)): \(worst.topic)[\(worst.partition)] at "
            + "\(Format.count(worst.committed)) (lag \(Format.count(worst.lag ?? 0)))\(more)"
    }

    /// The malformed-input alert of one source.
    static func malformed(source: SourceCounters, endSecond: Int64, settings s: AlertSettings, nowMs: Int64) -> Alert? {
        let rate = source.malformedRate(endingBefore: endSecond)
        guard rate > s.malformedRate else { return nil }
        return Alert(
            kind: .malformed, severity: .warn, scope: source.name,
            message: "\(Format.rate(rate)) malformed messages/s (limit \(Format.rate(s.malformedRate)))", sinceMs: nowMs)
    }
}

extension AlertRules {
    /// Drift alerts of the versions that matter now: the primary and the candidates.
    static func drift(pipeline: String, models: [ModelSnapshot], versions: [VersionStats], nowMs: Int64) -> [Alert] {
        var out: [Alert] = []
        for stats in versions where stats.live {
            let model = models.first { $0.name == stats.key.model }
            let state = model?.version(stats.key.version)?.state
            guard state == nil || state == .primary || state == .candidate else { continue }
            for view in [stats.scoreDrift] + stats.featureDrift {
                guard let r = view.report, r.alertSeverity != .ok else { continue }
                let subject = "\(stats.key.label) \(view.name)"
                var message = String(format: "PSI %.3f, JS %.3f", r.psi, r.js)
                if let p = r.ksPValue { message += String(format: r.ksApproximate ? ", KS p ≈%.2g" : ", KS p %.2g", p) }
                if view.source == .summaries { message += " (from summaries)" }
                out.append(Alert(
                    kind: .drift, severity: r.alertSeverity == .critical ? .critical : .warn, scope: pipeline,
                    subject: subject, message: message, sinceMs: nowMs))
            }
        }
        return out
    }
}
