import Testing

@testable import PipeTopCore

@Test func anEmptyFileMeansTheDefaults() throws {
    let loaded = try parseConfig("")
    #expect(loaded.config == PipeTopConfig.defaults)
    #expect(loaded.warnings.isEmpty)
    #expect(loaded.path == "pipetop.toml")
}

@Test func builtInDefaultsMatchTheDesign() {
    let d = PipeTopConfig.defaults
    #expect(
        d.ui.theme == "default" && d.ui.fps == 10 && d.ui.timeRange == .oneMinute
            && d.ui.keymap.isEmpty)
    #expect(
        d.drift.bins == 10 && d.drift.referenceWindow == 5_000 && d.drift.currentWindow == 5_000)
    #expect(
        d.drift.psiWarn == 0.1 && d.drift.psiCritical == 0.25 && d.drift.ksPValue == 0.01
            && d.drift.jsWarn == 0.1)
    #expect(
        d.alerts.throughputDrop == 0.5 && d.alerts.errorRate == 0.01 && d.alerts.latencySLOMs == 250
    )
    #expect(
        d.alerts.lagMax == 100_000 && d.alerts.staleAfterSeconds == 30
            && d.alerts.malformedRate == 1.0)
    #expect(
        d.control.enabled && !d.control.readOnly && d.control.ackTimeout == .seconds(10)
            && d.control.auditLog == nil)
    #expect(d.kafka.brokers == nil && d.kafka.clientID == "pipetop")
    #expect(d.kafka.fetchWaitMaxMs == 500 && d.kafka.queuedMaxKbytes == 16_384)
    #expect(
        d.topics
            == TopicNames(
                metrics: "pipeline.metrics", models: "pipeline.models", scored: "pipeline.scored",
                control: "pipeline.control"))
    #expect(d.contexts.isEmpty)
}

@Test func uiSectionParses() throws {
    let config = try parseConfig(
        """
        [ui]
        theme = "solarized"
        fps = 30
        time_range = "15m"
        keymap = { promote = "P", rollback = "ctrl+r" }
        """
    ).config
    #expect(
        config.ui
            == UISettings(
                theme: "solarized", fps: 30, timeRange: .fifteenMinutes,
                keymap: ["promote": "P", "rollback": "ctrl+r"]))
}

@Test func driftSectionParses() throws {
    let drift = try parseConfig(
        """
        [drift]
        bins = 20
        reference_window = 2000
        current_window = 1000
        psi_warn = 0.2
        psi_critical = 1
        ks_pvalue = 0.05
        js_warn = 0.3
        """
    ).config.drift
    #expect(drift.bins == 20 && drift.referenceWindow == 2_000 && drift.currentWindow == 1_000)
    #expect(
        drift.psiWarn == 0.2 && drift.psiCritical == 1.0 && drift.ksPValue == 0.05
            && drift.jsWarn == 0.3)
}

@Test func driftSectionSetsHowManyVersionsKeepWindows() throws {
    let loaded = try parseConfig(
        """
        [drift]
        max_tracked_versions = 1024
        max_windows = 4096
        """
    )
    #expect(loaded.config.limits.maxTrackedVersions == 1_024 && loaded.config.limits.maxDriftWindows == 4_096)
    #expect(PipeTopConfig.defaults.limits == StoreLimits(), "the other caps stay built in")
}

@Test func alertsSectionParses() throws {
    let alerts = try parseConfig(
        """
        [alerts]
        throughput_drop = 0.25
        error_rate = 0.05
        latency_slo_ms = 100.5
        lag_max = 5000
        stale_after = "1.5m"
        malformed_rate = 0
        """
    ).config.alerts
    #expect(
        alerts.throughputDrop == 0.25 && alerts.errorRate == 0.05 && alerts.latencySLOMs == 100.5)
    #expect(alerts.lagMax == 5_000 && alerts.staleAfterSeconds == 90 && alerts.malformedRate == 0)
}

@Test func controlSectionParsesAndExpandsTheAuditPath() throws {
    let control = try parseConfig(
        """
        [control]
        enabled = false
        read_only = true
        protected_pipelines = ["fraud", "credit"]
        ack_timeout = 3
        audit_log = "~/audit/pipetop.jsonl"
        allowed_requesters = ["alice"]
        """
    ).config.control
    #expect(!control.enabled && control.readOnly)
    #expect(control.protectedPipelines == ["fraud", "credit"])
    #expect(control.ackTimeout == .seconds(3))
    #expect(control.auditLog == "/home/op/audit/pipetop.jsonl")
    #expect(control.allowedRequesters == ["alice"])
}

