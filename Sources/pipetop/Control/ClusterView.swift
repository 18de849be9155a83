import Foundation
import PipeTopCore
import PipeTopKafka

/// What a one-shot command (`promote`, `models`, `status`) knows of a cluster: the models and
/// control topics read from the beginning to their end into a store, and for `status` a few
/// seconds of the metrics and scored topics on top.
struct ClusterView {
    let config: EffectiveConfig
    let client: KafkaClientConfig
    let store: PipelineStore

    /// Connects with the configured brokers; a usage error (64) when there are none. The
    /// `[[pipelines]]` templates are expanded against the cluster's topics (`config` has the
    /// pipelines they make; a warning on standard error when the topics cannot be listed).
    init(_ config: EffectiveConfig) throws {
        client = try KafkaClientConfig.required(config)
        self.config = config.expandingTemplates(client)
        // Live, as the dashboard's Kafka source is, so both see the same alerts.
        store = PipelineStore(settings: config.engine, basis: .arrival)
    }

    private init(config: EffectiveConfig, client: KafkaClientConfig, store: PipelineStore) {
        self.config = config
        self.client = client
        self.store = store
    }

    /// How long a command about mapped pipelines reads their topics: their versions, and which
    /// one serves (from their scored records).
    static let mappedWatch = 2.0

    /// Why `name`, one of `[[pipelines]]`, is not in the store after `mappedWatch` seconds of
    /// reading; nil when it is no mapped pipeline.
    func nothingRead(of name: String) -> String? {
        guard let p = config.pipelines.first(where: { $0.name == name }) else { return nil }
        let topics = [p.modelsTopic, p.scoredTopic].compactMap { $0 }.joined(separator: " or ")
        return "\(name): no model version read from \(topics) in \(Int(Self.mappedWatch)) s"
    }

    /// "unknown pipeline NAME (known: …)": the pipelines `seen` in the store and those of this
    /// view's `[[pipelines]]` (a view not narrowed: every one of them).
    func unknownPipeline(_ name: String, seen: StoreSnapshot) -> String {
        let known = Set(seen.pipelines.map(\.name) + config.pipelines.map(\.name)).sorted()
        return "unknown pipeline \(name) (known: \(KnownNames.listed(known)))"
    }

    /// This view for a command about one pipeline: when `name` is one of `[[pipelines]]` (a
    /// template's too), it alone of them is read, so a fleet's other topics cost no time.
    func narrowed(to name: String) -> ClusterView {
        guard let pipeline = config.pipelines.first(where: { $0.name == name }) else { return self }
        var narrowed = config
        narrowed.pipelines = [pipeline]
        return ClusterView(config: narrowed, client: client, store: store)
    }

    /// Reads the registry (models topic) and the command history (control topic) to their end.
    /// A version's events are keyed by version, so they spread over partitions and arrive
    /// interleaved; they are put back in event-time order before the registry sees them, so
    /// its serving history (and with it the rollback target) is the one that happened.
    /// `skippingMissing`: a contract topic that cannot be read is left out (a cluster of
    /// mapped pipelines has none): one look at the cluster's topics first, so an absent one
    /// costs nothing (not the reader's wait for a topic to appear); `watch` then says whether
    /// the cluster answers at all.
    func readRegistry(timeout: Duration, skippingMissing: Bool = false) throws {
        var messages: [(tsMs: Int64, order: Int, bytes: [UInt8])] = []
        var decoder = EventDecoder()
        var topics = [config.topics.models, config.topics.control]
        if skippingMissing, let existing = try? KafkaAdmin(config: client).partitionCounts(timeout: timeout) {
            topics.removeAll { existing[$0] == nil }
        }
        for topic in topics {
            do throws(KafkaError) {
                let reader = try KafkaTopicReader(config: client, topic: topic, start: .beginning, exitAtEnd: true)
                try reader.run(metadataTimeout: timeout) { value, _ in
                    guard let value else { return }
                    let ts = (try? decoder.decode(value))?.tsMs ?? .max
                    messages.append((ts, messages.count, Array(value)))
                }
            } catch .metadata where skippingMissing, .unknownTopic where skippingMissing {
                continue
            } catch {
                throw CLIFailure(2, "cannot read \(topic) from \(client.brokers): \(error)")
            }
        }
        messages.sort { ($0.tsMs, $0.order) < ($1.tsMs, $1.order) }
        var ingestor = MessageIngestor()
        store.withBatch { state, now in
            for m in messages { m.bytes.withUnsafeBytes { _ = ingestor.ingest($0, into: &state, source: "registry", arrivalMs: now) } }
        }
    }

    /// Follows every topic with the dashboard's source for `seconds`, for rates and alerts.
    func watch(seconds: Double) throws {
        try follow(seconds: seconds).stop()
    }

    /// Starts the dashboard's source on every topic, mapped pipelines' (`[[pipelines]]`) too,
    /// and returns it, still reading, after `seconds`; throws when the cluster cannot be reached.
    func follow(seconds: Double) throws -> KafkaSource {
        let source = KafkaSource(config: client, topics: config.topics, options: KafkaSourceOptions(config))
        try source.start(into: store)
        Thread.sleep(forTimeInterval: seconds)
        guard source.isConnected else {
            let status = source.status.text
            source.stop()
            throw CLIFailure(2, "cannot reach \(client.brokers): \(status)")
        }
        return source
    }
}

/// A one-line error and the exit code the README's conventions give it (1 refused, 2 transport/timeout, 64 usage).
struct CLIFailure: Error, CustomStringConvertible {
    let code: Int32
    let description: String

    init(_ code: Int32, _ description: String) {
        self.code = code
        self.description = description
    }
}
