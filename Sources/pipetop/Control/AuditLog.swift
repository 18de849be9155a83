import Foundation
import PipeTopCore
import Synchronization

/// The append-only audit log: one JSON line per entry, written with a single `write` on a
/// descriptor opened `O_APPEND` and `fsync`ed before the next, so a crash or `kill -9` can
/// lose at most the entry being written and never damages the ones before it.
final class AuditLog: Sendable {
    let path: String
    private let fd: Int32
    /// The last write error, for the status line (an audit failure must not pass silently).
    private let failure = Mutex<String?>(nil)

    /// Opens (creating it and its directory) `path` for appending.
    init(path: String) throws {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AuditLogError("cannot open the audit log \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(fd)
    }

    var lastFailure: String? { failure.withLock { $0 } }

    /// Appends `entry` and flushes it to disk.
    func append(_ entry: AuditEntry) {
        let line = Array((entry.jsonLine() + "\n").utf8)
        var written = 0
        while written < line.count {
            let n = line.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failure.withLock { $0 = "audit log \(path): \(String(cString: strerror(errno)))" }
                return
            }
            written += n
        }
        if fsync(fd) != 0 { failure.withLock { $0 = "audit log \(path): fsync: \(String(cString: strerror(errno)))" } }
    }

    /// Every complete entry of the log at `path`, oldest first; torn or foreign lines are counted.
    static func read(_ path: String) throws -> (entries: [AuditEntry], unreadable: Int) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditLogError("cannot read the audit log \(path)")
        }
        var entries: [AuditEntry] = []
        var unreadable = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if let entry = AuditEntry.parse(line) { entries.append(entry) } else { unreadable += 1 }
        }
        return (entries, unreadable)
    }
}

struct AuditLogError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
