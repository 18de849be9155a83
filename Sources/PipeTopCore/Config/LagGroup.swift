/// One entry of `[kafka] lag_groups`: the consumer group whose lag is shown for a pipeline.
/// `"PIPELINE=GROUP"` names both; a bare `"NAME"` is a group named like its pipeline.
public struct LagGroup: Sendable, Hashable {
    public var pipeline: String
    public var group: String

    public init(pipeline: String, group: String) {
        self.pipeline = pipeline
        self.group = group
    }

    /// Parses one entry; nil when a side of `=` is empty.
    public init?(parsing entry: String) {
        let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { part in
            String(part.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        }
        if parts.count == 1 {
            guard !parts[0].isEmpty else { return nil }
            self.init(pipeline: parts[0], group: parts[0])
        } else {
            guard !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            self.init(pipeline: parts[0], group: parts[1])
        }
    }

    /// Every entry of `entries` that parses, in order.
    public static func parse(_ entries: [String]) -> [LagGroup] {
        entries.compactMap(LagGroup.init(parsing:))
    }
}
