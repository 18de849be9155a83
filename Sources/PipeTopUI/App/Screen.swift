/// The dashboard's screens, in tab order.
public enum Screen: String, Sendable, Hashable, CaseIterable {
    case overview, pipeline, models, drift, tail, events, topics, groups

    /// The title on the tab bar.
    public var title: String {
        switch self {
        case .overview: "Overview"
        case .pipeline: "Pipeline"
        case .models: "Models"
        case .drift: "Drift"
        case .tail: "Tail"
        case .events: "Events"
        case .topics: "Topics"
        case .groups: "Groups"
        }
    }

    /// Screens reachable by number keys and tab (the detail screen is reached by drilling in).
    public static let tabs: [Screen] = [.overview, .models, .drift, .tail, .events, .topics, .groups]
}
