import CRdKafka
import Dispatch
import Foundation
import PipeTopCore
import Synchronization

/// Reads the four contract topics of a cluster into a `PipelineStore`: the dashboard's source
/// on real brokers.
///
/// It assigns every partition itself (`rd_kafka_assign`, never a group subscription: a
/// dashboard must not take partitions from a pipeline's own consumers), with models and
/// control read from the beginning and metrics and scored from a small backlog before the end
/// (`KafkaSourceOptions`). A broker that is down at start, or goes away later, shows in
/// `status` as `disconnected, retry in Ns`; librdkafka reconnects by itself and ingestion
/// resumes without a restart. librdkafka's log lines go to `log`, never to the terminal.
/// Its store's time follows the wall clock (`clockBasis`), and a `StoreTicker` moves it on
/// while nothing arrives, so rates fall and pipelines turn stale when the cluster goes away.
public final class KafkaSource: EventSource {
    public let name: String
    public let config: KafkaClientConfig
    public let topics: TopicNames
    public let options: KafkaSourceOptions
    /// librdkafka's log lines and errors.
    public let log: KafkaLog
    private let monitor = KafkaSourceMonitor()
    private let running = RunFlag()
    private let thread = Mutex<(started: Bool, done: DispatchSemaphore?)>((false, nil))
    private let control = Mutex<(made: Bool, sink: KafkaControlSink?)>((false, nil))
    /// Moves a live store's time on while nothing arrives (the broker gone, a quiet cluster).
    private let ticker = Mutex<StoreTicker?>(nil)

    public init(config: KafkaClientConfig, topics: TopicNames = TopicNames(), options: KafkaSourceOptions = KafkaSourceOptions(), log: KafkaLog? = nil) {
        self.name = "kafka " + config.brokers
        self.config = config
        self.topics = topics
        self.options = options
        self.log = log ?? KafkaLog(filePath: config.logFile)
    }

    public var status: SourceStatus { monitor.status(nowMs: SystemWallClock().nowMs()) }

    /// A cluster is live: its store follows the wall clock.
    public var clockBasis: StalenessBasis { .arrival }

    /// `[kafka] ingest_threads`: the contract topics' partitions are spread over as many workers.
    public var ingestWorkers: Int { options.ingestThreads }

    /// What the source did so far.
    public var statistics: KafkaSourceStatistics { monitor.statistics }

    /// Whether the source is connected now.
    public var isConnected: Bool { monitor.connection.isConnected }

    /// The same cluster's control topic, for the operator's commands: an idempotent producer
    /// (`KafkaControlSink`), created on first use and kept for the source's life. Nil, with a
    /// line in `log`, when librdkafka refuses its configuration.
    public var controlSink: (any ControlSink)? {
        control.withLock { c in
            if !c.made {
                c.made = true
                do {
                    c.sink = try KafkaControlSink(config: config, topics: topics, log: log)
                } catch {
                    log.append(level: 3, facility: "CONTROL", message: "no control producer: \(error)")
                }
            }
            return c.sink
        }
    }

    /// Creates the consumer and starts its thread. Throws only when librdkafka refuses the
    /// configuration, or a mapped pipeline cannot be set up (a registry setting, a descriptor
    /// file); an unreachable cluster is a status, not an error. Starts once.
    public func start(into store: PipelineStore) throws {
        let schemas = try Self.schemaSource(options)
        let mapped = try Self.mappedReaders(options, schemas: schemas)
        // A template's mapping is set up once now, so that its mistakes (a descriptor file
        // missing) stop the source with their one line, as a pipeline's do, rather than wait
        // for its first topic.
        for template in options.templates { _ = try MappedPipelineReader(template, schemas: schemas) }
        let client = try KafkaClient(kind: .consumer, properties: Self.properties(config), log: log, oauthTokenCommand: config.oauthTokenCommand)
        let done = DispatchSemaphore(value: 0)
        let first = thread.withLock { state -> Bool in
            guard !state.started else { return false }
            state = (true, done)
            return true
        }
        guard first else {
            client.destroy()
            return
        }
        running.set(true)
        if store.basis == .arrival { ticker.withLock { $0 = StoreTicker(store: store) } }
        let loop = KafkaConsumerLoop(client: client, store: store, monitor: monitor, topics: topics, options: options, mapped: mapped,
                                     schemas: schemas)
        let body = UncheckedBox(loop)
        let thread = Thread { [running] in
            body.value.run { running.isSet }
            done.signal()
        }
        thread.name = "pipetop-kafka"
        thread.start()
    }

    /// Stops consuming and waits until the consumer is destroyed; safe to call more than once.
    public func stop() {
        running.set(false)
        ticker.withLock { $0?.stop() }
        let done = thread.withLock { state -> DispatchSemaphore? in
            defer { state.done = nil }
            return state.done
        }
        done?.wait()
    }

    deinit {
        stop()
    }

    /// The registry client the mapped pipelines share (those found later too); nil without a
    /// registry or pipelines.
    static func schemaSource(_ options: KafkaSourceOptions) throws -> (any SchemaSource)? {
        guard !options.pipelines.isEmpty || !options.templates.isEmpty, let url = options.schemaRegistry.url else { return nil }
        let registry = options.schemaRegistry
        return SchemaRegistryClient(config: try SchemaRegistryConfig(url: url, auth: registry.auth, caFile: registry.caFile))
    }

    /// A reader for each of `options.pipelines`, sharing `schemas`.
    static func mappedReaders(_ options: KafkaSourceOptions, schemas: (any SchemaSource)?) throws -> [MappedPipelineReader] {
        var readers: [MappedPipelineReader] = []
        for p in options.pipelines { readers.append(try MappedPipelineReader(p, schemas: schemas)) }
        return readers
    }

    /// The consumer's properties: what reading by assignment needs, under the configured ones.
    /// librdkafka wants a `group.id` for `rd_kafka_assign`; this one is unique and never joins
    /// (no subscription) nor commits, so no group sees the dashboard.
    static func properties(_ config: KafkaClientConfig) -> [String: String] {
        config.resolved(
            for: .consumer,
            roleDefaults: [
                "group.id": "pipetop-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))",
                // Out of range (a topic recreated, retention passed us): read what there is.
                "auto.offset.reset": "earliest",
                "enable.partition.eof": "false",
                // Reconnect within 2 s of a broker's return, not librdkafka's 10 s.
                "reconnect.backoff.max.ms": "2000",
            ],
            forced: ["enable.auto.commit": "false", "enable.auto.offset.store": "false"])
    }
}
