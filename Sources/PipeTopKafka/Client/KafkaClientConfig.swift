import PipeTopCore

/// How to reach a cluster: bootstrap servers and every librdkafka property, after the
/// configuration's precedence (see `EffectiveConfig.kafkaProperties`).
///
/// Sources and sinks add the properties their role needs (a consumer never commits, the
/// control producer is idempotent) under these, so a `-X` can still tune them.
public struct KafkaClientConfig: Sendable, Hashable {
    /// `bootstrap.servers`, e.g. `localhost:9092` or `a:9092,b:9092`.
    public var brokers: String
    /// librdkafka properties, passed through as they are (`[kafka.properties]`, contexts, `-X`).
    public var properties: [String: String]
    /// Where librdkafka's log lines go besides the in-memory ring; nil for none.
    public var logFile: String?
    /// `oauth_token_command`: run (through `/bin/sh -c`) whenever librdkafka needs a new
    /// OAUTHBEARER token; nil for none.
    public var oauthTokenCommand: String?

    /// What the dashboard sets unless told otherwise (the latency and memory budget of the README's "Performance and memory"):
    /// an empty fetch waits up to 500 ms on the broker (librdkafka's default; a broker answers as
    /// soon as a record arrives, so this costs no latency, and an idle dashboard sends 2 fetches
    /// a second, not 10: 100 idle mapped pipelines went from 1.4 % to 1.1 % of a core), and the
    /// prefetch queue is capped at 16 MB, not 64, and at 10,000 messages, not 100,000 (librdkafka keeps a few hundred bytes per queued message,
    /// so 100,000 small ones cost ~40 MB beyond their payload). `fetch.queue.backoff.ms`:
    /// librdkafka 2.1 and later otherwise wait a whole second before fetching again once the
    /// queue was full, so a consumer that just drained it sits idle (measured: 6.2 s instead of
    /// 1.6 s for a million records into the store). `fetch.max.bytes` 4 MB, not 50: one fetch
    /// response is buffered whole, and reading a million records into the store peaked at
    /// 74 MB resident with the default against 60 MB with 4 MB, at the same speed (a larger
    /// single message is still fetched, as the protocol requires).
    public static let dashboardDefaults: [String: String] = [
        "client.id": "pipetop",
        "fetch.wait.max.ms": "500",
        "queued.max.messages.kbytes": "16384",
        "queued.min.messages": "10000",
        "fetch.max.bytes": "4194304",
        "fetch.queue.backoff.ms": "1",
    ]

    /// Properties that older librdkafka versions (Debian's 2.0) do not know: left out, with a
    /// log line, where the loaded library refuses them as unknown.
    public static let optionalProperties: Set<String> = ["fetch.queue.backoff.ms"]

    /// `properties` over `dashboardDefaults`.
    public init(brokers: String, properties: [String: String] = [:], logFile: String? = nil, oauthTokenCommand: String? = nil) {
        self.brokers = brokers
        var merged = Self.dashboardDefaults.merging(properties) { _, new in new }
        // librdkafka refuses a fetch.max.bytes below message.max.bytes: a larger message size
        // given without a fetch size raises the default to it.
        if properties["fetch.max.bytes"] == nil, let message = properties["message.max.bytes"].flatMap(Int.init),
           let fetch = merged["fetch.max.bytes"].flatMap(Int.init), message > fetch {
            merged["fetch.max.bytes"] = String(message)
        }
        self.properties = merged
        self.logFile = logFile
        self.oauthTokenCommand = oauthTokenCommand
    }

    /// From `[kafka]` settings: client id and the two tuned properties, then the security
    /// settings' properties, then `settings.properties`, then `overrides` (`-X`).
    public init(brokers: String, settings: KafkaSettings, overrides: [String: String] = [:], logFile: String? = nil) {
        var properties = [
            "client.id": settings.clientID,
            "fetch.wait.max.ms": String(settings.fetchWaitMaxMs),
            "queued.max.messages.kbytes": String(settings.queuedMaxKbytes),
        ]
        properties.merge(settings.security.properties) { _, new in new }
        properties.merge(settings.properties) { _, new in new }
        properties.merge(overrides) { _, new in new }
        self.init(brokers: brokers, properties: properties, logFile: logFile, oauthTokenCommand: settings.security.oauthTokenCommand)
    }

    /// The run's effective configuration; nil when it names no brokers.
    public init?(_ config: EffectiveConfig, logFile: String? = nil) {
        guard let brokers = config.brokers, !brokers.isEmpty else { return nil }
        self.init(
            brokers: brokers, properties: config.kafkaProperties, logFile: logFile,
            oauthTokenCommand: config.security.oauthTokenCommand)
    }

    /// Properties sorted by key with secrets masked: safe to print or show.
    public var maskedProperties: [(key: String, value: String)] {
        properties.sorted { $0.key < $1.key }.map { ($0.key, SecretMask.mask(key: $0.key, value: $0.value)) }
    }

    /// Properties only a consumer understands; left out of producers' configurations so
    /// librdkafka does not warn about them.
    static let consumerOnly: Set<String> = [
        "fetch.wait.max.ms", "queued.max.messages.kbytes", "queued.min.messages", "fetch.min.bytes",
        "fetch.max.bytes", "max.partition.fetch.bytes", "fetch.message.max.bytes", "auto.offset.reset",
        "enable.auto.commit", "enable.auto.offset.store", "auto.commit.interval.ms", "group.id",
        "group.instance.id", "enable.partition.eof", "isolation.level", "check.crcs",
        "session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy",
    ]

    /// Properties only a producer understands.
    static let producerOnly: Set<String> = [
        "acks", "request.required.acks", "enable.idempotence", "linger.ms", "queue.buffering.max.ms",
        "batch.num.messages", "batch.size", "compression.type", "compression.codec", "message.timeout.ms",
        "delivery.timeout.ms", "queue.buffering.max.messages", "queue.buffering.max.kbytes", "retries",
        "message.send.max.retries", "max.in.flight", "max.in.flight.requests.per.connection",
        "transactional.id", "partitioner",
    ]

    /// Everything a client of `kind` gets: `roleDefaults` < these properties < `forced`, with
    /// `bootstrap.servers` from `brokers` and the other kind's properties left out.
    func resolved(for kind: KafkaClientKind, roleDefaults: [String: String] = [:], forced: [String: String] = [:]) -> [String: String] {
        let skip = kind == .producer ? Self.consumerOnly : Self.producerOnly
        var all = roleDefaults
        for (key, value) in properties where !skip.contains(key) { all[key] = value }
        all.merge(forced) { _, new in new }
        if !brokers.isEmpty { all["bootstrap.servers"] = brokers }
        return all
    }
}

/// Which side of Kafka a client is on.
public enum KafkaClientKind: Sendable, Hashable {
    case consumer, producer
}
