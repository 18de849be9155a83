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

    /// Connects with the configured brokers; a usage error (64) when there are none.
    init(_ config: EffectiveConfig) throws {
        guard let client = KafkaClientConfig(config) else {
            throw CLIFailure(64, "no brokers: give --brokers HOST:PORT, or a --context or [kafka] brokers in the configuration")
        }
        self.config = config
        self.client = client
        store = PipelineStore(settings: config.engine, basis: .eventTime)
    }

    /// Reads the registry (models topic) and the command history (control topic) to their end.
    func readRegistry(timeout: Duration) throws {
        for topic in [config.topics.models, config.topics.control] {
            var ingestor = MessageIngestor()
            do {
                let reader = try KafkaTopicReader(config: client, topic: topic, start: .beginning, exitAtEnd: true)
                var pending: [[UInt8]] = []
                func flush() {
                    store.withBatch { state, now in
                        for m in pending { m.withUnsafeBytes { _ = ingestor.ingest($0, into: &state, source: topic, arrivalMs: now) } }
                    }
                    pending.removeAll(keepingCapacity: true)
                }
                try reader.run(metadataTimeout: timeout, idle: flush) { value, _ in
                    if let value { pending.append(Array(value)) }
                }
                flush()
            } catch {
                throw CLIFailure(2, "cannot read \(topic) from \(client.brokers): \(error)")
            }
        }
    }

    /// Follows every topic with the dashboard's source for `seconds`, for rates and alerts.
    func watch(seconds: Double) throws {
        let source = KafkaSource(config: client, topics: config.topics)
        try source.start(into: store)
        Thread.sleep(forTimeInterval: seconds)
        source.stop()
    }
}

/// A one-line error and the exit code DESIGN.md gives it (1 refused, 2 transport/timeout, 64 usage).
struct CLIFailure: Error, CustomStringConvertible {
    let code: Int32
    let description: String

    init(_ code: Int32, _ description: String) {
        self.code = code
        self.description = description
    }
}
