/// Where a version is in its lifecycle, as the pipeline itself sees it.
public enum VersionState: String, Sendable, Hashable {
    case candidate
    case primary
    /// Served before and was replaced by a promotion (can be rolled back to).
    case replaced
    /// Was primary and was withdrawn by a rollback.
    case rolledBack = "rolled_back"
    case failed
    case retired
}
