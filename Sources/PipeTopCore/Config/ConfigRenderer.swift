/// Prints an effective configuration as TOML that parses back to the same settings, secrets masked.
public enum ConfigRenderer {
    public static func render(_ effective: EffectiveConfig, source: String?) -> String {
        var out: [String] = []
        out.append("# pipetop effective configuration")
        out.append("# source: " + (source ?? "built-in defaults"))
        if let name = effective.contextName {
            out.append("# context: \(name)" + (effective.protected ? " (protected)" : ""))
        } else {
            out.append("# context: none")
        }

        let ui = effective.ui
        out.append("")
        out.append("[ui]")
        out.append("theme = \(quote(ui.theme))")
        out.append("fps = \(ui.fps)")
        out.append("time_range = \(quote(ui.timeRange.rawValue))")
        out.append("tail_columns = [" + ui.tailColumns.map { quote($0.name) }.joined(separator: ", ") + "]")
        if !ui.keymap.isEmpty {
            out.append("")
            out.append("[ui.keymap]")
            for key in ui.keymap.keys.sorted() {
                out.append("\(bareOrQuoted(key)) = \(quote(ui.keymap[key] ?? ""))")
            }
        }

        let drift = effective.engine.drift
        out.append("")
        out.append("[drift]")
        out.append("bins = \(drift.bins)")
        out.append("reference_window = \(drift.referenceWindow)")
        out.append("current_window = \(drift.currentWindow)")
        out.append("max_tracked_versions = \(effective.engine.limits.maxTrackedVersions)")
        out.append("max_windows = \(effective.engine.limits.maxDriftWindows)")
        out.append("psi_warn = \(drift.psiWarn)")
        out.append("psi_critical = \(drift.psiCritical)")
        out.append("ks_pvalue = \(drift.ksPValue)")
        out.append("js_warn = \(drift.jsWarn)")

        let alerts = effective.engine.alerts
        out.append("")
        out.append("[alerts]")
        out.append("throughput_drop = \(alerts.throughputDrop)")
        out.append("error_rate = \(alerts.errorRate)")
        out.append("latency_slo_ms = \(alerts.latencySLOMs)")
        out.append("lag_max = \(alerts.lagMax)")
        let stale = Duration.milliseconds(Int64((alerts.staleAfterSeconds * 1_000).rounded()))
        out.append("stale_after = \(quote(DurationText.format(stale)))")
        out.append("group_stalled_after = \(quote(DurationText.format(.milliseconds(alerts.groupStalledAfterMs))))")
        out.append("malformed_rate = \(alerts.malformedRate)")

        let control = effective.control
        out.append("")
        out.append("[control]")
        out.append("enabled = \(control.enabled)")
        out.append("read_only = \(effective.readOnly)")
        out.append("protected_pipelines = \(list(control.protectedPipelines))")
        out.append("ack_timeout = \(quote(DurationText.format(control.ackTimeout)))")
        out.append("audit_log = \(quote(effective.auditLogPath))")
        out.append("allowed_requesters = \(list(control.allowedRequesters))")

        let kafka = effective.kafka
        out.append("")
        out.append("[kafka]")
        if let brokers = effective.brokers {
            out.append("brokers = \(quote(brokers))")
        } else {
            out.append("# brokers: not set (use --brokers, a context or kafka.brokers)")
        }
        out.append("client_id = \(quote(kafka.clientID))")
        out.append("fetch_wait_max_ms = \(kafka.fetchWaitMaxMs)")
        out.append("queued_max_kbytes = \(kafka.queuedMaxKbytes)")
        if let n = kafka.ingestThreads { out.append("ingest_threads = \(n)") } else {
            out.append("# ingest_threads: 1 (one thread; see docs/scale.md)")
        }
        out.append("lag_groups = \(list(kafka.lagGroups))")
        render(kafka.scoredRead, into: &out)
        let registry = effective.schemaRegistry
        if let url = registry.maskedURL { out.append("schema_registry = \(quote(url))") } else {
            out.append("# schema_registry: not set (use --schema-registry, a context or kafka.schema_registry)")
        }
        if let auth = registry.maskedAuth { out.append("schema_registry_auth = \(quote(auth))") }
        if let ca = registry.caFile { out.append("schema_registry_ca = \(quote(ca))") }
        render(effective.security, into: &out)
        out.append("")
        out.append("[kafka.properties]")
        for key in effective.kafkaProperties.keys.sorted() {
            let value = SecretMask.mask(key: key, value: effective.kafkaProperties[key] ?? "")
            out.append("\(bareOrQuoted(key)) = \(quote(value))")
        }

        let topics = effective.topics
        out.append("")
        out.append("[topics]")
        out.append("metrics = \(quote(topics.metrics))")
        out.append("models = \(quote(topics.models))")
        out.append("scored = \(quote(topics.scored))")
        out.append("control = \(quote(topics.control))")
        for p in effective.pipelines { render(p, into: &out) }
        return out.joined(separator: "\n") + "\n"
    }

