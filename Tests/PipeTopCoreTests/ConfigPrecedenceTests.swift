import Testing

@testable import PipeTopCore

private let layered = """
    [kafka]
    brokers = "top:9092"
    client_id = "ops"
    [kafka.properties]
    "security.protocol" = "SSL"
    "socket.timeout.ms" = 1000
    [topics]
    scored = "top.scored"
    models = "top.models"
    [[contexts]]
    name = "prod"
    brokers = "prod:9092"
    topics = { scored = "prod.scored" }
    properties = { "socket.timeout.ms" = 2000, "sasl.password" = "s3cret" }
    read_only = true
    protected = true
    [[contexts]]
    name = "dev"
    brokers = "dev:9092"
    """

private func resolve(
    _ overrides: CommandLineOverrides = CommandLineOverrides(), text: String = layered
) throws -> EffectiveConfig {
    try EffectiveConfig(
        config: parseConfig(text).config, overrides: overrides, environment: testEnvironment)
}

@Test func brokersFollowFlagThenContextThenTopLevelThenDefault() throws {
    #expect(
        try resolve(CommandLineOverrides(brokers: "flag:9092", context: "prod")).brokers
            == "flag:9092")
    #expect(try resolve(CommandLineOverrides(context: "prod")).brokers == "prod:9092")
    #expect(try resolve().brokers == "top:9092")
    #expect(try resolve(text: "").brokers == nil)
}

@Test func topicsFollowContextThenTopLevelThenDefault() throws {
    let prod = try resolve(CommandLineOverrides(context: "prod")).topics
    #expect(
        prod
            == TopicNames(
                metrics: "pipeline.metrics", models: "top.models", scored: "prod.scored",
                control: "pipeline.control"))
    let top = try resolve().topics
    #expect(
        top.scored == "top.scored" && top.models == "top.models"
            && top.metrics == "pipeline.metrics")
}

@Test func propertiesMergeFlagOverContextOverTopLevelOverTunedDefaults() throws {
    let flags = [
        PropertyAssignment(key: "socket.timeout.ms", value: "3000"),
        PropertyAssignment(key: "fetch.wait.max.ms", value: "10"),
    ]
    let withFlag = try resolve(CommandLineOverrides(context: "prod", properties: flags))
        .kafkaProperties
    #expect(withFlag["socket.timeout.ms"] == "3000")
    #expect(withFlag["fetch.wait.max.ms"] == "10")
    let prod = try resolve(CommandLineOverrides(context: "prod")).kafkaProperties
    #expect(prod["socket.timeout.ms"] == "2000")
    #expect(prod["security.protocol"] == "SSL")
    #expect(prod["sasl.password"] == "s3cret")
    let top = try resolve().kafkaProperties
    #expect(
        top == [
            "client.id": "ops", "fetch.wait.max.ms": "500", "queued.max.messages.kbytes": "16384",
            "security.protocol": "SSL", "socket.timeout.ms": "1000",
        ])
}

@Test func readOnlyComesFromAnySourceAndCannotBeLifted() throws {
    #expect(try resolve(CommandLineOverrides(context: "prod")).readOnly)
    #expect(try !resolve(CommandLineOverrides(context: "dev")).readOnly)
    #expect(try resolve(CommandLineOverrides(context: "dev", readOnly: true)).readOnly)
    #expect(try resolve(text: "[control]\nread_only = true").readOnly)
    #expect(try resolve(text: "[control]\nenabled = false").readOnly)
    #expect(try !resolve(text: "").readOnly)
}

@Test func protectedComesFromTheSelectedContext() throws {
    #expect(try resolve(CommandLineOverrides(context: "prod")).protected)
    #expect(try !resolve(CommandLineOverrides(context: "dev")).protected)
    #expect(try resolve(CommandLineOverrides(context: "prod")).contextName == "prod")
    #expect(try resolve().contextName == nil)
}

@Test func unknownContextNamesTheKnownOnes() {
    #expect(throws: ConfigError.unknownContext(name: "stage", known: ["prod", "dev"])) {
        try resolve(CommandLineOverrides(context: "stage"))
    }
    let message = String(
        describing: ConfigError.unknownContext(name: "stage", known: ["prod", "dev"]))
    #expect(message == "unknown context \"stage\" (known contexts: prod, dev)")
    #expect(
        String(describing: ConfigError.unknownContext(name: "x", known: []))
            == "unknown context \"x\" (no contexts are defined)")
}

@Test func uiFlagsOverrideTheFileAndAreRangeChecked() throws {
    let ui = try resolve(
        CommandLineOverrides(theme: "mono", fps: 60, timeRange: .fiveMinutes),
        text: "[ui]\nfps = 5\ntheme = \"x\""
    ).ui
    #expect(ui.theme == "mono" && ui.fps == 60 && ui.timeRange == .fiveMinutes)
    #expect(try resolve(text: "[ui]\nfps = 5").ui.fps == 5)
    #expect(
        throws: ConfigError.invalidOverride(
            option: "--fps", message: "must be between 1 and 60, got 0")
    ) {
        try resolve(CommandLineOverrides(fps: 0))
    }
}

@Test func engineSettingsComeFromDriftAndAlerts() throws {
    let engine = try resolve(text: "[drift]\nbins = 4\n[alerts]\nstale_after = \"2m\"").engine
    #expect(engine.drift.bins == 4)
    #expect(engine.alerts.staleAfterSeconds == 120)
    #expect(engine.limits == StoreLimits())
    let raised = try resolve(text: "[drift]\nmax_tracked_versions = 900\nmax_windows = 2000").engine.limits
    #expect(raised.maxTrackedVersions == 900 && raised.maxDriftWindows == 2_000)
}

@Test func auditLogDefaultsToTheXDGStateDirectory() throws {
    let config = PipeTopConfig.defaults
    let xdg = try EffectiveConfig(
        config: config, environment: ["HOME": "/home/op", "XDG_STATE_HOME": "/state"])
    #expect(xdg.auditLogPath == "/state/pipetop/audit.jsonl")
    let home = try EffectiveConfig(config: config, environment: ["HOME": "/home/op"])
    #expect(home.auditLogPath == "/home/op/.local/state/pipetop/audit.jsonl")
    let explicit = try resolve(text: "[control]\naudit_log = \"/var/log/pipetop.jsonl\"")
    #expect(explicit.auditLogPath == "/var/log/pipetop.jsonl")
}
