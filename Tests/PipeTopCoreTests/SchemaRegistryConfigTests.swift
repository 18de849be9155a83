import Testing

@testable import PipeTopCore

private let text = """
    [kafka]
    brokers = "top:9092"
    schema_registry = "https://registry.top:8081"
    schema_registry_auth = "ops:s3cret"
    schema_registry_ca = "/etc/ca.pem"
    [[contexts]]
    name = "prod"
    brokers = "prod:9092"
    schema_registry = "https://user:pa55@registry.prod:8081/base"
    [[contexts]]
    name = "dev"
    brokers = "dev:9092"
    """

private func resolve(_ overrides: CommandLineOverrides = CommandLineOverrides()) throws -> EffectiveConfig {
    try EffectiveConfig(config: parseConfig(text).config, overrides: overrides, environment: testEnvironment)
}

@Test func registryFollowsFlagThenContextThenTopLevel() throws {
    #expect(try resolve().schemaRegistry == SchemaRegistrySettings(url: "https://registry.top:8081", auth: "ops:s3cret", caFile: "/etc/ca.pem"))
    // A context replaces the keys it sets and keeps the others.
    let prod = try resolve(CommandLineOverrides(context: "prod")).schemaRegistry
    #expect(prod.url == "https://user:pa55@registry.prod:8081/base")
    #expect(prod.auth == "ops:s3cret")
    #expect(try resolve(CommandLineOverrides(context: "dev")).schemaRegistry.url == "https://registry.top:8081")
    #expect(try resolve(CommandLineOverrides(context: "prod", schemaRegistry: "http://flag:8081")).schemaRegistry.url == "http://flag:8081")
    #expect(try EffectiveConfig(config: parseConfig("").config, environment: testEnvironment).schemaRegistry.url == nil)
}

@Test func registrySecretsAreMaskedWhenPrinted() throws {
    let rendered = ConfigRenderer.render(try resolve(CommandLineOverrides(context: "prod")), source: nil)
    #expect(!rendered.contains("s3cret"))
    #expect(!rendered.contains("pa55"))
    #expect(rendered.contains(#"schema_registry = "https://user:********@registry.prod:8081/base""#))
    #expect(rendered.contains(#"schema_registry_auth = "ops:********""#))
    #expect(SchemaRegistrySettings.mask(url: "http://registry:8081/x@y") == "http://registry:8081/x@y")
    #expect(SchemaRegistrySettings(auth: "token-only").maskedAuth == "********")
}

@Test func registryKeysMustBeText() {
    #expect(configErrorMessage("[kafka]\nschema_registry = 5")?.contains("kafka.schema_registry") == true)
}
