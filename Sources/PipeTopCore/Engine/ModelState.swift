/// Where a model version stands in its lifecycle, as the registry derives it from model events.
public enum ModelState: String, Sendable, CaseIterable, Hashable {
    case published, candidate, primary, replaced
    case rolledBack = "rolled_back"
    case failed, retired

    /// Replaced, rolled back, failed or retired: the version neither serves nor shadows, and
    /// only an operator's command brings it back. The store keeps its final numbers, not its
    /// windows or reference.
    public var isFinished: Bool {
        switch self {
        case .replaced, .rolledBack, .failed, .retired: true
        case .published, .candidate, .primary: false
        }
    }

    /// The label screens show (`serving` for the primary, as operators say it).
    public var label: String {
        switch self {
        case .primary: "serving"
        case .rolledBack: "rolled back"
        default: rawValue
        }
    }
}
