import Foundation

/// Whether a models topic keeps every version it is sent. Models are data here: a scorer that
/// restarts reads the topic to find the version it serves, pipetop reads it from the beginning
/// for the registry, and a rollback under `control = "republish"` sends a version's message
/// again. A topic that deletes old records (Kafka's default: `cleanup.policy=delete`,
/// `retention.ms` 7 days) loses the versions published before its retention, the one serving
/// among them as often as not.
public enum ModelsTopicRetention {
    /// One line saying what `topic` deletes and how to keep it, when its `settings` delete
    /// records (the policy includes `delete` and a time or size limit is set); nil when it
    /// keeps them (`compact`, or no limit) or when the broker reported nothing to judge by.
    public static func warning(topic: String, settings: [TopicSetting]) -> String? {
        func value(_ name: String) -> String? { settings.first { $0.name == name }?.value }
        let policy = value("cleanup.policy")
        let ms = value("retention.ms").flatMap { Int64($0) }
        let bytes = value("retention.bytes").flatMap { Int64($0) }
        // Kafka's defaults where the broker left an entry out; nothing to judge with no entry at all.
        guard policy != nil || ms != nil || bytes != nil else { return nil }
        let policies = (policy ?? "delete").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard policies.contains("delete") else { return nil }
        var limits: [String] = []
        if let ms, ms >= 0 { limits.append("older than \(DurationText.format(.milliseconds(ms))) (retention.ms)") }
        if let bytes, bytes >= 0 { limits.append("past \(TopicSetting.binary(bytes)) a partition (retention.bytes)") }
        guard !limits.isEmpty else { return nil }
        return "models topic \(topic) deletes records \(limits.joined(separator: " and ")): versions published before are lost to "
            + "restarting scorers, the registry and rollbacks; set cleanup.policy=compact, or retention.ms=-1 and retention.bytes=-1"
    }
}
