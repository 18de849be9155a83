import ArgumentParser
import PipeTopCore
import PipeTopDemo
import PipeTopKafka

/// `pipetop demo --kafka`: the demo pipeline as a standalone producer and controller on real
/// topics, so that any `pipetop --brokers` (this process's dashboard or another terminal's)
/// watches and controls it.
struct KafkaDemo {
    let config: EffectiveConfig
    let client: KafkaClientConfig
    /// Partitions of each topic the demo creates (existing topics are left as they are).
    let partitions: Int
    let log: KafkaLog

    /// Nil when the configuration names no brokers.
    init?(config: EffectiveConfig, partitions: Int, logFile: String?) {
        guard let client = KafkaClientConfig(config, logFile: logFile) else { return nil }
        self.config = config
        self.client = client
        self.partitions = partitions
        log = KafkaLog(filePath: logFile)
    }

    /// Creates whichever of the four contract topics are missing, then a runner that publishes
    /// to them (`KafkaSink`, each message with its contract key) and takes commands from the
    /// control topic (`KafkaControlFeed`, from its end). A cluster that cannot be reached or
    /// refuses the topics exits with status 2.
    func makeRunner(settings: DemoSettings, speed: ReplaySpeed, startMs: Int64) throws -> (runner: DemoRunner, sink: KafkaSink) {
        do {
            let admin = try KafkaAdmin(config: client, log: log)
            let created = try admin.createTopics(config.topics, partitions: partitions)
            if !created.isEmpty {
                log.append(level: 6, facility: "DEMO", message: "created \(created.joined(separator: ", ")) with \(partitions) partitions")
            }
            let sink = try KafkaSink(config: client, topics: config.topics, log: log)
            let feed = try KafkaControlFeed(config: client, topics: config.topics, log: log)
            feed.waitForAssignment()
            let runner = DemoRunner(settings: settings, speed: speed, startMs: startMs, sink: sink, control: feed)
            return (runner, sink)
        } catch {
            StandardError.print("pipetop: kafka \(client.brokers): \(error)")
            throw ExitCode(2)
        }
    }

    /// The summary's last part: how many messages the cluster took.
    static func output(_ sink: KafkaSink) -> String {
        let s = sink.producer.statistics
        return "\(s.delivered) messages delivered to kafka \(sink.producer.config.brokers)"
            + (s.failed > 0 ? " (\(s.failed) failed: \(s.lastError ?? "unknown error"))" : "")
    }
}
