import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka
import Synchronization

/// `pipetop promote | rollback | retire`: plan against the registry read from the models
/// topic, refuse what cannot work (exit 1), send on the control topic, wait for the ack and
/// print the outcome: exit 0 applied, 1 rejected, 2 timeout or transport error. Audited like
/// the dashboard's commands.
enum ControlCLI {
    static func run(_ action: ControlAction, version: Int?, options: ControlCommandOptions, global: GlobalOptions) throws {
        do {
            try execute(action, version: version, options: options, global: global)
        } catch let failure as CLIFailure {
            StandardError.print("pipetop: \(failure)")
            throw ExitCode(failure.code)
        }
    }

    private static func execute(_ action: ControlAction, version: Int?, options: ControlCommandOptions, global: GlobalOptions) throws {
        let config = try ConfigResolution.resolve(global, overrides: global.overrides).effective
        if config.readOnly { throw CLIFailure(1, "\(action.rawValue) refused: read-only mode") }
        let view = try ClusterView(config)
        try view.readRegistry(timeout: options.wait)
        let snapshot = view.store.snapshot()
        guard let pipeline = snapshot.pipeline(named: options.pipeline) else {
            let known = snapshot.pipelines.map(\.name).joined(separator: ", ")
            throw CLIFailure(1, "unknown pipeline \(options.pipeline) (known: \(known.isEmpty ? "none" : known))")
        }
        let planner = ControlPlanner(config)
        let plan: ControlPlan
        switch planner.resolveModel(options.model, in: pipeline).flatMap({ planner.plan(action, pipeline: pipeline, model: $0, version: version) }) {
        case .failure(let refusal): throw CLIFailure(1, "\(action.rawValue) refused: \(refusal)")
        case .success(let p): plan = p
        }
        let audit: AuditLog
        do {
            audit = try AuditLog(path: config.auditLogPath)
        } catch {
            throw CLIFailure(1, "\(error)")
        }
        let feed: KafkaControlFeed
        let producer: KafkaProducer
        do {
            feed = try KafkaControlFeed(config: view.client, topics: config.topics)
            _ = feed.waitForAssignment(timeout: .seconds(5))
            producer = try KafkaProducer(config: view.client)
        } catch {
            throw CLIFailure(2, "cannot connect to \(view.client.brokers): \(error)")
        }
        let command = plan.command(
            id: UUID().uuidString.lowercased(), requestedBy: Requester.current(), reason: options.reason, nowMs: SystemWallClock().nowMs())
        audit.append(AuditEntry(command, outcome: .pending, atMs: command.tsMs))
        let outcome = deliverAndWait(command, KafkaControlSink(producer: producer, topics: config.topics), feed, DurationText.milliseconds(options.wait))
        audit.append(AuditEntry(command, outcome: outcome, atMs: SystemWallClock().nowMs()))
        producer.close()
        let line = "\(plan.summary): \(outcome.text) (command \(command.id))"
        switch outcome {
        case .applied: print(line)
        case .rejected: throw CLIFailure(1, line)
        default: throw CLIFailure(2, line)
        }
    }

    /// Sends `command` and reads the control topic until its ack, a failed delivery or the timeout.
    private static func deliverAndWait(_ command: ControlCommand, _ sink: KafkaControlSink, _ feed: KafkaControlFeed, _ waitMs: Int64) -> CommandOutcome {
        let report = Mutex<DeliveryReport?>(nil)
        sink.send(command) { r in report.withLock { $0 = r } }
        let deadline = SystemWallClock().nowMs() + waitMs
        var decoder = EventDecoder()
        while SystemWallClock().nowMs() < deadline {
            if case .failed(let why)? = report.withLock({ $0 }) { return .deliveryFailed(why) }
            var outcome: CommandOutcome?
            feed.drain { message in
                guard outcome == nil, case .ack(let ack)? = try? decoder.decode(message), ack.id == command.id else { return }
                outcome = ack.status == .applied ? .applied : .rejected(ack.detail ?? "no reason given")
            }
            if let outcome { return outcome }
            usleep(50_000)
        }
        return .timedOut(seconds: Int((waitMs + 999) / 1_000))
    }
}
