/// The one list of every key the configuration file knows; the unknown-key warnings and the test
/// that `Config/pipetop.toml` documents every key both read it, so they cannot disagree.
public enum ConfigSchema {
    /// Tables whose keys are known (`contexts` is an array of tables, `contexts.topics` a partial `[topics]`).
    public static let sections: Set<String> = [
        "ui", "drift", "alerts", "control", "kafka", "topics", "contexts", "contexts.topics",
        "pipelines", "pipelines.scored", "pipelines.models", "pipelines.labels",
    ]

    /// Tables whose keys are free-form (actions, librdkafka properties).
    public static let openTables: Set<String> = [
        "ui.keymap", "kafka.properties", "contexts.properties",
    ]

    /// Every key path, contexts written without an index.
    public static let keyPaths: [String] = [
        "ui.theme", "ui.fps", "ui.time_range", "ui.tail_columns", "ui.keymap",
        "drift.bins", "drift.reference_window", "drift.current_window", "drift.max_tracked_versions", "drift.max_windows",
        "drift.psi_warn", "drift.psi_critical", "drift.ks_pvalue", "drift.js_warn",
        "alerts.throughput_drop", "alerts.error_rate", "alerts.latency_slo_ms",
        "alerts.lag_max", "alerts.stale_after", "alerts.group_stalled_after", "alerts.malformed_rate",
        "control.enabled", "control.read_only", "control.protected_pipelines",
        "control.ack_timeout", "control.audit_log", "control.allowed_requesters",
        "kafka.brokers", "kafka.client_id", "kafka.fetch_wait_max_ms",
        "kafka.queued_max_kbytes", "kafka.ingest_threads", "kafka.lag_groups", "kafka.properties",
        "kafka.scored_read", "kafka.scored_sample",
        "kafka.schema_registry", "kafka.schema_registry_auth", "kafka.schema_registry_ca",
        "topics.metrics", "topics.models", "topics.scored", "topics.control",
        "contexts.name", "contexts.brokers", "contexts.topics",
        "contexts.properties", "contexts.read_only", "contexts.protected",
        "contexts.schema_registry", "contexts.schema_registry_auth", "contexts.schema_registry_ca",
        "pipelines.name", "pipelines.scored_topic", "pipelines.models_topic", "pipelines.labels_topic",
        "pipelines.input_topic", "pipelines.errors_topic", "pipelines.consumer_group", "pipelines.control",
        "pipelines.scored_read", "pipelines.scored_sample",
        "pipelines.scored", "pipelines.models", "pipelines.labels",
    ] + KafkaSecurity.keys.flatMap { ["kafka.\($0)", "contexts.\($0)"] }
      + TopicMapping.Role.allCases.flatMap { role in
        (["format", "proto_descriptor", "proto_message"] + role.fields).map { "pipelines.\(role.rawValue).\($0)" }
    }

    private static let knownKeys = Set(keyPaths)

    /// Whether `path` (contexts without an index) is a key of the schema.
    static func isKnown(_ path: String) -> Bool {
        knownKeys.contains(canonical(path))
    }

    /// A context's `topics` table takes the same keys as `[topics]`, its `pipelines` the same
    /// as `[[pipelines]]`.
    static func canonical(_ path: String) -> String {
        for section in ["contexts.topics", "contexts.pipelines"] where path == section || path.hasPrefix(section + ".") {
            return String(path.dropFirst("contexts.".count))
        }
        return path
    }

    /// The names a key under `parent` could have meant to be.
    static func siblings(of parent: String) -> [String] {
        let prefix = parent.isEmpty ? "" : canonical(parent) + "."
        let candidates = keyPaths + sections.filter { !$0.contains(".") }
        return candidates.compactMap { path in
            guard path.hasPrefix(prefix) else { return nil }
            let leaf = path.dropFirst(prefix.count)
            return leaf.contains(".") ? nil : String(leaf)
        }
    }

    /// Keys people write for another one that is not close in spelling: `[kafka] scored` is not
    /// `[topics] scored` (a topic name) but how much of that topic is read.
    static let meant = ["kafka.scored": "scored_read"]

    /// The closest known key to `leaf` under `parent` (edit distance ≤ 2), else a known key path
    /// with exactly this leaf elsewhere (a key put in the wrong section).
    static func suggestion(forUnknown leaf: String, under parent: String, displayParent: String)
        -> String?
    {
        if let key = meant[canonical(parent.isEmpty ? leaf : parent + "." + leaf)] {
            return displayParent.isEmpty ? key : displayParent + "." + key
        }
        var best: (name: String, distance: Int)?
        for sibling in siblings(of: parent).sorted() {
            let distance = EditDistance.between(leaf, sibling)
            if distance <= 2, distance < (best?.distance ?? .max) { best = (sibling, distance) }
        }
        if let best { return displayParent.isEmpty ? best.name : displayParent + "." + best.name }
        return keyPaths.first { $0.hasSuffix("." + leaf) && !$0.hasPrefix("contexts.") }
    }
}
