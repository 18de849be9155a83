import Foundation

/// One line of the audit log: a command when it is sent (`outcome: "sent"`) and again when
/// its outcome is known (`applied`, `rejected`, `timed_out`, `delivery_failed`, `delivered`,
/// `abandoned`), or a command pipetop refused before sending it (`refused`, why in `detail`).
public struct AuditEntry: Sendable, Hashable, Codable {
    /// RFC 3339, UTC, milliseconds.
    public var time: String
    public var id: String
    public var user: String
    public var action: String
    public var pipeline: String
    public var model: String
    public var from: Int?
    public var to: Int?
    public var reason: String?
    public var outcome: String
    public var detail: String?

    public init(
        time: String, id: String, user: String, action: String, pipeline: String, model: String, from: Int?, to: Int?,
        reason: String?, outcome: String, detail: String?
    ) {
        self.time = time
        self.id = id
        self.user = user
        self.action = action
        self.pipeline = pipeline
        self.model = model
        self.from = from
        self.to = to
        self.reason = reason
        self.outcome = outcome
        self.detail = detail
    }

    /// The entry for `command` with `outcome`, at `nowMs`.
    public init(_ command: ControlCommand, outcome: CommandOutcome, atMs nowMs: Int64) {
        self.init(
            time: TimestampText.format(epochMilliseconds: nowMs), id: command.id, user: command.requestedBy,
            action: command.action.rawValue, pipeline: command.pipeline, model: command.model,
            from: command.fromVersion, to: command.version, reason: command.reason, outcome: outcome.name,
            detail: outcome.detail)
    }

    /// The entry for a command pipetop refused before sending (`outcome: "refused"`, the refusal
    /// in `detail`): an attempt is audited even when nothing reaches the pipeline. `version` is
    /// the one asked for, if any.
    public init(
        refused action: ControlAction, pipeline: String, model: String?, version: Int?, because refusal: ControlRefusal,
        id: String, user: String, reason: String?, atMs nowMs: Int64
    ) {
        self.init(
            time: TimestampText.format(epochMilliseconds: nowMs), id: id, user: user, action: action.rawValue,
            pipeline: pipeline, model: model ?? "", from: nil, to: version, reason: reason, outcome: "refused",
            detail: refusal.description)
    }

    /// One JSON line (no newline), keys in a stable order.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Parses one line; nil for anything else (a torn last line after a crash, say).
    public static func parse(_ line: some StringProtocol) -> AuditEntry? {
        try? JSONDecoder().decode(AuditEntry.self, from: Data(line.utf8))
    }

    /// Milliseconds since the epoch of `time`, if it parses.
    public var epochMilliseconds: Int64? {
        try? TimestampText.parseEpochMilliseconds(time)
    }
}
