import Foundation
import PipeTopCore
import Testing

@testable import PipeTopKafka

/// SASL against Tansu 0.6 with `--authentication`. It speaks SCRAM-SHA-256 and -512 but not
/// PLAIN; and a user cannot be created: `tansu user create` sends its request without
/// authenticating, which the broker refuses ("early eof"), and the in-memory storage does not
/// survive a restart without `--authentication`. So a successful login cannot be tested here,
/// only that the mechanisms reach the broker and that a refused login is one clear line.
@Suite(.kafkaBroker(arguments: ["--authentication"]), .serialized)
struct SASLTests {
    let broker: TestBroker

    init() throws {
        broker = try TestBroker.shared()
    }

    func failure(mechanism: String) throws -> String {
        let toml = """
            [kafka]
            security_protocol = "sasl_plaintext"
            sasl_mechanism = "\(mechanism)"
            sasl_username = "alice"
            sasl_password = { command = "printf 'not-her-password'" }
            """
        let loaded = try ConfigLoader.parse(toml, file: "sasl.toml", environment: [:])
        let effective = try EffectiveConfig(
            config: loaded.config, overrides: CommandLineOverrides(brokers: broker.bootstrap), environment: [:])
        let config = try #require(KafkaClientConfig(effective))
        #expect(config.maskedProperties.contains { $0.key == "sasl.password" && $0.value == SecretMask.masked })
        do {
            _ = try KafkaTopicsSampler(config: config, timeout: .seconds(2)).sample()
            return "connected"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: ["SCRAM-SHA-256", "SCRAM-SHA-512"])
    func aRefusedSCRAMLoginIsOneLine(mechanism: String) throws {
        let message = try failure(mechanism: mechanism)
        #expect(message.hasPrefix("kafka metadata: \(broker.bootstrap): SASL: authentication failed, wrong sasl_username or sasl_password? ("), "\(message)")
        #expect(!message.contains("not-her-password"))
    }

    @Test func plainIsNotOfferedByTansu() throws {
        let message = try failure(mechanism: "PLAIN")
        #expect(message.hasPrefix("kafka metadata: \(broker.bootstrap): SASL: the broker does not accept this sasl_mechanism"), "\(message)")
    }
}
