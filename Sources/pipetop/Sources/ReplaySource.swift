import ArgumentParser
import Foundation
import PipeTopCore
import Synchronization

/// Reads a recording (NDJSON of contract events) into the store on a thread of its own,
/// paced at `speed` by the Kafka timestamps `pipetop record` keeps (else by event time), or
/// as fast as possible at `max`.
final class ReplaySource: EventSource {
    /// How far the replay got, for the header.
    enum Progress: Sendable, Equatable {
        case running(lines: Int)
        case finished(lines: Int)
        case failed(String)
    }

    let path: String
    let speed: ReplaySpeed
    /// Threads decoding the recording's lines in parallel (see `run`).
    let ingestWorkers: Int
    private let progress = Mutex(Progress.running(lines: 0))
    private let stopped = Mutex(false)

    init(path: String, speed: ReplaySpeed, workers: Int = 1) {
        self.path = path
        self.speed = speed
        ingestWorkers = max(1, workers)
    }

    var name: String { "replay \((path as NSString).lastPathComponent) at \(speed)" }

    var progressStatus: Progress { progress.withLock { $0 } }

    var status: SourceStatus {
        switch progressStatus {
        case .running(let n): SourceStatus("replaying (\(n) events)")
        case .finished(let n): SourceStatus("replay finished (\(n) events)")
        case .failed(let why): SourceStatus("replay failed: \(why)", .critical)
        }
    }

    /// Opens the file (so a missing file is an error before the screen is taken) and reads it
    /// on a background thread.
    func start(into store: PipelineStore) throws {
        let handle: FileHandle
        do {
            handle = try RecordingFile.open(path)
        } catch {
            throw ValidationError(error.description)
        }
        let thread = Thread { [self] in self.run(handle, store) }
        thread.name = "pipetop-replay"
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
    }

    /// Reads everything (blocking): used by the thread, and by tests and headless runs. Lines
    /// go in batches to as many ingest workers as the store has shards, which decode them in
    /// parallel; each pipeline's events still reach the store in the file's order.
    func run(_ handle: FileHandle, _ store: PipelineStore) {
        var splitter = LineSplitter()
        var pacer = ReplayPacer(speed: speed)
        var timeDecoder = EventDecoder()
        var lines = 0
        var batch = LineBatch()
        let pool = OrderedIngestPool(store: store, source: "replay", workers: store.shardCount)
        func flush() {
            guard !batch.isEmpty else { return }
            lines += batch.count
            pool.submit(batch)
            batch = LineBatch()
            progress.withLock { $0 = .running(lines: lines) }
        }
        while !stopped.withLock({ $0 }) {
            let chunk: Data
            do {
                guard let data = try handle.read(upToCount: 1 << 20), !data.isEmpty else { break }
                chunk = data
            } catch {
                pool.finish()
                progress.withLock { $0 = .failed(FileErrorReason.of(error)) }
                return
            }
            chunk.withUnsafeBytes { raw in
                splitter.feed(raw) { line in
                    // Paced by when the message reached the broker if the recorder kept it
                    // (`_source.timestamp`), else by the event's own time.
                    if case .times = speed, let dueMs = RecordedTimestamp.milliseconds(in: line) ?? (try? timeDecoder.decode(line))?.tsMs {
                        var wait = pacer.delay(forEventAt: dueMs, wallMs: SystemWallClock().nowMs())
                        if wait > 0 { flush() }
                        // In slices, so stopping never waits for a long gap in the recording.
                        while wait > 0, !stopped.withLock({ $0 }) {
                            usleep(UInt32(min(wait, 100) * 1000))
                            wait = pacer.delay(forEventAt: dueMs, wallMs: SystemWallClock().nowMs())
                        }
                    }
                    batch.append(line)
                    if batch.count >= 4_096 { flush() }
                }
            }
            if case .times = speed { flush() }
        }
        splitter.finish { batch.append($0) }
        flush()
        pool.finish()
        // Stopped early, the replay stays where it was; read to its end, its last second counts too.
        if !stopped.withLock({ $0 }) { store.settle() }
        progress.withLock { $0 = .finished(lines: lines) }
    }
}
