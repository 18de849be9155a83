import PipeTopCore
import Synchronization

/// Work the screens derive from one snapshot, kept with it: the Overview's order is asked
/// for by a key's update, by the next data's and by the frame, and at a thousand pipelines
/// sorting and filtering three times is most of a keypress.
final class SnapshotMemo: Sendable {
    private struct OverviewKey: Hashable {
        var sort: OverviewSort
        var filter: RowFilter?
    }

    private let overview = Mutex<(key: OverviewKey, order: [Int])?>(nil)
    private let mapped = Mutex<[String: PipelineConfig]?>(nil)

    /// The Overview's order under `sort` and `filter`, computed the first time they are asked for.
    func overviewOrder(sort: OverviewSort, filter: RowFilter?, _ compute: () -> [Int]) -> [Int] {
        let key = OverviewKey(sort: sort, filter: filter)
        if let kept = overview.withLock({ $0 }), kept.key == key { return kept.order }
        let order = compute()
        overview.withLock { $0 = (key, order) }
        return order
    }

    /// The snapshot's mapped pipelines by name, computed the first time they are asked for
    /// (every frame and key asks; a template's pipelines are found by their names).
    func mappedPipelines(_ compute: () -> [String: PipelineConfig]) -> [String: PipelineConfig] {
        if let kept = mapped.withLock({ $0 }) { return kept }
        let byName = compute()
        mapped.withLock { $0 = byName }
        return byName
    }
}
