import Foundation
import PipeTopCore
import Testing

@testable import PipeTopKafka

/// pipetop's Kafka clients against a real broker over TLS (Tansu behind stunnel4, see
/// `TLSBroker`), configured the way a user does: TOML through the loader and the precedence
/// rules. Verified server certificates, a client certificate with an encrypted key, and the
/// failures a user meets (expired certificate, unknown CA, wrong host name, no client
/// certificate): each one line naming the broker and the cause, in the CLI (exit 2) and in
/// the dashboard source's status, which keeps retrying.
@Suite(.tlsBroker, .serialized)
struct SecureClusterTests {
    let cluster: TLSBroker

    init() throws {
        cluster = try TLSBroker.shared()
    }

    /// The client configuration `toml` gives with `brokers`.
    static func client(_ toml: String, brokers: String) throws -> KafkaClientConfig {
        let loaded = try ConfigLoader.parse(toml, file: "secure.toml", environment: [:])
        let effective = try EffectiveConfig(
            config: loaded.config, overrides: CommandLineOverrides(brokers: brokers), environment: [:])
        return try #require(KafkaClientConfig(effective))
    }

    /// What listing the topics through `config` fails with ("connected" when it does not).
    static func failure(_ config: KafkaClientConfig) -> String {
        do {
            _ = try KafkaTopicsSampler(config: config, timeout: .seconds(2)).sample()
            return "connected"
        } catch {
            return "\(error)"
        }
    }

    var caOnly: String { "[kafka]\nsecurity_protocol = \"ssl\"\nssl_ca = \"\(cluster.certificates.ca)\"\n" }

    @Test func verifiedTLSCarriesAdminProducerAndConsumer() throws {
        let config = try Self.client(caOnly, brokers: "127.0.0.1:\(cluster.tls)")
        #expect(config.properties["ssl.endpoint.identification.algorithm"] == "https")
        let topics = ContractJSON.topics("tls")
        _ = try KafkaAdmin(config: config).createTopics(topics, partitions: 1)
        let sink = try KafkaSink(config: config, topics: topics)
        var batch = MessageBatch()
        for i in 0..<5 { batch.append(topic: .scored, key: "k\(i)", value: Array("{\"i\":\(i)}".utf8)) }
        try sink.publish(batch)
        try sink.flush()
        var read = 0
        let reader = try KafkaTopicReader(config: config, topic: topics.scored, start: .beginning, exitAtEnd: true)
        try reader.run(metadataTimeout: .seconds(5)) { value, _ in if value != nil { read += 1 } }
        #expect(read == 5)
        let sample = try KafkaTopicsSampler(config: config).sample()
        #expect(sample.watermarks[topics.scored]?.count == 1)
    }

    @Test func aClientCertificateWithAnEncryptedKeyIsAccepted() throws {
        let c = cluster.certificates
        let toml = caOnly + "ssl_cert = \"\(c.clientCert)\"\nssl_key = \"\(c.clientKeyEncrypted)\"\nssl_key_password = \"${KEY_PASS}\"\n"
        let loaded = try ConfigLoader.parse(toml, file: "secure.toml", environment: ["KEY_PASS": c.clientKeyPassword])
        let effective = try EffectiveConfig(
            config: loaded.config, overrides: CommandLineOverrides(brokers: "127.0.0.1:\(cluster.mutualTLS)"), environment: [:])
        let config = try #require(KafkaClientConfig(effective))
        #expect(Self.failure(config) == "connected")
    }

    @Test func noClientCertificateWhereOneIsRequiredSaysSo() throws {
        let config = try Self.client(caOnly, brokers: "127.0.0.1:\(cluster.mutualTLS)")
        let message = Self.failure(config)
        #expect(message.contains("127.0.0.1:\(cluster.mutualTLS): TLS: the broker wants a client certificate"), "\(message)")
    }

    @Test func anExpiredCertificateIsNamed() throws {
        let message = Self.failure(try Self.client(caOnly, brokers: "127.0.0.1:\(cluster.expired)"))
        #expect(message == "kafka metadata: 127.0.0.1:\(cluster.expired): TLS: the broker's certificate has expired")
    }

    @Test func anUnknownCAIsNamed() throws {
        let toml = "[kafka]\nssl_ca = \"\(cluster.certificates.otherCA)\"\n"
        let message = Self.failure(try Self.client(toml, brokers: "127.0.0.1:\(cluster.tls)"))
        #expect(message == "kafka metadata: 127.0.0.1:\(cluster.tls): TLS: the broker's certificate is signed by an unknown CA (check ssl_ca)")
    }

    @Test func aCertificateForAnotherHostIsNamed() throws {
        let message = Self.failure(try Self.client(caOnly, brokers: "127.0.0.1:\(cluster.wrongHost)"))
        #expect(message == "kafka metadata: 127.0.0.1:\(cluster.wrongHost): TLS: the broker's certificate is for another host name (hostname verification)")
    }

    @Test func theCLIExitsTwoWithOneLine() throws {
        let path = NSTemporaryDirectory() + "pipetop-secure-\(UUID().uuidString).toml"
        try caOnly.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Pipetop.run(["topics", "--config", path, "--brokers", "127.0.0.1:\(cluster.expired)"])
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("127.0.0.1:\(cluster.expired): TLS: the broker's certificate has expired"), "\(run.stderr)")
    }

    @Test func theDashboardSourceShowsTheCauseAndKeepsRetrying() async throws {
        let config = try Self.client(caOnly, brokers: "127.0.0.1:\(cluster.expired)")
        var options = KafkaSourceOptions()
        options.retryInterval = .seconds(1)
        options.metadataTimeout = .milliseconds(500)
        let source = KafkaSource(config: config, topics: ContractJSON.topics("tls-ui"), options: options)
        try source.start(into: PipelineStore())
        defer { source.stop() }
        let cause = "127.0.0.1:\(cluster.expired): TLS: the broker's certificate has expired"
        #expect(await eventually(timeout: .seconds(10)) { source.status.text.contains(cause) }, "\(source.status.text)")
        #expect(source.status.health == .critical)
        #expect(source.status.text.hasPrefix("disconnected (\(cause)), retr"))
        // Still trying: librdkafka reconnects (and logs each failed handshake), the cause stays.
        let logged = source.log.total
        #expect(await eventually(timeout: .seconds(15)) { source.log.total > logged })
        #expect(source.status.text.contains(cause))
    }
}
