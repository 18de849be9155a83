/// When a pipeline's next fault happens and which one: every `intervalMs` of event time from
/// `firstAtMs`, the kinds in turn.
struct FaultPlan: Sendable, Hashable {
    let intervalMs: Int64
    private(set) var nextAtMs: Int64
    private var nextKind: Int

    init(firstAtMs: Int64, intervalMs: Int64, firstKind: Int) {
        self.intervalMs = max(1, intervalMs)
        nextAtMs = firstAtMs
        nextKind = firstKind
    }

    /// The fault due at `nowMs`, if any (at most one per call).
    mutating func due(atMs nowMs: Int64) -> FaultKind? {
        guard nowMs >= nextAtMs else { return nil }
        let kinds = FaultKind.allCases
        let kind = kinds[nextKind % kinds.count]
        nextKind += 1
        nextAtMs += intervalMs
        return kind
    }
}
