import ArgumentParser
import Foundation
import PipeTopCore
import PipeTopKafka
import Synchronization

/// `pipetop promote | rollback | retire`: plan against the registry read from the models
/// topic (and mapped pipelines' own topics), refuse what cannot work (exit 1, audited as
/// `refused` with the reason), send the command
/// and wait for its outcome: exit 0 applied, or delivered where nothing can acknowledge it
/// (a re-published models message whose scored records carry no version); 1 rejected; 2
/// timeout or transport error. Audited like the dashboard's commands.
///
/// A command goes on the control topic and its ack comes back there; for a pipeline
/// controlled by re-publishing, the target version's models message is read back (refused,
/// exit 1, when it is no longer retained) and sent again, and the scored records showing the
/// version serving are the acknowledgement.
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
        let audit: AuditLog
        do {
            audit = try AuditLog(path: config.auditLogPath)
        } catch {
            throw CLIFailure(1, "\(error)")
        }
        // Audits a refusal as an attempt and returns the failure that reports it.
        func refuse(_ refusal: ControlRefusal, model: String?) -> CLIFailure {
            audit.append(AuditEntry(
                refused: action, pipeline: options.pipeline, model: model ?? options.model, version: version, because: refusal,
                id: UUID().uuidString.lowercased(), user: Requester.current(), reason: options.reason, atMs: SystemWallClock().nowMs()))
            return CLIFailure(1, "\(action.rawValue) refused: \(refusal)")
        }
        let whole = try ClusterView(config)
        let view = whole.narrowed(to: options.pipeline)
        let mapped = !view.config.pipelines.isEmpty
        try view.readRegistry(timeout: options.wait, skippingMissing: mapped)
        // Mapped pipelines' versions, and which one serves, come from their own topics; the
        // source keeps reading them while a re-published version is waited for.
        let follower = mapped ? try view.follow(seconds: ClusterView.mappedWatch) : nil
        defer { follower?.stop() }
        let snapshot = view.store.snapshot()
        guard let pipeline = snapshot.pipeline(named: options.pipeline) else {
            throw refuse(ControlRefusal(view.nothingRead(of: options.pipeline) ?? whole.unknownPipeline(options.pipeline, seen: snapshot)), model: nil)
        }
        let planner = ControlPlanner(view.config)
        let plan: ControlPlan
        let resolved = planner.resolveModel(options.model, in: pipeline)
        switch resolved.flatMap({ planner.plan(action, pipeline: pipeline, model: $0, version: version) }) {
        case .failure(let refusal): throw refuse(refusal, model: (try? resolved.get())?.name)
        case .success(let p): plan = p
        }
        let producer: KafkaProducer
        do {
            producer = try KafkaProducer(config: view.client, options: .control)
        } catch {
            throw CLIFailure(2, "cannot connect to \(view.client.brokers): \(error)")
        }
        defer { producer.close() }
        let command = plan.command(
            id: UUID().uuidString.lowercased(), requestedBy: Requester.current(), reason: options.reason, nowMs: SystemWallClock().nowMs())
        let waitMs = DurationText.milliseconds(options.wait)
        let outcome: CommandOutcome
        switch plan.route {
        case .controlTopic:
            let feed: KafkaControlFeed
            do {
                feed = try KafkaControlFeed(config: view.client, topics: config.topics)
                _ = feed.waitForAssignment(timeout: .seconds(5))
            } catch {
                throw CLIFailure(2, "cannot connect to \(view.client.brokers): \(error)")
            }
            audit.append(AuditEntry(command, outcome: .pending, atMs: command.tsMs))
            outcome = deliverAndWait(command, KafkaControlSink(producer: producer, topics: config.topics), feed, waitMs)
        case .republish(let origin, _):
            let republisher = ModelRepublisher(producer: producer)
            let message: RetainedMessage
            do throws(RepublishError) {
                message = try republisher.fetch(origin, timeout: options.wait)
            } catch .notRetained(let o, let why) {
                throw refuse(ControlRefusal("\(RepublishError.notRetained(o, why))"), model: plan.model)
            } catch {
                throw CLIFailure(2, "\(plan.summary): \(error)")
            }
            audit.append(AuditEntry(command, outcome: .pending, atMs: command.tsMs))
            outcome = republishAndWait(command, plan.route, message, republisher, view.store, waitMs)
        }
        audit.append(AuditEntry(command, outcome: outcome, atMs: SystemWallClock().nowMs()))
        let line = "\(plan.summary): \(outcome.text) (command \(command.id))"
        switch outcome {
        case .applied, .delivered: print(line)
        case .rejected: throw CLIFailure(1, line)
        default: throw CLIFailure(2, line)
        }
    }

    /// Sends `command` and reads the control topic until its ack, a failed delivery or the timeout.
    private static func deliverAndWait(_ command: ControlCommand, _ sink: KafkaControlSink, _ feed: KafkaControlFeed, _ waitMs: Int64) -> CommandOutcome {
        let report = Mutex<DeliveryReport?>(nil)
        sink.send(command, route: .controlTopic) { r in report.withLock { $0 = r } }
        var decoder = EventDecoder()
        return waitFor(waitMs) {
            if case .failed(let why)? = report.withLock({ $0 }) { return .deliveryFailed(why) }
            var outcome: CommandOutcome?
            feed.drain { message in
                guard outcome == nil, case .ack(let ack)? = try? decoder.decode(message), ack.id == command.id else { return }
                outcome = ack.status == .applied ? .applied : .rejected(ack.detail ?? "no reason given")
            }
            return outcome
        }
    }

    /// Sends `message` again for `command` and follows the store (which the source keeps
    /// feeding) until the scored records show the version serving, the delivery report where
    /// nothing can acknowledge it, a failed delivery or the timeout.
    private static func republishAndWait(
        _ command: ControlCommand, _ route: ControlRoute, _ message: RetainedMessage, _ republisher: ModelRepublisher,
        _ store: PipelineStore, _ waitMs: Int64
    ) -> CommandOutcome {
        let report = Mutex<DeliveryReport?>(nil)
        let clock = SystemWallClock()
        var tracker = CommandTracker()
        tracker.sent(command, route: route, atMs: clock.nowMs())
        republisher.send(message, commandID: command.id) { r in report.withLock { $0 = r } }
        return waitFor(waitMs + 1_000) {
            let deliveries = report.withLock { $0 }.map { [command.id: $0] } ?? [:]
            return tracker.resolve(
                timeline: [], deliveries: deliveries, serving: store.snapshot().serving, nowMs: clock.nowMs(), timeoutMs: waitMs
            ).first?.outcome
        }
    }

    /// Polls `decide` every 50 ms until it decides or `waitMs` pass (then: timed out).
    private static func waitFor(_ waitMs: Int64, _ decide: () -> CommandOutcome?) -> CommandOutcome {
        let deadline = SystemWallClock().nowMs() + waitMs
        while SystemWallClock().nowMs() < deadline {
            if let outcome = decide() { return outcome }
            usleep(50_000)
        }
        return .timedOut(seconds: Int((waitMs + 999) / 1_000))
    }
}
