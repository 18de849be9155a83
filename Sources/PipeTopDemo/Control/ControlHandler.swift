import PipeTopCore

/// The pipeline's controller: checks each `control` command against the version book and
/// answers it with an `ack`. A command id is applied at most once: a repeat is answered with
/// the first answer and `detail: "duplicate"`. A command whose `from_version` no longer
/// serves is refused as stale (someone else acted first).
public struct ControlHandler: Sendable {
    /// The answer to one command, and what to change when it was applied.
    public struct Outcome: Sendable, Hashable {
        public var ack: Ack
        public var effect: ControlEffect?
    }

    public let pipeline: String
    public let model: String
    /// When set, only these requesters may act; others are answered `not authorized`.
    public var allowedRequesters: Set<String>?
    /// Recent answers by command id, for duplicates (bounded).
    private var answered: [String: Ack] = [:]
    private var answerOrder: Ring<String>

    public init(pipeline: String, model: String, allowedRequesters: Set<String>? = nil, rememberedCommands: Int = 10_000) {
        self.pipeline = pipeline
        self.model = model
        self.allowedRequesters = allowedRequesters
        answerOrder = Ring(capacity: max(1, rememberedCommands))
    }

    /// Answers `command` (addressed to this pipeline) at event time `nowMs`.
    public mutating func handle(_ command: ControlCommand, book: VersionBook, nowMs: Int64) -> Outcome {
        if var first = answered[command.id] {
            first.tsMs = nowMs
            first.detail = "duplicate"
            return Outcome(ack: first, effect: nil)
        }
        let outcome: Outcome
        switch check(command, book) {
        case .success(let effect):
            outcome = Outcome(ack: ack(command, .applied, nil, nowMs), effect: effect)
        case .failure(let refusal):
            outcome = Outcome(ack: ack(command, .rejected, refusal.reason, nowMs), effect: nil)
        }
        remember(command.id, outcome.ack)
        return outcome
    }

    private struct Refusal: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private func check(_ command: ControlCommand, _ book: VersionBook) -> Result<ControlEffect, Refusal> {
        if let allowed = allowedRequesters, !allowed.contains(command.requestedBy) {
            return .failure(Refusal("not authorized: \(command.requestedBy)"))
        }
        guard command.model == model else { return .failure(Refusal("unknown model \(command.model)")) }
        let primary = book.primary
        if let from = command.fromVersion, from != primary {
            return .failure(Refusal("stale, serving is \(primary.map { "v\($0)" } ?? "nothing")"))
        }
        let v = command.version
        switch command.action {
        case .promote:
            guard let state = book.state(of: v) else { return .failure(Refusal("unknown version v\(v)")) }
            switch state {
            case .primary: return .failure(Refusal("v\(v) is already serving"))
            case .failed: return .failure(Refusal("v\(v) failed: \(book.details[v] ?? "could not load")"))
            case .retired: return .failure(Refusal("v\(v) is retired"))
            case .candidate, .replaced, .rolledBack: return .success(.promote(version: v, replacing: primary))
            }
        case .rollback:
            guard let primary else { return .failure(Refusal("nothing is serving")) }
            guard let previous = book.previousPrimary else {
                return .failure(Refusal("nothing to roll back to: v\(primary) is the first version served"))
            }
            guard v == previous else {
                return .failure(Refusal("v\(v) is not the previous serving version (v\(previous))"))
            }
            return .success(.rollBack(from: primary, to: previous))
        case .retire:
            guard let state = book.state(of: v) else { return .failure(Refusal("unknown version v\(v)")) }
            switch state {
            case .primary: return .failure(Refusal("v\(v) is serving; promote another version or roll back first"))
            case .retired: return .failure(Refusal("v\(v) is already retired"))
            case .candidate, .replaced, .rolledBack, .failed: return .success(.retire(version: v))
            }
        }
    }

    private func ack(_ command: ControlCommand, _ status: AckStatus, _ detail: String?, _ nowMs: Int64) -> Ack {
        Ack(pipeline: pipeline, tsMs: nowMs, id: command.id, status: status, detail: detail)
    }

    private mutating func remember(_ id: String, _ ack: Ack) {
        if let evicted = answerOrder.append(id) { answered[evicted] = nil }
        answered[id] = ack
    }
}
