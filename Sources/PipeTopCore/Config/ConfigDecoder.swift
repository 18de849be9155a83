import Foundation
import TOMLKit

/// Maps a parsed TOML document onto `PipeTopConfig`, section by section, starting from the defaults
/// so that every key is optional.
enum ConfigDecoder {
    static func decode(_ root: TOMLTable, file: String, environment: [String: String])
        throws(ConfigError) -> PipeTopConfig
    {
        let top = TOMLSectionReader(table: root, path: "", file: file, environment: environment)
        var config = PipeTopConfig.defaults
        if let ui = try top.table("ui") { config.ui = try decodeUI(ui) }
        if let drift = try top.table("drift") { config.drift = try decodeDrift(drift, limits: &config.limits) }
        if let alerts = try top.table("alerts") { config.alerts = try decodeAlerts(alerts) }
        if let control = try top.table("control") {
            config.control = try decodeControl(control, environment: environment)
        }
        if let kafka = try top.table("kafka") { config.kafka = try decodeKafka(kafka, environment: environment) }
        if let topics = try top.table("topics") {
            config.topics = config.topics.applying(try decodeTopics(topics))
        }
        if let contexts = try top.tableArray("contexts") {
            config.contexts = try decodeContexts(contexts, file: file, environment: environment)
        }
        if let pipelines = try top.tableArray("pipelines") {
            config.pipelines = try decodePipelines(pipelines, file: file)
        }
        return config
    }

    private static func decodeUI(_ r: TOMLSectionReader) throws(ConfigError) -> UISettings {
        var ui = UISettings()
        if let theme = try r.nonEmptyString("theme") { ui.theme = theme }
        if let fps = try r.int("fps", in: UISettings.fpsRange) { ui.fps = fps }
        if let text = try r.string("time_range") {
            guard let range = TimeRange(rawValue: text) else {
                let allowed = TimeRange.allCases.map(\.rawValue).joined(separator: ", ")
                throw r.invalid("time_range", "must be one of \(allowed), got \"\(text)\"")
            }
            ui.timeRange = range
        }
        if let keymap = try r.stringTable("keymap") { ui.keymap = keymap }
        if let names = try r.stringList("tail_columns") {
            do {
                ui.tailColumns = try ScoredColumn.list(parsing: names.joined(separator: ","))
            } catch {
                throw r.invalid("tail_columns", error.description)
            }
        }
        return ui
    }

    private static func decodeDrift(_ r: TOMLSectionReader, limits: inout StoreLimits) throws(ConfigError) -> DriftSettings {
        var drift = DriftSettings()
        if let n = try r.int("max_tracked_versions", in: StoreLimits.trackedVersionsRange) { limits.maxTrackedVersions = n }
        if let n = try r.int("max_windows", in: StoreLimits.driftWindowsRange) { limits.maxDriftWindows = n }
        if let bins = try r.int("bins", in: 2...100) { drift.bins = bins }
        if let n = try r.int("reference_window", in: 1...10_000_000) { drift.referenceWindow = n }
        if let n = try r.int("current_window", in: 1...10_000_000) { drift.currentWindow = n }
        if let x = try r.double(
            "psi_warn", allowed: "greater than 0", where: { $0 > 0 && $0.isFinite })
        {
            drift.psiWarn = x
        }
        if let x = try r.double(
            "psi_critical", allowed: "greater than 0", where: { $0 > 0 && $0.isFinite })
        {
            drift.psiCritical = x
        }
        // Checked after both are read, so the order of the keys in the file does not matter.
        guard drift.psiCritical > drift.psiWarn else {
            throw r.invalid(
                "psi_critical",
                "must be greater than drift.psi_warn (\(drift.psiWarn)), got \(drift.psiCritical)")
        }
        if let p = try r.double(
            "ks_pvalue", allowed: "between 0 and 1 (exclusive)", where: { $0 > 0 && $0 < 1 })
        {
            drift.ksPValue = p
        }
        if let x = try r.double(
            "js_warn", allowed: "between 0 and 1 (exclusive of 0)", where: { $0 > 0 && $0 <= 1 })
        {
            drift.jsWarn = x
        }
        return drift
    }

