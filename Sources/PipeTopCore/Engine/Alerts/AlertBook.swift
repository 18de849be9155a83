/// Keeps alerts' since-when across evaluations and a bounded history of changes.
///
/// Rules are re-evaluated from scratch every time; the book matches each result
/// to what was active before by id, so `sinceMs` survives and transitions are
/// recorded exactly once.
public struct AlertBook: Sendable {
    public private(set) var active: [String: Alert] = [:]
    public private(set) var history: Ring<AlertTransition>

    /// Transitions kept, by default.
    public static let defaultHistoryCapacity = 500

    public init(historyCapacity: Int = defaultHistoryCapacity) {
        history = Ring(capacity: historyCapacity)
    }

    public var approximateBytes: Int { active.count * 160 + history.count * 180 }

    /// Replaces the active set with `current` (as evaluated at `nowMs`) and returns it sorted worst first.
    public mutating func update(_ current: [Alert], nowMs: Int64) -> [Alert] {
        var next: [String: Alert] = [:]
        next.reserveCapacity(current.count)
        for var alert in current {
            let id = alert.id
            if let old = active[id] {
                alert.sinceMs = old.sinceMs
                if alert.severity != old.severity {
                    history.append(AlertTransition(
                        change: alert.severity > old.severity ? .escalated : .deescalated, alert: alert, atMs: nowMs))
                }
            } else {
                alert.sinceMs = nowMs
                history.append(AlertTransition(change: .raised, alert: alert, atMs: nowMs))
            }
            next[id] = alert
        }
        for (id, old) in active where next[id] == nil {
            history.append(AlertTransition(change: .cleared, alert: old, atMs: nowMs))
        }
        active = next
        return next.values.sorted(by: Alert.worstFirst)
    }
}
