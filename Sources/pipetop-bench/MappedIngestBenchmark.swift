import PipeTopCore

/// Topic-mapped ingest on the same records as the contract path: the corpus's JSON read as a
/// foreign pipeline's (`[pipelines.scored] format = "json"`, every field by JSON Pointer),
/// the mapped values read without the tree (`JSONPointerReader`), mapped to scored events and
/// fed to the store in batches of 4,096, as `KafkaSource` does for a mapped JSON pipeline.
/// Target: ≥ 60 % of the contract path's rate.
struct MappedIngestBenchmark {
    let corpus: ScoredCorpus

    /// What mapping reads of a message besides its value: a fixed place, as a topic would give.
    private struct Message: MappedMessage {
        var topic = "bench.scored"
        var partition: Int32 = 0
        var offset: Int64 = 0
        var timestampMs: Int64? = 1_764_000_000_000
        var keyText: String? = nil
        func headerText(_ name: String) -> String? { nil }
    }

    static let fields = [
        "key": "/key", "score": "/score", "model": "/model", "version": "/version", "prediction": "/prediction",
        "label": "/label", "ts": "/ts_ms", "latency_us": "/latency_us", "role": "/role",
    ]

    func run() -> (rate: Double, snapshot: StoreSnapshot) {
        let selectors = Self.fields.mapValues { try! FieldSelector(parsing: $0) }
        let mapping = ScoredMapping(pipeline: "mapped", TopicMapping(format: .json, fields: selectors, features: .value(try! JSONPointer(parsing: "/features"))))
        var reader = JSONPointerReader(mapping.pointers, numbersAt: mapping.featuresSlot)
        var values: [DecodedValue?] = []
        var scratch = ScoredEvent()
        let message = Message()
        let store = PipelineStore(basis: .eventTime)
        var unmapped = 0
        let seconds = Stopwatch.time {
            corpus.bytes.withUnsafeBytes { all in
                var i = 0
                while i < corpus.ranges.count {
                    let end = min(i + 4_096, corpus.ranges.count)
                    store.withBatch { state, now in
                        for r in corpus.ranges[i..<end] {
                            guard (try? reader.read(UnsafeRawBufferPointer(rebasing: all[r]), into: &values, numbers: &scratch.features)) != nil,
                                  case .success = mapping.map(values: values, message, into: &scratch) else {
                                unmapped += 1
                                continue
                            }
                            state.ingest(scored: scratch, source: "bench", arrivalMs: now)
                        }
                    }
                    i = end
                }
            }
        }
        precondition(unmapped == 0, "\(unmapped) records did not map")
        return (Double(corpus.ranges.count) / seconds, store.snapshot())
    }
}
