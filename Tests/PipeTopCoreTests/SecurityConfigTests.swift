import Foundation
import Testing

@testable import PipeTopCore

/// The TLS and SASL keys of `[kafka]` and the contexts, and the secrets rules every string
/// value follows: `${NAME}` from the loader's environment, `{ command = "…" }` run once at
/// load, secrets masked in `pipetop config`, and a warning for a secret in clear in a file
/// others can read.
struct SecurityConfigTests {
    /// A temporary directory with an empty `ca.pem`, `client.pem` and `client.key`.
    static func certificateDirectory() throws -> String {
        let dir = try makeTemporaryDirectory()
        for name in ["ca.pem", "client.pem", "client.key"] { try write("", to: dir + "/" + name) }
        return dir
    }

    @Test func keysMapToLibrdkafkaPropertiesAndContextsWin() throws {
        let dir = try Self.certificateDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
            [kafka]
            brokers = "a:9093"
            security_protocol = "sasl_ssl"
            ssl_ca = "\(dir)/ca.pem"
            sasl_mechanism = "SCRAM-SHA-256"
            sasl_username = "top"
            sasl_password = "${KAFKA_PASSWORD}"

            [[contexts]]
            name = "prod"
            brokers = "p:9093"
            ssl_cert = "\(dir)/client.pem"
            ssl_key = "\(dir)/client.key"
            ssl_key_password = { command = "printf 'key-secret\\n'" }
            sasl_mechanism = "SCRAM-SHA-512"
            """
        let environment = ["HOME": "/home/op", "KAFKA_PASSWORD": "s3cret"]
        let config = try parseConfig(text, environment: environment).config
        let top = try EffectiveConfig(config: config, environment: environment).kafkaProperties
        #expect(top["security.protocol"] == "sasl_ssl")
        #expect(top["ssl.ca.location"] == dir + "/ca.pem")
        #expect(top["ssl.endpoint.identification.algorithm"] == "https")
        #expect(top["sasl.mechanisms"] == "SCRAM-SHA-256")
        #expect(top["sasl.username"] == "top")
        #expect(top["sasl.password"] == "s3cret")
        #expect(top["ssl.certificate.location"] == nil)

        let prod = try EffectiveConfig(
            config: config, overrides: CommandLineOverrides(context: "prod"), environment: environment
        ).kafkaProperties
        #expect(prod["sasl.mechanisms"] == "SCRAM-SHA-512")
        #expect(prod["sasl.password"] == "s3cret", "keys the context leaves out come from [kafka]")
        #expect(prod["ssl.certificate.location"] == dir + "/client.pem")
        #expect(prod["ssl.key.location"] == dir + "/client.key")
        #expect(prod["ssl.key.password"] == "key-secret")
    }

    @Test func protocolFollowsFromTheOtherKeys() {
        #expect(KafkaSecurity(sslCA: "/ca.pem").properties["security.protocol"] == "ssl")
        #expect(KafkaSecurity(saslMechanism: .plain).properties["security.protocol"] == "sasl_ssl")
        let oauth = KafkaSecurity(oauthTokenCommand: "get-token").properties
        #expect(oauth["sasl.mechanisms"] == "OAUTHBEARER")
        #expect(oauth["security.protocol"] == "sasl_ssl")
        #expect(KafkaSecurity().properties.isEmpty)
        #expect(KafkaSecurity(securityProtocol: .saslPlaintext).properties["ssl.endpoint.identification.algorithm"] == nil)
    }

    @Test(arguments: [
        ("[kafka]\nsecurity_protocol = \"tls\"",
         "pipetop.toml: kafka.security_protocol: must be one of plaintext, ssl, sasl_plaintext, sasl_ssl, got \"tls\""),
        ("[[contexts]]\nname = \"a\"\nbrokers = \"b\"\nsasl_mechanism = \"GSSAPI\"",
         "pipetop.toml: contexts[0].sasl_mechanism: must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, got \"GSSAPI\""),
        ("[kafka]\nssl_ca = \"/nonexistent/ca.pem\"",
         "pipetop.toml: kafka.ssl_ca: file /nonexistent/ca.pem does not exist"),
        ("[kafka]\nsasl_password = \"${KAFKA_PASSWORD}\"",
         "pipetop.toml: kafka.sasl_password: environment variable KAFKA_PASSWORD is not set"),
        ("[kafka]\nsasl_mechanism = \"PLAIN\"\noauth_token_command = \"t\"",
         "pipetop.toml: kafka.oauth_token_command: fetches an OAUTHBEARER token, but sasl_mechanism is \"PLAIN\""),
        ("[kafka]\nsasl_password = { command = \"echo 'pass: store locked' >&2; exit 3\" }",
         "pipetop.toml: kafka.sasl_password: command `echo 'pass: store locked' >&2; exit 3` failed (exit 3: pass: store locked)"),
    ])
    func mistakesAreOneLineNamingTheKey(text: String, message: String) {
        #expect(configErrorMessage(text) == message)
    }

    @Test func anyStringValueTakesReferencesAndCommands() throws {
        let text = """
            [kafka]
            brokers = "${KAFKA_HOST}:9092"
            client_id = { command = "printf 'from-command\\n\\n'" }
            lag_groups = ["${GROUP}"]

            [kafka.properties]
            "sasl.oauthbearer.client.secret" = "${CLIENT_SECRET}"
            "socket.timeout.ms" = { command = "echo 5000" }
            "literal" = "$HOME and ${not a name}"
            """
        let environment = ["KAFKA_HOST": "k1", "GROUP": "scorers", "CLIENT_SECRET": "cs"]
        let kafka = try parseConfig(text, environment: environment).config.kafka
        #expect(kafka.brokers == "k1:9092")
        #expect(kafka.clientID == "from-command")
        #expect(kafka.lagGroups == ["scorers"])
        #expect(kafka.properties["sasl.oauthbearer.client.secret"] == "cs")
        #expect(kafka.properties["socket.timeout.ms"] == "5000")
        #expect(kafka.properties["literal"] == "$HOME and ${not a name}")
    }

    @Test func commandsSeeTheLoadersEnvironment() throws {
        let text = "[kafka]\nsasl_password = { command = \"printf %s \\\"$VAULT_TOKEN\\\"\" }"
        let kafka = try parseConfig(text, environment: ["VAULT_TOKEN": "vt-1"]).config.kafka
        #expect(kafka.security.saslPassword == "vt-1")
    }

    @Test func secretsAreMaskedInPipetopConfig() throws {
        let text = """
            [kafka]
            brokers = "a:9093"
            sasl_mechanism = "PLAIN"
            sasl_username = "top"
            sasl_password = "${KAFKA_PASSWORD}"
            ssl_key_password = "clear-key-pass"
            schema_registry = "https://r"
            schema_registry_auth = "u:reg-pass"

            [kafka.properties]
            "sasl.oauthbearer.token.endpoint.url" = "https://idp/token-secret"
            "my.api.token" = "tok-value"
            """
        let loaded = try parseConfig(text, environment: ["KAFKA_PASSWORD": "env-pass"])
        let rendered = ConfigRenderer.render(
            try EffectiveConfig(config: loaded.config, environment: testEnvironment), source: "pipetop.toml")
        for secret in ["env-pass", "clear-key-pass", "reg-pass", "tok-value", "token-secret"] {
            #expect(!rendered.contains(secret), "\(secret) shown")
        }
        #expect(rendered.contains("sasl_password = \"********\""))
        #expect(rendered.contains("ssl_key_password = \"********\""))
        #expect(rendered.contains("sasl_username = \"top\""))
        #expect(rendered.contains("\"sasl.password\" = \"********\""))
        #expect(rendered.contains("\"my.api.token\" = \"********\""))
    }

    @Test func aClearSecretInAFileOthersReadIsWarnedAbout() throws {
        let dir = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/pipetop.toml"
        try write(
            """
            [kafka]
            sasl_password = "hunter2"
            ssl_key_password = "${KEY_PASS}"

            [kafka.properties]
            "sasl.jaas.config" = "x"
            "ssl.key.location" = "/k.pem"

            [[contexts]]
            name = "prod"
            brokers = "p:9093"
            schema_registry_auth = { command = "echo u:p" }
            sasl_password = "clear-too"
            """, to: path)
        let environment = ["KEY_PASS": "k"]
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let warned = try ConfigLoader.loadFile(path, environment: environment).warnings
        #expect(warned.map(\.keyPath) == ["kafka.sasl_password", "kafka.properties.\"sasl.jaas.config\"", "contexts[0].sasl_password"])
        #expect(warned.first?.description == "\(path): kafka.sasl_password holds a secret in clear and the file is readable by others (mode 644); use ${VARIABLE} or { command = \"…\" }, or chmod 600 the file")
        #expect(!warned.map(\.description).joined().contains("hunter2"))

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try ConfigLoader.loadFile(path, environment: environment).warnings.isEmpty)
    }
}