    /// `scored_read`, and `scored_sample` for a sample.
    private static func render(_ read: ScoredRead, into out: inout [String]) {
        out.append("scored_read = \(quote(read.name))")
        if case .sample(let fraction) = read { out.append("scored_sample = \(fraction)") }
    }

    /// The TLS and SASL keys that are set, secrets masked.
    private static func render(_ security: KafkaSecurity, into out: inout [String]) {
        let values: [(String, String?)] = [
            ("security_protocol", security.securityProtocol?.rawValue), ("ssl_ca", security.sslCA),
            ("ssl_cert", security.sslCert), ("ssl_key", security.sslKey), ("ssl_key_password", security.sslKeyPassword),
            ("sasl_mechanism", security.saslMechanism?.rawValue), ("sasl_username", security.saslUsername),
            ("sasl_password", security.saslPassword), ("oauth_token_command", security.oauthTokenCommand),
        ]
        for case let (key, value?) in values {
            let shown = KafkaSecurity.secretKeys.contains(key) ? SecretMask.masked : value
            out.append("\(key) = \(quote(shown))")
        }
    }

    /// One `[[pipelines]]` entry and its topic tables.
    private static func render(_ p: PipelineConfig, into out: inout [String]) {
        out.append("")
        out.append("[[pipelines]]")
        out.append("name = \(quote(p.name))")
        out.append("scored_topic = \(quote(p.scoredTopic))")
        let optional: [(String, String?)] = [
            ("models_topic", p.modelsTopic), ("labels_topic", p.labelsTopic), ("input_topic", p.inputTopic),
            ("errors_topic", p.errorsTopic), ("consumer_group", p.consumerGroup),
        ]
        for case let (key, value?) in optional { out.append("\(key) = \(quote(value))") }
        out.append("control = \(quote(p.control.rawValue))")
        render(p.scoredRead, into: &out)
        for (role, mapping) in [(TopicMapping.Role.scored, p.scored), (.models, p.models), (.labels, p.labels)] {
            guard let mapping else { continue }
            out.append("")
            out.append("[pipelines.\(role.rawValue)]")
            out.append("format = \(quote(mapping.format.rawValue))")
            if let descriptor = mapping.protoDescriptor { out.append("proto_descriptor = \(quote(descriptor))") }
            if let message = mapping.protoMessage { out.append("proto_message = \(quote(message))") }
            for field in role.fields {
                if let selector = mapping.fields[field] { out.append("\(field) = \(quote(selector.description))") }
            }
            switch mapping.features {
            case .value(let pointer)?: out.append("features = \(quote(pointer.description))")
            case .list(let pointers)?: out.append("features = \(list(pointers.map(\.description)))")
            case nil: break
            }
        }
    }

    /// A TOML basic string.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Keys made only of letters, digits, `_` and `-` stay bare; others (`client.id`) are quoted.
    static func bareOrQuoted(_ key: String) -> String {
        let bare =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy { s in
                (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9")
                    || s == "_" || s == "-"
            }
        return bare ? key : quote(key)
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map(quote).joined(separator: ", ") + "]"
    }
}
