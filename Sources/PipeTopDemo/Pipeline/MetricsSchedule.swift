/// When a pipeline next reports its scorers' metrics: every `intervalMs` of event time, counted
/// from the last report.
struct MetricsSchedule: Sendable, Hashable {
    let intervalMs: Int64
    private var nextMs: Int64 = 0

    init(intervalMs: Int64) {
        self.intervalMs = intervalMs
    }

    /// Starts counting at `nowMs`.
    mutating func start(atMs nowMs: Int64) {
        nextMs = nowMs + intervalMs
    }

    /// Whether a report is due at `nowMs`; if so, the next is an interval later.
    mutating func isDue(atMs nowMs: Int64) -> Bool {
        guard nowMs >= nextMs else { return false }
        nextMs = nowMs + intervalMs
        return true
    }
}
