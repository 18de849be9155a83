import Foundation

/// Buffered writes to standard output: messages are copied into one large buffer that goes out
/// in a single `write` when full or when the reader is idle, instead of a write (or stdio call)
/// per message.
struct StandardOutputBuffer: ~Copyable {
    private var buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    /// Set once a write failed (e.g. the reader of a pipe went away).
    private(set) var failed = false

    init(capacity: Int = 1 << 20) {
        buffer = .allocate(byteCount: max(capacity, 4096), alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Appends `bytes` and a newline.
    mutating func appendLine(_ bytes: UnsafeRawBufferPointer) {
        if used + bytes.count + 1 > buffer.count {
            flush()
            if bytes.count + 1 > buffer.count {
                write(bytes)
                withUnsafeBytes(of: UInt8(ascii: "\n")) { write($0) }
                return
            }
        }
        if let base = bytes.baseAddress, bytes.count > 0 {
            (buffer.baseAddress! + used).copyMemory(from: base, byteCount: bytes.count)
        }
        used += bytes.count
        buffer[used] = UInt8(ascii: "\n")
        used += 1
    }

    /// Appends `bytes` and a newline.
    mutating func appendLine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { appendLine($0) }
    }

    /// Writes out what is buffered.
    mutating func flush() {
        guard used > 0 else { return }
        write(UnsafeRawBufferPointer(rebasing: buffer[0..<used]))
        used = 0
    }

    private mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard !failed, let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(1, base + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                failed = true
                return
            }
            offset += n
        }
    }
}
