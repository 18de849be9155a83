import Foundation
import PipeTopCore

/// `pipetop-bench parallel [N] [WORKERS]`: a recording's lines (N scored records of twelve
/// pipelines) read into a store by the replay's ingest pool, with one worker and one shard
/// against WORKERS of each (default: one per core), alternating, wall time, median of 3.
/// Target: ≥ 1.7× with two workers on two cores.
struct ParallelIngestBenchmark {
    let corpus: ScoredCorpus

    init(count: Int) {
        corpus = ScoredCorpus(count: count, pipelines: (1...12).map { "pipeline-\($0)" })
    }

    /// Records per second of wall time through `workers` workers into as many shards.
    func rate(workers: Int) -> Double {
        let store = PipelineStore(basis: .eventTime, shards: workers)
        let started = DispatchTime.now().uptimeNanoseconds
        let pool = OrderedIngestPool(store: store, source: "bench", workers: workers)
        var batch = LineBatch()
        corpus.bytes.withUnsafeBytes { all in
            for r in corpus.ranges {
                batch.append(UnsafeRawBufferPointer(rebasing: all[r]))
                if batch.count == 4_096 {
                    pool.submit(batch)
                    batch = LineBatch()
                }
            }
        }
        pool.submit(batch)
        pool.finish()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        guard store.scoredTotal == UInt64(corpus.ranges.count) else {
            FileHandle.standardError.write(Data("pipetop-bench: \(store.scoredTotal) of \(corpus.ranges.count) records in the store\n".utf8))
            exit(1)
        }
        return Double(corpus.ranges.count) / seconds
    }

    func run(workers: Int) {
        print("parallel ingest: \(corpus.ranges.count) scored records of 12 pipelines, replay pool, wall time, median of 3 alternating runs")
        var one: [Double] = [], many: [Double] = []
        for _ in 0..<3 {
            one.append(rate(workers: 1))
            many.append(rate(workers: workers))
        }
        let a = one.sorted()[1], b = many.sorted()[1]
        print(String(format: "  1 worker,  1 shard   %10.0f records/s", a))
        print(String(format: "  %d workers, %d shards  %10.0f records/s   %.2fx", workers, workers, b, b / a)
            + (workers == 2 ? "   target >= 1.7x: " + (b / a >= 1.7 ? "met" : "MISSED") : ""))
    }
}
