/// Encodes contract messages as compact JSON in the contract's snake_case (docs/contract.md), `type` first.
///
/// `nil` optionals and empty optional collections are omitted, as is `v` when it is the
/// default 1; `EventDecoder` restores those defaults, so encode → decode is the identity.
/// Non-finite numbers are written as `null` (a programmer error upstream): a `scored`
/// record with a NaN score therefore encodes to a message decoders reject.
public enum EventEncoder: Sendable {
    /// Appends `event` to `out`.
    public static func encode(_ event: Event, into out: inout [UInt8]) {
        var w = JSONWriter(out)
        out = []
        header(event.type, pipeline: event.pipeline, tsMs: event.tsMs, &w)
        switch event {
        case .metrics(let e): metrics(e, &w)
        case .model(let e): model(e, &w)
        case .scored(let e): scored(e, &w)
        case .label(let e): label(e, &w)
        case .control(let e): control(e, &w)
        case .ack(let e): ack(e, &w)
        }
        w.close()
        out = w.out
    }

    /// Appends a scored record to `out`: the same bytes as `encode(.scored(e), into:)`, without
    /// copying the record into an `Event` first (`pipetop tail` encodes a reused record).
    public static func encode(scored e: ScoredEvent, into out: inout [UInt8]) {
        var w = JSONWriter(out)
        out = []
        header(.scored, pipeline: e.pipeline, tsMs: e.tsMs, &w)
        scored(e, &w)
        w.close()
        out = w.out
    }

    private static func header(_ type: EventType, pipeline: String, tsMs: Int64, _ w: inout JSONWriter) {
        w.open()
        w.key("type")
        w.string(type.rawValue)
        w.key("pipeline")
        w.string(pipeline)
        w.key("ts_ms")
        w.int64(tsMs)
    }

    /// `s` as a JSON string literal, quotes and escapes included.
    public static func quoted(_ s: String) -> String {
        var w = JSONWriter([])
        w.string(s)
        return String(decoding: w.out, as: UTF8.self)
    }

