/// Where a model version stands in its lifecycle, as the registry derives it from model events.
public enum ModelState: String, Sendable, CaseIterable, Hashable {
    case published, candidate, primary, replaced
    case rolledBack = "rolled_back"
    case failed, retired

    /// The label screens show (`serving` for the primary, as operators say it).
    public var label: String {
        switch self {
        case .primary: "serving"
        case .rolledBack: "rolled back"
        default: rawValue
        }
    }
}