@Test func kafkaSectionParsesAndNormalizesPropertiesToStrings() throws {
    let kafka = try parseConfig(
        """
        [kafka]
        brokers = "localhost:9092"
        client_id = "ops"
        fetch_wait_max_ms = 50
        queued_max_kbytes = 1024
        lag_groups = ["scorers"]
        [kafka.properties]
        "security.protocol" = "SSL"
        "message.max.bytes" = 2000000
        "enable.auto.commit" = false
        """
    ).config.kafka
    #expect(kafka.brokers == "localhost:9092" && kafka.clientID == "ops")
    #expect(
        kafka.fetchWaitMaxMs == 50 && kafka.queuedMaxKbytes == 1_024
            && kafka.lagGroups == ["scorers"])
    #expect(
        kafka.properties == [
            "security.protocol": "SSL", "message.max.bytes": "2000000",
            "enable.auto.commit": "false",
        ])
}

@Test func topicsAndContextsParse() throws {
    let config = try parseConfig(
        """
        [topics]
        scored = "scores"
        [[contexts]]
        name = "prod"
        brokers = "prod:9092"
        topics = { models = "prod.models" }
        properties = { "security.protocol" = "SSL" }
        read_only = true
        protected = true
        [[contexts]]
        name = "dev"
        brokers = "dev:9092"
        """
    ).config
    #expect(config.topics.scored == "scores" && config.topics.metrics == "pipeline.metrics")
    #expect(
        config.contexts == [
            ContextConfig(
                name: "prod", brokers: "prod:9092", topics: TopicOverrides(models: "prod.models"),
                properties: ["security.protocol": "SSL"], readOnly: true, protected: true),
            ContextConfig(name: "dev", brokers: "dev:9092"),
        ])
}

@Test(arguments: [
    ("[drift]\nbins = 500", "pipetop.toml: drift.bins: must be between 2 and 100, got 500"),
    ("[drift]\nmax_tracked_versions = 5000", "pipetop.toml: drift.max_tracked_versions: must be between 1 and 4096, got 5000"),
    ("[drift]\nmax_windows = 0", "pipetop.toml: drift.max_windows: must be between 1 and 16384, got 0"),
    ("[ui]\nfps = 0", "pipetop.toml: ui.fps: must be between 1 and 60, got 0"),
    (
        "[ui]\ntail_columns = [\"time\", \"bogus\"]",
        "pipetop.toml: ui.tail_columns: unknown column \"bogus\" (known: time, ts_ms, pipeline, key, model, version, role, score, prediction, label, outcome, latency_us, strategy, features.NAME)"
    ),
    ("[ui]\ntail_columns = []", "pipetop.toml: ui.tail_columns: no columns given (known: time, ts_ms, pipeline, key, model, version, role, score, prediction, label, outcome, latency_us, strategy, features.NAME)"),
    (
        "[ui]\ntime_range = \"2m\"",
        "pipetop.toml: ui.time_range: must be one of 1m, 5m, 15m, got \"2m\""
    ),
    (
        "[drift]\npsi_warn = 0.3",
        "pipetop.toml: drift.psi_critical: must be greater than drift.psi_warn (0.3), got 0.25"
    ),
    (
        "[drift]\nks_pvalue = 1.0",
        "pipetop.toml: drift.ks_pvalue: must be between 0 and 1 (exclusive), got 1.0"
    ),
    (
        "[alerts]\nthroughput_drop = 1.5",
        "pipetop.toml: alerts.throughput_drop: must be between 0 and 1, got 1.5"
    ),
    ("[alerts]\nlag_max = -1", "pipetop.toml: alerts.lag_max: must be at least 0, got -1"),
    (
        "[alerts]\nstale_after = \"soon\"",
        "pipetop.toml: alerts.stale_after: invalid duration \"soon\": expected a number with a unit, like 500ms, 10s, 1.5s, 5m or 1h"
    ),
    (
        "[control]\nack_timeout = \"0s\"",
        "pipetop.toml: control.ack_timeout: must be greater than zero"
    ),
    (
        "[kafka]\nfetch_wait_max_ms = 400000",
        "pipetop.toml: kafka.fetch_wait_max_ms: must be between 0 and 300000, got 400000"
    ),
    ("[ui.keymap]\npromote = \"\"", "pipetop.toml: ui.keymap.promote: must not be empty"),
    (
        "[kafka]\nlag_groups = [\"fraud=scorers\", \"=b\"]",
        "pipetop.toml: kafka.lag_groups[1]: \"=b\" is neither PIPELINE=GROUP nor a GROUP named like its pipeline"
    ),
])
func valueErrorsNameTheKeyPathAndTheAllowedRange(text: String, message: String) {
    #expect(configErrorMessage(text) == message)
}

