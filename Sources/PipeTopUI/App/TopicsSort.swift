/// The order of the Topics screen's rows.
public enum TopicsSort: String, RowOrder {
    /// By name, A to Z.
    case name
    /// Messages in per second, fastest first.
    case rate
    /// Retained messages, most first.
    case retained
    /// Topics with a stalled group first, then by the largest lag of a group reading it.
    case lag

    public var label: String {
        switch self {
        case .name: "name"
        case .rate: "msg/s"
        case .retained: "retained"
        case .lag: "lag"
        }
    }
}
