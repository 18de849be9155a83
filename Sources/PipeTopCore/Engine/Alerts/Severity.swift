/// How bad something is; ordered so the worst of several is their `max`.
public enum Severity: Int, Sendable, Hashable, Comparable, CaseIterable {
    case ok = 0, warn = 1, critical = 2

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    public var label: String {
        switch self {
        case .ok: "ok"
        case .warn: "warn"
        case .critical: "critical"
        }
    }
}
