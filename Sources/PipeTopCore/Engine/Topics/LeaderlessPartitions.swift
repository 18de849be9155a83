/// A topic a pipeline uses with partitions that have no leader: producers' writes to them
/// fail (or wait until they time out) and nobody reads their records, whatever any consumer
/// or lag says. The Topics screen shows it on one look; this says it on the dashboard as a
/// critical alert on the topic, for the topics the source reads.
public enum LeaderlessPartitions {
    /// `2 of 6 partitions have no leader (1, 4): …` (the alert's scope names the topic); nil
    /// when every partition of `placements` has one.
    public static func warning(topic: String, placements: [Int32: PartitionPlacement]) -> String? {
        let without = placements.filter { !$0.value.hasLeader }.keys.sorted()
        guard !without.isEmpty else { return nil }
        let shown = without.prefix(8).map(String.init).joined(separator: ", ") + (without.count > 8 ? ", …" : "")
        let one = without.count == 1
        return "\(without.count) of \(placements.count) partition\(placements.count == 1 ? "" : "s") \(one ? "has" : "have") no leader (\(shown)): writes to "
            + (one ? "it fail and its records" : "them fail and their records") + " cannot be read"
    }
}
