/// The order of the Topics screen's rows; `o` moves to the next.
public enum TopicsSort: String, Sendable, Hashable, CaseIterable {
    /// By name, A to Z.
    case name
    /// Messages in per second, fastest first.
    case rate
    /// Retained messages, most first.
    case retained

    public var next: TopicsSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// As the flash and the table's title say it.
    public var label: String {
        switch self {
        case .name: "name"
        case .rate: "msg/s"
        case .retained: "retained"
        }
    }
}
