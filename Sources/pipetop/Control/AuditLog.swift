import Foundation
import PipeTopCore
import Synchronization

/// The append-only audit log: one JSON line per entry, written with a single `write` on a
/// descriptor opened `O_APPEND` and `fsync`ed before the next, so a crash or `kill -9` can
/// lose at most the entry being written and never damages the ones before it.
///
/// A `write` killed part way is cut short (Linux stops a write at a page boundary of the file
/// when the writer gets SIGKILL), so a killed writer can leave the start of its entry without
/// its newline. Each append therefore runs under an exclusive `flock` and first cuts such a
/// torn tail back to the last whole line: otherwise the next entry would be glued to it and
/// both lost. Every process appending to the log (dashboard, `promote`, `rollback`) does this.
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
        fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AuditLogError("cannot open the audit log \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(fd)
    }

    var lastFailure: String? { failure.withLock { $0 } }

    /// Appends `entry` and flushes it to disk.
    func append(_ entry: AuditEntry) {
        let line = Array((entry.jsonLine() + "\n").utf8)
        let locked = lock()
        defer { if locked { flock(fd, LOCK_UN) } }
        if locked, let problem = cutTornTail() {
            failure.withLock { $0 = "audit log \(path): \(problem)" }
            return
        }
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

    /// Takes the exclusive lock, waiting at most `lockWaitMs` (a writer stopped with ctrl-z
    /// while it holds the lock must not hang the others). Where it cannot be had in time, or
    /// the file system has no locks (ENOLCK on some NFS mounts), the entry is still written:
    /// only the cut, which must not race another writer, is left out.
    private func lock() -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + Self.lockWaitMs * 1_000_000
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            guard errno == EWOULDBLOCK || errno == EINTR, DispatchTime.now().uptimeNanoseconds < deadline else { return false }
            usleep(5_000)
        }
    }

    static let lockWaitMs: UInt64 = 2_000

    /// Cuts the log back to its last whole line when it does not end with one (an entry whose
    /// writer was killed mid-`write`). Returns what failed, if anything did.
    private func cutTornTail() -> String? {
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return nil }
        let newline = UInt8(ascii: "\n")
        var last: UInt8 = 0
        guard pread(fd, &last, 1, size - 1) == 1 else { return "read: \(String(cString: strerror(errno)))" }
        if last == newline { return nil }
        var chunk = [UInt8](repeating: 0, count: 4096)
        var end = size
        var keep: off_t = 0
        while end > 0 {
            let start = max(0, end - off_t(chunk.count))
            let count = Int(end - start)
            guard pread(fd, &chunk, count, start) == count else { return "read: \(String(cString: strerror(errno)))" }
            if let i = chunk[..<count].lastIndex(of: newline) {
                keep = start + off_t(i) + 1
                break
            }
            end = start
        }
        return ftruncate(fd, keep) == 0 ? nil : "cutting a torn entry: \(String(cString: strerror(errno)))"
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
