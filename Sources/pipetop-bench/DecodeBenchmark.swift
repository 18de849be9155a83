import Foundation
import PipeTopCore

/// Decode and ingest throughput of the fast decoder against Foundation's JSONDecoder, same bytes, same run.
struct DecodeBenchmark {
    let corpus: ScoredCorpus

    /// (a) the fast decoder alone, records/s.
    func fastDecode() -> Double {
        var decoder = EventDecoder()
        var scratch = ScoredEvent()
        var checksum = 0.0
        let seconds = Stopwatch.time {
            corpus.bytes.withUnsafeBytes { all in
                for r in corpus.ranges {
                    let slice = UnsafeRawBufferPointer(rebasing: all[r])
                    if case .scored = try? decoder.decode(slice, scoredInto: &scratch) { checksum += scratch.score }
                }
            }
        }
        precondition(checksum > 0, "decoder produced nothing")
        return Double(corpus.ranges.count) / seconds
    }

    /// (b) the fast decoder feeding the store, batches of 4,096 under one lock, records/s.
    func decodeAndIngest() -> (rate: Double, snapshot: StoreSnapshot) {
        let store = PipelineStore(basis: .eventTime)
        var ingestor = MessageIngestor()
        let batch = 4_096
        let seconds = Stopwatch.time {
            corpus.bytes.withUnsafeBytes { all in
                var i = 0
                while i < corpus.ranges.count {
                    let end = min(i + batch, corpus.ranges.count)
                    store.withBatch { state, now in
                        for r in corpus.ranges[i..<end] {
                            ingestor.ingest(UnsafeRawBufferPointer(rebasing: all[r]), into: &state, source: "bench", arrivalMs: now)
                        }
                    }
                    i = end
                }
            }
        }
        return (Double(corpus.ranges.count) / seconds, store.snapshot())
    }

    /// (d) the store alone, on records decoded beforehand: where (b)'s time goes.
    func ingestOnly() -> Double {
        var decoder = EventDecoder()
        var records: [ScoredEvent] = []
        records.reserveCapacity(corpus.ranges.count)
        corpus.bytes.withUnsafeBytes { all in
            for r in corpus.ranges {
                if case .scored(let e)? = try? decoder.decode(UnsafeRawBufferPointer(rebasing: all[r])) { records.append(e) }
            }
        }
        let store = PipelineStore(basis: .eventTime)
        let seconds = Stopwatch.time {
            var i = 0
            while i < records.count {
                let end = min(i + 4_096, records.count)
                records.withUnsafeBufferPointer { buffer in
                    store.withBatch { state, now in
                        for k in i..<end { state.ingest(scored: buffer[k], source: "bench", arrivalMs: now) }
                    }
                }
                i = end
            }
        }
        return Double(records.count) / seconds
    }

    /// (c) Foundation's JSONDecoder on the same bytes, records/s.
    func foundationDecode() -> Double {
        let decoder = JSONDecoder()
        var checksum = 0.0
        let seconds = Stopwatch.time {
            corpus.bytes.withUnsafeBytes { all in
                for r in corpus.ranges {
                    let data = Data(all[r])
                    if let e = try? decoder.decode(FoundationScored.self, from: data) { checksum += e.score }
                }
            }
        }
        precondition(checksum > 0, "JSONDecoder produced nothing")
        return Double(corpus.ranges.count) / seconds
    }
}
