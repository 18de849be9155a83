import PipeTopCore

/// The pipeline's own registry: every version it has seen, its state, and the order in which
/// versions served (so a rollback returns to the one that served before, not simply N−1).
public struct VersionBook: Sendable, Hashable {
    public private(set) var states: [Int: VersionState] = [:]
    /// Why a version failed or was retired.
    public private(set) var details: [Int: String] = [:]
    /// Versions in the order they became primary; the last is serving.
    public private(set) var servingHistory: [Int] = []
    /// Most versions remembered; the oldest finished ones are forgotten beyond it.
    public let capacity: Int

    /// As many versions as pipetop's registry keeps of a model by default: the demo runs in the
    /// dashboard's process, and what it remembers beyond that (a model each) is memory the
    /// dashboard never shows, growing for most of a day at a retraining a minute.
    public init(capacity: Int = StoreLimits().maxVersionsPerModel) {
        self.capacity = max(8, capacity)
    }

    public var primary: Int? { servingHistory.last }

    /// The version that served before the primary and can serve again.
    public var previousPrimary: Int? {
        servingHistory.dropLast().last { states[$0] == .replaced }
    }

    public func state(of version: Int) -> VersionState? { states[version] }

    public var candidates: [Int] { states.filter { $0.value == .candidate }.keys.sorted() }

    public mutating func addCandidate(_ version: Int) {
        states[version] = .candidate
        forgetOldest()
    }

    public mutating func markFailed(_ version: Int, detail: String) {
        states[version] = .failed
        details[version] = detail
        forgetOldest()
    }

    public mutating func retire(_ version: Int, detail: String) {
        states[version] = .retired
        details[version] = detail
    }

    public mutating func promote(_ version: Int) {
        if let p = primary { states[p] = .replaced }
        states[version] = .primary
        servingHistory.removeAll { $0 == version }
        servingHistory.append(version)
        if servingHistory.count > capacity { servingHistory.removeFirst(servingHistory.count - capacity) }
    }

    /// The primary is withdrawn and `target` serves again.
    public mutating func rollBack(to target: Int) {
        if let p = servingHistory.popLast() { states[p] = .rolledBack }
        states[target] = .primary
        servingHistory.removeAll { $0 == target }
        servingHistory.append(target)
    }

    /// Forgets the oldest finished versions beyond `capacity`: replaced ones too (every version
    /// of a pipeline that promotes each one ends replaced), but not the one a rollback returns to.
    private mutating func forgetOldest() {
        guard states.count > capacity else { return }
        let rollbackTarget = previousPrimary
        let finished = states.filter { v, state in
            switch state {
            case .failed, .retired, .rolledBack: true
            case .replaced: v != rollbackTarget
            default: false
            }
        }.keys.sorted()
        for v in finished.prefix(states.count - capacity) {
            states[v] = nil
            details[v] = nil
        }
    }
}
