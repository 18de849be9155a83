/// A topic with partitions that have fewer replicas in sync than its `min.insync.replicas`:
/// their leaders refuse every write with acks=all (NOT_ENOUGH_REPLICAS), which is what
/// producers that must not lose records use, idempotent ones included (librdkafka's and
/// Kafka's defaults). Scorers then stop publishing scores, trainers stop publishing models.
public enum AcksAllRefusal {
    /// `2 of 6 partitions have 1 replica in sync, fewer than min.insync.replicas 2 (0, 3): …`;
    /// nil when none does (a partition without a leader is `LeaderlessPartitions`' to say).
    public static func warning(placements: [Int32: PartitionPlacement], minInSync: Int) -> String? {
        let refusing = placements.filter { $0.value.refusesAcksAll(minInSync: minInSync) }
        guard !refusing.isEmpty else { return nil }
        let ids = refusing.keys.sorted()
        let shown = ids.prefix(8).map(String.init).joined(separator: ", ") + (ids.count > 8 ? ", …" : "")
        let fewest = refusing.values.map(\.inSync.count).min() ?? 0
        let one = ids.count == 1
        return "\(ids.count) of \(placements.count) partition\(placements.count == 1 ? "" : "s") \(one ? "has" : "have") \(fewest) replica\(fewest == 1 ? "" : "s") in sync, "
            + "fewer than min.insync.replicas \(minInSync) (\(shown)): producers with acks=all, idempotent ones included, are refused"
    }
}