@Test(arguments: [
    ("[drift]\nbins = \"ten\"", "pipetop.toml: drift.bins: expected an integer, got a string"),
    (
        "[control]\nread_only = \"yes\"",
        "pipetop.toml: control.read_only: expected a boolean, got a string"
    ),
    (
        "[control]\nprotected_pipelines = \"fraud\"",
        "pipetop.toml: control.protected_pipelines: expected an array of strings, got a string"
    ),
    (
        "[kafka]\nlag_groups = [\"a\", 2]",
        "pipetop.toml: kafka.lag_groups[1]: expected a string, got an integer"
    ),
    (
        "[kafka.properties]\n\"x\" = [1]",
        "pipetop.toml: kafka.properties.x: expected a string, number or boolean, got an array"
    ),
    ("ui = 3", "pipetop.toml: ui: expected a table, got an integer"),
    (
        "[contexts]\nname = \"a\"",
        "pipetop.toml: contexts: expected an array of tables ([[contexts]]), got a table"
    ),
    (
        "[drift]\npsi_warn = \"low\"",
        "pipetop.toml: drift.psi_warn: expected a number, got a string"
    ),
    (
        "[[contexts]]\nname = \"a\"\nbrokers = \"b\"\nread_only = 1",
        "pipetop.toml: contexts[0].read_only: expected a boolean, got an integer"
    ),
])
func typeErrorsNameTheFileAndKeyPath(text: String, message: String) {
    #expect(configErrorMessage(text) == message)
}

@Test func syntaxErrorsNameTheFileLineAndColumn() {
    let message = configErrorMessage("[ui]\nfps = 10\ntheme = \"x\n")
    #expect(message?.hasPrefix("pipetop.toml:3:") == true)
    let header = configErrorMessage("# comment\n[ui\n")
    #expect(header?.hasPrefix("pipetop.toml:2:4: ") == true)
}

@Test func contextsNeedAUniqueNameAndBrokers() {
    #expect(
        configErrorMessage(
            """
            [[contexts]]
            name = "prod"
            brokers = "a:9092"
            [[contexts]]
            name = "prod"
            brokers = "b:9092"
            """)
            == "pipetop.toml: contexts[1].name: duplicate context name \"prod\" (already used by contexts[0])"
    )
    #expect(
        configErrorMessage("[[contexts]]\nbrokers = \"a\"")
            == "pipetop.toml: contexts[0].name: required key is missing")
    #expect(
        configErrorMessage("[[contexts]]\nname = \"a\"")
            == "pipetop.toml: contexts[0].brokers: required key is missing")
}

@Test func unknownKeysAreWarnedWithASuggestion() throws {
    let loaded = try parseConfig(
        """
        fps = 3
        [ui]
        fsp = 30
        [drfit]
        bins = 3
        [kafka.properties]
        "any.librdkafka.key" = "fine"
        [[contexts]]
        name = "prod"
        brokers = "a:9092"
        brokrs = "b"
        topics = { scord = "x" }
        [totally_new]
        x = 1
        """)
    #expect(
        loaded.warnings.map(\.description) == [
            "pipetop.toml: unknown key \"contexts[0].brokrs\" (ignored); did you mean \"contexts[0].brokers\"?",
            "pipetop.toml: unknown key \"contexts[0].topics.scord\" (ignored); did you mean \"contexts[0].topics.scored\"?",
            "pipetop.toml: unknown key \"drfit\" (ignored); did you mean \"drift\"?",
            "pipetop.toml: unknown key \"fps\" (ignored); did you mean \"ui.fps\"?",
            "pipetop.toml: unknown key \"totally_new\" (ignored)",
            "pipetop.toml: unknown key \"ui.fsp\" (ignored); did you mean \"ui.fps\"?",
        ])
    // Unknown keys are ignored, not applied.
    #expect(loaded.config.ui.fps == 10)
}
