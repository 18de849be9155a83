import Foundation
import PipeTopCore
import Synchronization

/// Writes every message value as one line of NDJSON to a file or standard output, through a
/// large buffer (one `write` per megabyte). A closed pipe (`| head`) ends the run quietly.
final class NDJSONFileSink: EventSink {
    private struct State {
        var buffer: [UInt8] = []
        var lines = 0
        var closedPipe = false
    }

    let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let state = Mutex(State())
    private static let flushAt = 1 << 20

    /// Opens `path` for writing (truncating it); `-` is standard output.
    init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = STDOUT_FILENO
            ownsDescriptor = false
        } else {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw SinkError("cannot write \(path): \(String(cString: strerror(errno)))") }
            ownsDescriptor = true
        }
        signal(SIGPIPE, SIG_IGN)
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    var lines: Int { state.withLock { $0.lines } }

    func publish(_ batch: MessageBatch) throws {
        try state.withLock { s in
            if s.closedPipe { throw SinkError.closedPipe }
            batch.forEach { _, _, value in
                s.buffer.append(contentsOf: value)
                s.buffer.append(UInt8(ascii: "\n"))
            }
            s.lines += batch.count
            if s.buffer.count >= Self.flushAt { try write(&s) }
        }
    }

    func flush() throws {
        try state.withLock { s in try write(&s) }
    }

    private func write(_ s: inout State) throws {
        var offset = 0
        defer { s.buffer.removeAll(keepingCapacity: true) }
        while offset < s.buffer.count {
            let n = s.buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE {
                    s.closedPipe = true
                    throw SinkError.closedPipe
                }
                throw SinkError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}

/// Why a sink stopped taking messages.
struct SinkError: Error, CustomStringConvertible, Equatable {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    static let closedPipe = SinkError("the reader closed the pipe")
}