    private static func decodeAlerts(_ r: TOMLSectionReader) throws(ConfigError) -> AlertSettings {
        var alerts = AlertSettings()
        if let x = try r.double(
            "throughput_drop", allowed: "between 0 and 1", where: { $0 >= 0 && $0 <= 1 })
        {
            alerts.throughputDrop = x
        }
        if let x = try r.double(
            "error_rate", allowed: "between 0 and 1", where: { $0 >= 0 && $0 <= 1 })
        {
            alerts.errorRate = x
        }
        if let x = try r.double(
            "latency_slo_ms", allowed: "greater than 0", where: { $0 > 0 && $0.isFinite })
        {
            alerts.latencySLOMs = x
        }
        if let n = try r.int("lag_max", in: 0...Int.max) { alerts.lagMax = Int64(n) }
        if let d = try r.duration("stale_after") {
            alerts.staleAfterSeconds = Double(DurationText.milliseconds(d)) / 1_000
        }
        if let d = try r.duration("group_stalled_after") { alerts.groupStalledAfterMs = DurationText.milliseconds(d) }
        if let x = try r.double(
            "malformed_rate", allowed: "at least 0", where: { $0 >= 0 && $0.isFinite })
        {
            alerts.malformedRate = x
        }
        return alerts
    }

    private static func decodeControl(_ r: TOMLSectionReader, environment: [String: String])
        throws(ConfigError) -> ControlSettings
    {
        var control = ControlSettings()
        if let flag = try r.bool("enabled") { control.enabled = flag }
        if let flag = try r.bool("read_only") { control.readOnly = flag }
        if let names = try r.stringList("protected_pipelines") {
            control.protectedPipelines = names
        }
        if let d = try r.duration("ack_timeout") { control.ackTimeout = d }
        if let path = try r.nonEmptyString("audit_log") {
            control.auditLog = PathExpansion.expandTilde(path, environment: environment)
        }
        if let names = try r.stringList("allowed_requesters") { control.allowedRequesters = names }
        return control
    }

    private static func decodeKafka(_ r: TOMLSectionReader, environment: [String: String]) throws(ConfigError) -> KafkaSettings {
        var kafka = KafkaSettings()
        if let brokers = try r.nonEmptyString("brokers") { kafka.brokers = brokers }
        if let id = try r.nonEmptyString("client_id") { kafka.clientID = id }
        if let n = try r.int("fetch_wait_max_ms", in: KafkaSettings.fetchWaitMaxMsRange) {
            kafka.fetchWaitMaxMs = n
        }
        if let n = try r.int("queued_max_kbytes", in: KafkaSettings.queuedMaxKbytesRange) {
            kafka.queuedMaxKbytes = n
        }
        if let n = try r.int("ingest_threads", in: KafkaSettings.ingestThreadsRange) { kafka.ingestThreads = n }
        if let groups = try r.stringList("lag_groups") {
            for (i, entry) in groups.enumerated() where LagGroup(parsing: entry) == nil {
                throw ConfigError.invalidValue(
                    file: r.file, keyPath: r.keyPath("lag_groups") + "[\(i)]",
                    message: "\"\(entry)\" is neither PIPELINE=GROUP nor a GROUP named like its pipeline")
            }
            kafka.lagGroups = groups
        }
        if let read = try decodeScoredRead(r) { kafka.scoredRead = read }
        if let properties = try r.propertyTable("properties") { kafka.properties = properties }
        kafka.schemaRegistry = try decodeSchemaRegistry(r)
        kafka.security = try decodeSecurity(r, environment: environment)
        return kafka
    }

    /// The TLS and SASL keys of `[kafka]` or a context. Certificate and key files must exist
    /// (`~` expanded); protocol and mechanism must be ones librdkafka knows.
    private static func decodeSecurity(_ r: TOMLSectionReader, environment: [String: String])
        throws(ConfigError) -> KafkaSecurity
    {
        var security = KafkaSecurity()
        if let text = try r.string("security_protocol") {
            guard let value = SecurityProtocol(rawValue: text.lowercased()) else {
                let allowed = SecurityProtocol.allCases.map(\.rawValue).joined(separator: ", ")
                throw r.invalid("security_protocol", "must be one of \(allowed), got \"\(text)\"")
            }
            security.securityProtocol = value
        }
        if let text = try r.string("sasl_mechanism") {
            guard let value = SASLMechanism(rawValue: text.uppercased()) else {
                let allowed = SASLMechanism.allCases.map(\.rawValue).joined(separator: ", ")
                throw r.invalid("sasl_mechanism", "must be one of \(allowed), got \"\(text)\"")
            }
            security.saslMechanism = value
        }
        security.sslCA = try existingFile(r, "ssl_ca", environment: environment)
        security.sslCert = try existingFile(r, "ssl_cert", environment: environment)
        security.sslKey = try existingFile(r, "ssl_key", environment: environment)
        if (security.sslCert == nil) != (security.sslKey == nil) {
            throw r.invalid(security.sslCert == nil ? "ssl_key" : "ssl_cert", "goes with ssl_cert and ssl_key both set")
        }
        security.sslKeyPassword = try r.string("ssl_key_password")
        security.saslUsername = try r.nonEmptyString("sasl_username")
        security.saslPassword = try r.string("sasl_password")
        security.oauthTokenCommand = try r.nonEmptyString("oauth_token_command")
        if security.oauthTokenCommand != nil, let mechanism = security.saslMechanism, mechanism != .oauthBearer {
            throw r.invalid("oauth_token_command", "fetches an OAUTHBEARER token, but sasl_mechanism is \"\(mechanism.rawValue)\"")
        }
        return security
    }

