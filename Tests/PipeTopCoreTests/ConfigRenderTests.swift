import Testing

@testable import PipeTopCore

@Test func renderedConfigMasksSecretsFromEverySource() throws {
    let config = try parseConfig(
        """
        [kafka.properties]
        "sasl.password" = "file-secret"
        [[contexts]]
        name = "prod"
        brokers = "prod:9092"
        properties = { "sasl.jaas.config" = "org.apache.kafka.common.security.plain.PlainLoginModule password=ctx-secret;" }
        """
    ).config
    let overrides = CommandLineOverrides(
        context: "prod",
        properties: [
            PropertyAssignment(key: "ssl.key.password", value: "flag-secret"),
            PropertyAssignment(key: "sasl.username", value: "operator"),
        ])
    let effective = try EffectiveConfig(
        config: config, overrides: overrides, environment: testEnvironment)
    let text = ConfigRenderer.render(effective, source: "pipetop.toml")
    #expect(!text.contains("file-secret"))
    #expect(!text.contains("ctx-secret"))
    #expect(!text.contains("flag-secret"))
    #expect(text.contains("\"sasl.password\" = \"********\""))
    #expect(text.contains("\"ssl.key.password\" = \"********\""))
    #expect(text.contains("\"sasl.jaas.config\" = \"********\""))
    #expect(text.contains("\"sasl.username\" = \"operator\""))
    #expect(text.contains("# context: prod"))
}

@Test func renderedConfigParsesBackToTheSameEffectiveSettings() throws {
    let text = """
        [ui]
        theme = "mono"
        keymap = { promote = "P" }
        [drift]
        bins = 12
        psi_critical = 0.5
        [alerts]
        stale_after = "90s"
        latency_slo_ms = 120
        [control]
        protected_pipelines = ["fraud \\"eu\\""]
        ack_timeout = "1500ms"
        [kafka]
        brokers = "b:9092"
        lag_groups = ["g1", "g2"]
        [topics]
        scored = "s"
        """
    let first = try EffectiveConfig(config: parseConfig(text).config, environment: testEnvironment)
    let rendered = ConfigRenderer.render(first, source: nil)
    let reparsed = try parseConfig(rendered)
    #expect(reparsed.warnings.isEmpty)
    var second = try EffectiveConfig(config: reparsed.config, environment: testEnvironment)
    // The rendering lists the merged properties, so the raw [kafka.properties] differ by design.
    #expect(second.kafka.properties == first.kafkaProperties)
    second.kafka.properties = first.kafka.properties
    #expect(second == first)
}

@Test func renderedConfigShowsEffectiveReadOnly() throws {
    let config = try parseConfig("[control]\nenabled = false").config
    let effective = try EffectiveConfig(config: config, environment: testEnvironment)
    let text = ConfigRenderer.render(effective, source: nil)
    #expect(text.contains("read_only = true"))
    #expect(text.contains("# source: built-in defaults"))
    #expect(text.contains("# brokers: not set"))
}
