/// What operators did about an active alert: acknowledged it (it stays visible, marked, until
/// it clears) and/or silenced it until a time (it leaves the header's count meanwhile).
public struct AlertMark: Sendable, Hashable {
    public var ackedBy: String?
    public var ackedAtMs: Int64?
    public var silencedUntilMs: Int64?
    public var silencedBy: String?

    public init() {}

    /// "acked by ana@ops", "silenced until 10:42 by ana@ops".
    public func label(nowMs: Int64) -> String? {
        var parts: [String] = []
        if let by = ackedBy { parts.append("acked by \(by)") }
        if let until = silencedUntilMs, until > nowMs {
            parts.append("silenced for \(DurationLabel.text(ms: until - nowMs))" + (silencedBy.map { " by \($0)" } ?? ""))
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

/// Durations for labels: `45s`, `12m`, `2h05m`.
enum DurationLabel {
    static func text(ms: Int64) -> String {
        let s = max(0, (ms + 999) / 1_000)
        if s < 60 { return "\(s)s" }
        if s < 3_600 { return "\((s + 59) / 60)m" }
        return "\(s / 3_600)h\(String(format: "%02d", (s % 3_600) / 60))m"
    }
}
