import Foundation
import PipeTopCore
import Testing

@testable import PipeTopKafka

/// OAUTHBEARER tokens from `oauth_token_command`. Tansu cannot check tokens (it offers only
/// SCRAM), so these tests watch the token reach librdkafka: the command's runs, the tokens
/// librdkafka accepted, and a refresh before a short-lived token expires. No broker is
/// needed: librdkafka asks for its first token as soon as the client exists.
struct OAuthTokenTests {
    /// A consumer with OAUTHBEARER and `command`, pointed at a port nothing listens on.
    static func client(_ command: String) throws -> KafkaClient {
        let config = KafkaClientConfig(
            brokers: "127.0.0.1:\(try TestBroker.freePort())",
            properties: ["security.protocol": "sasl_plaintext", "sasl.mechanisms": "OAUTHBEARER"],
            oauthTokenCommand: command)
        return try KafkaClient(
            kind: .consumer, properties: config.resolved(for: .consumer), log: KafkaLog(),
            oauthTokenCommand: config.oauthTokenCommand)
    }

    @Test func aShortLivedTokenIsRefreshedBeforeItExpires() async throws {
        let counter = NSTemporaryDirectory() + "pipetop-oauth-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: counter) }
        // Each run appends a line and prints a token living 5 s (expires_at in milliseconds):
        // long enough that a loaded machine still hands it over alive, short enough that
        // librdkafka refreshes it (at 80 % of its life) within the test.
        let command = "echo run >> \(counter); printf '{\"token\":\"tok-%s\",\"expires_at\":%s}' $(wc -l < \(counter)) $(( $(date +%s%3N) + 5000 ))"
        let client = try Self.client(command)
        defer { client.destroy() }
        #expect(await eventually(timeout: .seconds(30)) { client.events.snapshot.tokensSet >= 2 })
        let runs = (try? String(contentsOfFile: counter, encoding: .utf8))?.split(separator: "\n").count ?? 0
        #expect(runs >= 2)
        #expect(client.events.snapshot.tokenFailures == 0, "\(client.events.snapshot.securityFailure ?? "")")
        #expect(client.events.log.lines.contains { $0.facility == "OAUTH" && $0.message.hasPrefix("token from oauth_token_command set") })
        #expect(!client.events.log.lines.contains { $0.message.contains("tok-") }, "the token is never logged")
    }

    @Test func aFailingCommandIsReportedWithItsStderr() async throws {
        let client = try Self.client("echo 'no credentials for kafka' >&2; exit 3")
        defer { client.destroy() }
        #expect(await eventually(timeout: .seconds(10)) { client.events.snapshot.securityFailure != nil })
        let failure = try #require(client.events.snapshot.securityFailure)
        #expect(failure.hasPrefix("OAUTHBEARER: "), "\(failure)")
        #expect(failure.contains("oauth_token_command failed (exit 3: no credentials for kafka)"), "\(failure)")
        #expect(client.events.snapshot.tokenFailures >= 1)
    }

    @Test(arguments: [
        ("{\"token\":\"abc\",\"expires_at\":4102444800}", "abc", Int64(4_102_444_800_000)),
        ("{\"token\":\"abc\",\"expires_at\":4102444800000,\"principal\":\"svc\"}", "abc", Int64(4_102_444_800_000)),
        ("bare.jwt.token", "bare.jwt.token", Int64(1_000 + 3_600_000)),
    ])
    func tokensParse(output: String, token: String, expiresAtMs: Int64) throws {
        let parsed = try OAuthToken.parse(output, nowMs: 1_000)
        #expect(parsed.value == token)
        #expect(parsed.expiresAtMs == expiresAtMs)
    }

    @Test(arguments: ["", "{\"token\":\"abc\"}", "{\"token\":\"abc\",\"expires_at\":10}", "two words"])
    func notATokenSaysWhy(output: String) {
        #expect(throws: OAuthToken.Failure.self) { try OAuthToken.parse(output, nowMs: 1_000_000) }
    }
}
