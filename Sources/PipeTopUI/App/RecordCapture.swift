import Dispatch
import Foundation
import PipeTopCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The Tail screen's `W`: every scored record the store ingests from now on that matches the
/// filter (and the pipeline the screen is about), appended to a file as NDJSON or CSV, until
/// it is stopped. Records are seen on the ingestion path, not through the screen's sampled
/// ring, so nothing is skipped however fast the stream. On a topic's tail, every message its
/// reader decodes that matches, in its `MessageEnvelope`, NDJSON (`observe(_:topic:)`).
///
/// No file I/O happens where records are seen (under the store's lock) or on the UI loop:
/// records are encoded into a buffer, and full buffers (and, once a second, the partial one,
/// so the file can be followed while it grows) go to a writer queue of its own. The queue is
/// bounded (`maxQueuedChunks` of 64 KB): when the disk cannot keep up, a buffer that finds it
/// full is not written, and its records are counted as `dropped`, shown on the Tail screen
/// and when the capture ends, never lost silently.
public final class RecordCapture: ScoredObserver {
    /// What a capture has done so far.
    public struct Progress: Sendable, Hashable {
        public var path: String
        /// Records in the file (written out, not just buffered).
        public var written: UInt64 = 0
        /// Records matched but not written because the disk did not keep up.
        public var dropped: UInt64 = 0
        /// Why writing stopped (the file could not be written), if it did.
        public var error: String?
    }

    private struct Encoder {
        var buffer: [UInt8] = []
        /// Records in `buffer`.
        var buffered: UInt64 = 0
        var csvFeatures: [String]?
        var queued = 0
        var closed = false
    }

    private let filter: RecordFilter?
    private let pipeline: String?
    private let format: ScoredRecordFormat
    private let fd: Int32
    private let maxQueuedChunks: Int
    private let encoder: Mutex<Encoder>
    private let state: Mutex<Progress>
    private let io = DispatchQueue(label: "pipetop-capture")

    static let flushBytes = 1 << 16

    /// Opens (creating or truncating) `path`; the format follows the name (`.csv`, else NDJSON).
    public init(path: String, filter: RecordFilter?, pipeline: String?, maxQueuedChunks: Int = 64) throws(CaptureError) {
        let expanded = (path as NSString).expandingTildeInPath
        let fd = open(expanded, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CaptureError(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.filter = filter
        self.pipeline = pipeline
        self.maxQueuedChunks = max(1, maxQueuedChunks)
        format = ScoredRecordFormat(path: expanded)
        var e = Encoder()
        e.buffer.reserveCapacity(Self.flushBytes + 4_096)
        encoder = Mutex(e)
        state = Mutex(Progress(path: path))
    }

    public var progress: Progress { state.withLock { $0 } }

    /// A topic's message, from its reader's thread: appended in its envelope when its value
    /// matches the filter.
    public func observe(_ r: TopicRecord, topic: String) {
        if let filter, !filter.matches(r.value ?? .null) { return }
        encoder.withLock { w in
            guard !w.closed else { return }
            r.envelope(topic: topic).writeJSON(into: &w.buffer)
            w.buffer.append(UInt8(ascii: "\n"))
            w.buffered += 1
            if w.buffer.count >= Self.flushBytes { hand(&w) }
        }
    }

    public func observe(_ e: borrowing ScoredEvent) {
        if let pipeline, e.pipeline != pipeline { return }
        if let filter, !filter.matches(e) { return }
        encoder.withLock { w in
            guard !w.closed else { return }
            switch format {
            case .ndjson:
                EventEncoder.encode(scored: e, into: &w.buffer)
            case .csv:
                if w.csvFeatures == nil {
                    let features = e.features.map(\.name)
                    w.csvFeatures = features
                    w.buffer.append(contentsOf: ScoredRecordFormat.csvHeader(features: features).utf8)
                    w.buffer.append(UInt8(ascii: "\n"))
                }
                w.buffer.append(contentsOf: ScoredRecordFormat.csvRow(e, features: w.csvFeatures ?? []).utf8)
            }
            w.buffer.append(UInt8(ascii: "\n"))
            w.buffered += 1
            if w.buffer.count >= Self.flushBytes { hand(&w) }
        }
    }

    /// Sends what is buffered to the writer (the app loop calls it every second); returns at once.
    public func flush() {
        encoder.withLock { hand(&$0) }
    }

    /// Sends what is buffered, waits for the writer to finish and closes the file; the capture
    /// writes nothing more. Returns what it did.
    @discardableResult
    public func finish() -> Progress {
        let first = encoder.withLock { w -> Bool in
            guard !w.closed else { return false }
            hand(&w)
            w.closed = true
            return true
        }
        if first {
            io.sync {}
            if close(fd) != 0 { state.withLock { if $0.error == nil { $0.error = String(cString: strerror(errno)) } } }
        }
        return progress
    }

    /// Queues the buffer for the writer, or counts its records dropped when the queue is full.
    private func hand(_ w: inout Encoder) {
        guard !w.buffer.isEmpty else { return }
        let chunk = w.buffer
        let records = w.buffered
        w.buffer.removeAll(keepingCapacity: true)
        w.buffered = 0
        guard w.queued < maxQueuedChunks else {
            state.withLock { $0.dropped += records }
            return
        }
        w.queued += 1
        io.async { [self] in
            write(chunk, records: records)
            encoder.withLock { $0.queued -= 1 }
        }
    }

    /// On the writer queue: the chunk to the file, or nothing more once a write failed.
    private func write(_ chunk: [UInt8], records: UInt64) {
        guard state.withLock({ $0.error == nil }) else { return }
        let failed: Int32? = chunk.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        state.withLock { p in
            if let failed { p.error = String(cString: strerror(failed)) } else { p.written += records }
        }
    }
}
