import PipeTopCore
import PipeTopKafka

extension KafkaClientConfig {
    /// The run's Kafka client, for commands that cannot work without one: a usage error (64)
    /// when the configuration names no brokers; `otherwise` names another way in (`--replay FILE`).
    static func required(_ config: EffectiveConfig, logFile: String? = nil, otherwise: String? = nil) throws(CLIFailure) -> KafkaClientConfig {
        guard let client = KafkaClientConfig(config, logFile: logFile) else {
            throw CLIFailure(64, "no brokers: give --brokers HOST:PORT, or a --context or [kafka] brokers in the configuration"
                + (otherwise.map { ", or \($0)" } ?? ""))
        }
        return client
    }
}
