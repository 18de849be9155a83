/// One active alert: what, where, how bad, since when.
public struct Alert: Sendable, Hashable, Identifiable {
    public var kind: AlertKind
    public var severity: Severity
    /// The pipeline, or the source for `malformed`.
    public var scope: String
    /// What inside the scope: e.g. `fraud-lr v7 score` for drift; empty when the scope is enough.
    public var subject: String
    /// A one-line explanation with the numbers, for the screen.
    public var message: String
    /// When it was first raised (store time, ms), kept while it stays active.
    public var sinceMs: Int64

    /// Stable identity across evaluations: kind, scope and subject.
    public var id: String { "\(kind.rawValue)|\(scope)|\(subject)" }

    public init(kind: AlertKind, severity: Severity, scope: String, subject: String = "", message: String, sinceMs: Int64) {
        self.kind = kind
        self.severity = severity
        self.scope = scope
        self.subject = subject
        self.message = message
        self.sinceMs = sinceMs
    }
}

extension Alert {
    /// The order alerts are shown in: most severe first, then the longest active, then by id.
    public static func worstFirst(_ a: Alert, _ b: Alert) -> Bool {
        (a.severity, b.sinceMs, b.id) > (b.severity, a.sinceMs, a.id)
    }
}
