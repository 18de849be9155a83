import Foundation

/// One configuration entry of a topic, as DescribeConfigs reports it (`retention.ms`,
/// `cleanup.policy` …).
public struct TopicSetting: Sendable, Hashable {
    public var name: String
    /// Nil when the broker withholds it (sensitive) or has none.
    public var value: String?
    /// Set on the topic itself, not inherited from the broker's defaults.
    public var isOverride: Bool

    public init(name: String, value: String?, isOverride: Bool) {
        self.name = name
        self.value = value
        self.isOverride = isOverride
    }

    /// What says most about where a topic's records go and how safely they are written:
    /// shown whatever their source, in this order; other entries only when set on the topic.
    public static let essential = ["cleanup.policy", "retention.ms", "retention.bytes", "min.insync.replicas", "max.message.bytes"]

    /// The value with its meaning where a number alone says little: `604800000 (7d)`,
    /// `-1 (unlimited)`, `1073741824 (1 GiB)`.
    public var valueText: String {
        guard let value else { return "(not shown)" }
        guard let n = Int64(value) else { return value }
        if name.hasSuffix(".ms") { return n < 0 ? "\(value) (unlimited)" : n >= 1_000 ? "\(value) (\(DurationText.format(.milliseconds(n))))" : value }
        if name.hasSuffix(".bytes") { return n < 0 ? "\(value) (unlimited)" : n >= 1_024 ? "\(value) (\(Self.binary(n)))" : value }
        return value
    }

    /// `1 GiB`, `1.5 MiB`: the largest binary unit at least 1, to a tenth.
    static func binary(_ n: Int64) -> String {
        var unit = 0
        var scaled = Double(n)
        while scaled >= 1_024, unit < 4 {
            scaled /= 1_024
            unit += 1
        }
        let text = scaled == scaled.rounded() ? String(Int64(scaled)) : String(format: "%.1f", scaled)
        return text + " " + ["B", "KiB", "MiB", "GiB", "TiB"][unit]
    }
}
