import Foundation
import PipeTopCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The Tail screen's `W`: every scored record the store ingests from now on that matches the
/// filter (and the pipeline the screen is about), appended to a file as NDJSON or CSV, until
/// it is stopped. Records are seen on the ingestion path, not through the screen's sampled
/// ring, so nothing is skipped however fast the stream; writes are buffered and flushed at
/// least once a second, so the file can be followed while it grows.
public final class ScoredCapture: ScoredObserver {
    /// What a capture has done so far.
    public struct Progress: Sendable, Hashable {
        public var path: String
        /// Records in the file (written out, not just buffered).
        public var written: UInt64 = 0
        /// Why writing stopped (the file could not be written), if it did.
        public var error: String?
    }

    private struct Writer {
        var fd: Int32
        var buffer: [UInt8] = []
        var progress: Progress
        var csvFeatures: [String]?
        /// Records in `buffer`, counted as written once the buffer is.
        var buffered: UInt64 = 0
    }

    private let filter: RecordFilter?
    private let pipeline: String?
    private let format: ScoredRecordFormat
    private let writer: Mutex<Writer>

    static let flushBytes = 1 << 16

    /// Opens (creating or truncating) `path`; the format follows the name (`.csv`, else NDJSON).
    public init(path: String, filter: RecordFilter?, pipeline: String?) throws(CaptureError) {
        let expanded = (path as NSString).expandingTildeInPath
        let fd = open(expanded, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CaptureError(path: path, reason: String(cString: strerror(errno))) }
        self.filter = filter
        self.pipeline = pipeline
        format = ScoredRecordFormat(path: expanded)
        var w = Writer(fd: fd, progress: Progress(path: path))
        w.buffer.reserveCapacity(Self.flushBytes + 4_096)
        writer = Mutex(w)
    }

    public var progress: Progress { writer.withLock { $0.progress } }

    public func observe(_ e: borrowing ScoredEvent) {
        if let pipeline, e.pipeline != pipeline { return }
        if let filter, !filter.matches(e) { return }
        writer.withLock { w in
            guard w.progress.error == nil else { return }
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
            if w.buffer.count >= Self.flushBytes { Self.flush(&w) }
        }
    }

    /// Writes out what is buffered (the app loop calls it every second).
    public func flush() {
        writer.withLock { Self.flush(&$0) }
    }

    /// Flushes and closes the file; the capture writes nothing more. Returns what it did.
    @discardableResult
    public func finish() -> Progress {
        writer.withLock { w in
            Self.flush(&w)
            if w.fd >= 0 {
                if close(w.fd) != 0, w.progress.error == nil { w.progress.error = String(cString: strerror(errno)) }
                w.fd = -1
            }
            return w.progress
        }
    }

    private static func flush(_ w: inout Writer) {
        defer {
            w.buffer.removeAll(keepingCapacity: true)
            w.buffered = 0
        }
        guard w.fd >= 0, w.progress.error == nil, !w.buffer.isEmpty else { return }
        let failed: Int32? = w.buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(w.fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failed {
            w.progress.error = String(cString: strerror(failed))
        } else {
            w.progress.written += w.buffered
        }
    }
}
