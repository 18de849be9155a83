import Foundation
import PipeTopCore
import PipeTopKafka

/// `pipetop-bench kafka-ingest BROKERS TOPIC COUNT [ingest_threads=N] [KEY=VALUE…]`: the
/// dashboard's Kafka source reading a scored topic from the beginning into a `PipelineStore`
/// (of N shards, with N ingest workers), timed until COUNT records are in the store; KEY=VALUE
/// are librdkafka properties, as `-X`. Run by `scripts/bench-kafka` against a local broker,
/// alternating with kcat, and by `scripts/bench-parallel`, one worker against two.
enum KafkaIngestBenchmark {
    static func run(brokers: String, topic: String, count: UInt64, threads: Int = 1, properties: [String: String] = [:]) {
        let store = PipelineStore(shards: threads)
        // Only the scored topic exists; the others are named so they are never found.
        let topics = TopicNames(metrics: topic + ".none.m", models: topic + ".none.o", scored: topic, control: topic + ".none.c")
        var options = KafkaSourceOptions()
        options.start[.scored] = .beginning
        options.ingestThreads = threads
        let source = KafkaSource(config: KafkaClientConfig(brokers: brokers, properties: properties), topics: topics, options: options)
        let started = DispatchTime.now().uptimeNanoseconds
        let cpuBefore = Self.cpuSeconds()
        do {
            try source.start(into: store)
        } catch {
            FileHandle.standardError.write(Data("pipetop-bench: \(error)\n".utf8))
            exit(2)
        }
        var peakRSS = 0
        var lastProgress = started
        var lastCount: UInt64 = 0
        while source.statistics.messages < count {
            usleep(2_000)
            peakRSS = max(peakRSS, ResidentMemory.bytes())
            let now = DispatchTime.now().uptimeNanoseconds
            let seen = source.statistics.messages
            if seen != lastCount {
                lastCount = seen
                lastProgress = now
            } else if now - lastProgress > 30_000_000_000 {
                FileHandle.standardError.write(Data("pipetop-bench: stuck at \(seen) of \(count) records: \(source.status.text)\n".utf8))
                exit(2)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let cpu = Self.cpuSeconds() - cpuBefore
        let snapshot = store.snapshot()
        source.stop()
        print(String(
            format: "kafka-ingest: %d thread(s): %llu records in %.3f s (%.0f records/s), %llu scored in the store, %llu malformed, peak RSS %.1f MB, CPU %.2f s (%.0f%% of one core)",
            threads, count, seconds, Double(count) / seconds, snapshot.scoredTotal,
            snapshot.sources.map(\.malformed).reduce(0, +), Double(peakRSS) / 1_048_576, cpu, 100 * cpu / seconds))
    }

    /// This process's CPU time so far, user and system, every thread.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