    /// The event as a JSON string.
    public static func encode(_ event: Event) -> String {
        var out: [UInt8] = []
        encode(event, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func version(_ v: Int, _ w: inout JSONWriter) {
        if v != 1 {
            w.key("v")
            w.int(v)
        }
    }

    private static func optional(_ name: StaticString, _ s: String?, _ w: inout JSONWriter) {
        guard let s else { return }
        w.key(name)
        w.string(s)
    }

    private static func optional(_ name: StaticString, _ i: Int?, _ w: inout JSONWriter) {
        guard let i else { return }
        w.key(name)
        w.int(i)
    }

    private static func metrics(_ e: MetricsEvent, _ w: inout JSONWriter) {
        version(e.contractVersion, &w)
        w.key("instance")
        w.string(e.instance)
        w.key("stage")
        w.string(e.stage)
        w.key("records_in")
        w.int(e.recordsIn)
        w.key("records_out")
        w.int(e.recordsOut)
        w.key("errors")
        w.int(e.errors)
        if let lag = e.lag {
            w.key("lag")
            w.int(lag)
        }
        if !e.latencyLeUs.isEmpty || !e.latencyCounts.isEmpty {
            w.key("latency_le_us")
            w.doubles(e.latencyLeUs)
            w.key("latency_counts")
            w.counts(e.latencyCounts)
        }
        if !e.serving.isEmpty {
            w.key("serving")
            w.array(e.serving) { w, s in
                w.open()
                w.key("model")
                w.string(s.model)
                w.key("version")
                w.int(s.version)
                w.key("role")
                w.string(s.role.rawValue)
                w.close()
            }
        }
        if !e.histograms.isEmpty {
            w.key("histograms")
            w.array(e.histograms) { versionHistograms($1, &$0) }
        }
    }

    /// One `histograms` entry; features in their own order, as the decoder keeps them.
    private static func versionHistograms(_ h: VersionHistograms, _ w: inout JSONWriter) {
        w.open()
        w.key("model")
        w.string(h.model)
        w.key("version")
        w.int(h.version)
        if let score = h.score {
            w.key("score")
            w.counts(score)
        }
        if !h.features.isEmpty {
            w.key("features")
            w.open()
            for f in h.features {
                w.key(f.name)
                w.counts(f.counts)
            }
            w.close()
        }
        w.close()
    }

    private static func model(_ e: ModelEvent, _ w: inout JSONWriter) {
        version(e.contractVersion, &w)
        w.key("model")
        w.string(e.model)
        w.key("version")
        w.int(e.version)
        w.key("event")
        w.string(e.event.rawValue)
        optional("description", e.description, &w)
        optional("parent", e.parent, &w)
        optional("to_version", e.toVersion, &w)
        optional("cause", e.cause, &w)
        optional("detail", e.detail, &w)
        optional("instance", e.instance, &w)
        if !e.metrics.isEmpty {
            w.key("metrics")
            w.namedValues(e.metrics)
        }
        if let a = e.artifact {
            w.key("artifact")
            w.open()
            w.key("format")
            w.string(a.format)
            w.key("sha256")
            w.string(a.sha256)
            w.key("bytes")
            w.int(a.bytes)
            optional("data", a.data, &w)
            optional("uri", a.uri, &w)
            w.close()
        }
        if let r = e.reference {
            w.key("reference")
            histogram(r.score, features: r.features, &w)
        }
    }

    /// A reference histogram; per-feature ones are sorted by name so output is deterministic.
    private static func histogram(_ h: ReferenceHistogram, features: [String: ReferenceHistogram], _ w: inout JSONWriter) {
        w.open()
        w.key("edges")
        w.doubles(h.edges)
        w.key("counts")
        w.doubles(h.counts)
        w.key("n")
        w.int(h.n)
        if let sample = h.sample {
            w.key("sample")
            w.doubles(sample)
        }
        if !features.isEmpty {
            w.key("features")
            w.open()
            for name in features.keys.sorted() {
                guard let f = features[name] else { continue }
                w.key(name)
                histogram(f, features: [:], &w)
            }
            w.close()
        }
        w.close()
    }

    private static func scored(_ e: ScoredEvent, _ w: inout JSONWriter) {
        version(e.contractVersion, &w)
        w.key("key")
        w.string(e.key)
        w.key("model")
        w.string(e.model)
        w.key("version")
        w.int(e.version)
        w.key("role")
        w.string(e.role.rawValue)
        w.key("score")
        w.double(e.score)
        if let p = e.prediction {
            w.key("prediction")
            w.outcome(p)
        }
        if let l = e.label {
            w.key("label")
            w.outcome(l)
        }
        if let l = e.latencyUs {
            w.key("latency_us")
            w.double(l)
        }
        if !e.features.isEmpty {
            w.key("features")
            w.namedValues(e.features)
        }
        optional("strategy", e.strategy, &w)
    }

    private static func label(_ e: LabelEvent, _ w: inout JSONWriter) {
        version(e.contractVersion, &w)
        w.key("key")
        w.string(e.key)
        w.key("label")
        w.outcome(e.label)
    }

    private static func control(_ e: ControlCommand, _ w: inout JSONWriter) {
        version(e.contractVersion, &w)
        w.key("id")
        w.string(e.id)
        w.key("action")
        w.string(e.action.rawValue)
        w.key("model")
        w.string(e.model)
        w.key("version")
        w.int(e.version)
        optional("from_version", e.fromVersion, &w)
        w.key("requested_by")
        w.string(e.requestedBy)
        optional("reason", e.reason, &w)
    }

    private static func ack(_ e: Ack, _ w: inout JSONWriter) {
        version(e.contractVersion, &w)
        w.key("id")
        w.string(e.id)
        w.key("status")
        w.string(e.status.rawValue)
        optional("detail", e.detail, &w)
    }
}