    /// A path that must name a readable file.
    private static func existingFile(_ r: TOMLSectionReader, _ key: String, environment: [String: String])
        throws(ConfigError) -> String?
    {
        guard let text = try r.nonEmptyString(key) else { return nil }
        let path = PathExpansion.expandTilde(text, environment: environment)
        guard FileManager.default.isReadableFile(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "is not readable" : "does not exist"
            throw r.invalid(key, "file \(path) \(reason)")
        }
        return path
    }

    /// `schema_registry`, `schema_registry_auth` and `schema_registry_ca` of `[kafka]` or a context.
    private static func decodeSchemaRegistry(_ r: TOMLSectionReader) throws(ConfigError) -> SchemaRegistrySettings {
        SchemaRegistrySettings(
            url: try r.nonEmptyString("schema_registry"), auth: try r.nonEmptyString("schema_registry_auth"),
            caFile: try r.nonEmptyString("schema_registry_ca"))
    }

    private static func decodeTopics(_ r: TOMLSectionReader) throws(ConfigError) -> TopicOverrides {
        TopicOverrides(
            metrics: try r.nonEmptyString("metrics"), models: try r.nonEmptyString("models"),
            scored: try r.nonEmptyString("scored"), control: try r.nonEmptyString("control"))
    }

    private static func decodePipelines(_ readers: [TOMLSectionReader], file: String) throws(ConfigError) -> [PipelineConfig] {
        var pipelines: [PipelineConfig] = []
        for r in readers {
            guard let name = try r.nonEmptyString("name") else { throw .missingKey(file: file, keyPath: r.keyPath("name")) }
            guard !pipelines.contains(where: { $0.name == name }) else {
                throw r.invalid("name", "\"\(name)\" names an earlier pipeline too")
            }
            guard let scoredTopic = try r.nonEmptyString("scored_topic") else {
                throw .missingKey(file: file, keyPath: r.keyPath("scored_topic"))
            }
            var p = PipelineConfig(name: name, scoredTopic: scoredTopic)
            p.modelsTopic = try r.nonEmptyString("models_topic")
            p.labelsTopic = try r.nonEmptyString("labels_topic")
            p.inputTopic = try r.nonEmptyString("input_topic")
            p.errorsTopic = try r.nonEmptyString("errors_topic")
            p.consumerGroup = try r.nonEmptyString("consumer_group")
            if let text = try r.string("control") {
                guard let control = PipelineConfig.Control(rawValue: text) else {
                    throw r.invalid("control", "must be one of \(PipelineConfig.Control.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
                }
                p.control = control
            }
            if r.table["scored"]?.string != nil {
                throw r.invalid("scored", "is the [pipelines.scored] table of the topic's mapping; how much of the topic is read is scored_read (all, sample or summaries)")
            }
            if let read = try decodeScoredRead(r) { p.scoredRead = read }
            if let scored = try r.table("scored") { p.scored = try decodeTopicMapping(scored, .scored, file: file) }
            if let models = try r.table("models") {
                guard p.modelsTopic != nil else { throw r.invalid("models", "describes the models topic, but models_topic is not set") }
                p.models = try decodeTopicMapping(models, .models, file: file)
            }
            if let labels = try r.table("labels") {
                guard p.labelsTopic != nil else { throw r.invalid("labels", "describes the labels topic, but labels_topic is not set") }
                p.labels = try decodeTopicMapping(labels, .labels, file: file)
            }
            if p.control == .republish, p.modelsTopic == nil {
                throw r.invalid("control", "\"republish\" sends model messages again, but models_topic is not set")
            }
            if let problem = p.templateProblem { throw r.invalid(problem.key, problem.reason) }
            pipelines.append(p)
        }
        return pipelines
    }

    /// `scored_read` and `scored_sample` of `[kafka]` or a `[[pipelines]]` entry; nil when neither is set.
    private static func decodeScoredRead(_ r: TOMLSectionReader) throws(ConfigError) -> ScoredRead? {
        let fraction = try r.double("scored_sample", allowed: "greater than 0 and at most 1", where: { $0 > 0 && $0 <= 1 })
        guard let text = try r.string("scored_read") else {
            if fraction != nil { throw r.invalid("scored_sample", "goes with scored_read = \"sample\", but scored_read is not set") }
            return nil
        }
        switch text {
        case "all", "summaries":
            if fraction != nil { throw r.invalid("scored_sample", "goes with scored_read = \"sample\", but scored_read is \"\(text)\"") }
            return text == "all" ? .all : .summaries
        case "sample":
            return .sample(fraction ?? ScoredRead.defaultFraction)
        default:
            throw r.invalid("scored_read", "must be one of \(ScoredRead.names.joined(separator: ", ")), got \"\(text)\"")
        }
    }

    /// `[pipelines.scored]`, `[pipelines.models]` or `[pipelines.labels]`.
    private static func decodeTopicMapping(_ r: TOMLSectionReader, _ role: TopicMapping.Role, file: String) throws(ConfigError) -> TopicMapping {
        var m = TopicMapping()
        if let text = try r.string("format") {
            guard let format = ValueFormat(rawValue: text) else {
                throw r.invalid("format", "must be one of \(ValueFormat.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
            }
            m.format = format
        }
        m.protoDescriptor = try r.nonEmptyString("proto_descriptor")
        m.protoMessage = try r.nonEmptyString("proto_message")
        if (m.protoDescriptor == nil) != (m.protoMessage == nil) {
            throw r.invalid(m.protoDescriptor == nil ? "proto_message" : "proto_descriptor", "goes with proto_descriptor and proto_message both set")
        }
        for field in role.fields where field != "features" {
            guard let text = try r.string(field) else { continue }
            let selector: FieldSelector
            do { selector = try FieldSelector(parsing: text) } catch { throw r.invalid(field, error.description) }
            if selector == .sequence, !(role == .models && field == "version") {
                throw r.invalid(field, "'@sequence' numbers the versions on a models topic: it is only for [pipelines.models] version")
            }
            m.fields[field] = selector
        }
        if role == .scored, let value = r.table["features"] {
            m.features = try decodeFeatures(r, value)
        }
        if m.format != .contract, let missing = role.required.first(where: { m.fields[$0] == nil }) {
            throw .missingKey(file: file, keyPath: r.keyPath(missing))
        }
        return m
    }

    /// `features = "/input"` or `features = ["/input/a", "/input/b"]`.
    private static func decodeFeatures(_ r: TOMLSectionReader, _ value: TOMLValueConvertible) throws(ConfigError) -> FeatureSelector {
        if let text = value.string { return .value(try pointer(r, text)) }
        guard value.array != nil, let list = try r.stringList("features") else {
            throw r.wrongType("features", "a JSON Pointer or an array of them", value)
        }
        var pointers: [JSONPointer] = []
        for text in list { pointers.append(try pointer(r, text)) }
        return .list(pointers)
    }

    private static func pointer(_ r: TOMLSectionReader, _ text: String) throws(ConfigError) -> JSONPointer {
        do { return try JSONPointer(parsing: text) } catch { throw r.invalid("features", error.description) }
    }

    private static func decodeContexts(_ readers: [TOMLSectionReader], file: String, environment: [String: String])
        throws(ConfigError) -> [ContextConfig]
    {
        var contexts: [ContextConfig] = []
        var firstIndex: [String: Int] = [:]
        for (index, r) in readers.enumerated() {
            guard let name = try r.nonEmptyString("name") else {
                throw .missingKey(file: file, keyPath: r.keyPath("name"))
            }
            if let first = firstIndex[name] {
                throw .duplicateContext(file: file, name: name, first: first, second: index)
            }
            firstIndex[name] = index
            guard let brokers = try r.nonEmptyString("brokers") else {
                throw .missingKey(file: file, keyPath: r.keyPath("brokers"))
            }
            var context = ContextConfig(name: name, brokers: brokers)
            if let topics = try r.table("topics") { context.topics = try decodeTopics(topics) }
            if let properties = try r.propertyTable("properties") {
                context.properties = properties
            }
            if let flag = try r.bool("read_only") { context.readOnly = flag }
            if let flag = try r.bool("protected") { context.protected = flag }
            context.schemaRegistry = try decodeSchemaRegistry(r)
            context.security = try decodeSecurity(r, environment: environment)
            if let pipelines = try r.tableArray("pipelines") { context.pipelines = try decodePipelines(pipelines, file: file) }
            contexts.append(context)
        }
        return contexts
    }
}
