import Foundation
import PipeTopCore
import Synchronization

/// Where librdkafka's log lines and errors go instead of the terminal: a bounded ring of the
/// latest lines (for a status line or a detail screen) and, when configured, a log file.
///
/// librdkafka calls in from its own threads; everything here is safe to call from any thread.
public final class KafkaLog: Sendable {
    /// One line as librdkafka reported it.
    public struct Line: Sendable, Hashable {
        /// Wall-clock time, epoch milliseconds.
        public var atMs: Int64
        /// syslog level: 0 emergency … 3 error, 4 warning, 6 info, 7 debug.
        public var level: Int
        /// librdkafka's facility, e.g. `FAIL`, `ERROR`, `CONFWARN`.
        public var facility: String
        public var message: String

        /// `LEVEL FACILITY message`, as written to the file (after the timestamp).
        public var text: String { "\(Self.levelName(level)) \(facility): \(message)" }

        static func levelName(_ level: Int) -> String {
            switch level {
            case ...3: "error"
            case 4: "warning"
            case 5, 6: "info"
            default: "debug"
            }
        }
    }

    private struct State {
        var ring: Ring<Line>
        var total: UInt64 = 0
    }

    private let state: Mutex<State>
    /// Append-only file descriptor, -1 without a file.
    private let fd: Int32
    public let filePath: String?

    /// Keeps the newest `capacity` lines; appends every line to `filePath` too, when given
    /// (created if missing). A file that cannot be opened is reported as the first line.
    public init(capacity: Int = 256, filePath: String? = nil) {
        state = Mutex(State(ring: Ring(capacity: capacity)))
        self.filePath = filePath
        if let filePath {
            fd = open(filePath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        } else {
            fd = -1
        }
        if let filePath, fd < 0 {
            append(level: 4, facility: "LOGFILE", message: "cannot open \(filePath): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Records a line (from librdkafka's callbacks or pipetop's own Kafka code).
    public func append(level: Int, facility: String, message: String) {
        let line = Line(atMs: SystemWallClock().nowMs(), level: level, facility: facility, message: message)
        state.withLock {
            $0.ring.append(line)
            $0.total += 1
            if fd >= 0 {
                var bytes = Array((TimestampText.format(epochMilliseconds: line.atMs) + " " + line.text + "\n").utf8)
                bytes.withUnsafeMutableBytes { raw in
                    var offset = 0
                    while offset < raw.count {
                        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                        if n <= 0 { break }
                        offset += n
                    }
                }
            }
        }
    }

    /// The lines kept, oldest first.
    public var lines: [Line] { state.withLock { $0.ring.elements } }

    /// The newest line, if any.
    public var last: Line? { state.withLock { $0.ring.newest(1).first } }

    /// Lines recorded since start, including those the ring no longer holds.
    public var total: UInt64 { state.withLock { $0.total } }
}
