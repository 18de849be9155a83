#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable byte buffer that natural JSON is written into, one raw store per byte and no
/// reference counting on the way: the fast path of `pipetop tail --format json` on Avro and
/// Protobuf, where the tree is written once per message. Keep one and `reset()` it between
/// messages; its storage is reused.
public final class JSONTextBuffer {
    // Unchecked: the buffer is one writer's scratch, never shared, and dynamic exclusivity
    // checks on every byte cost more than the writing.
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var capacity: Int
    /// Bytes written since the last `reset()`.
    @exclusivity(unchecked) public private(set) var count = 0

    public init(capacity: Int = 1_024) {
        self.capacity = max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    public func reset() { count = 0 }

    /// Forgets what was written after the first `count` bytes.
    func truncate(to count: Int) { self.count = min(self.count, count) }

    /// The bytes written so far, valid until the next write.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always) func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private func grow(_ needed: Int) {
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = bigger
    }

    /// Lets `write` put at most `n` bytes in place at the end; it returns how many it wrote.
    @inline(__always) func append(upTo n: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(n)
        count += write(base + count)
    }

    @inline(__always) func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// Appends `bytes` as they are (they are to be JSON already).
    public func append(_ bytes: UnsafeRawBufferPointer) { raw(bytes) }

    func raw(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    func raw(_ text: StaticString) {
        raw(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"text"`, escaped as JSON requires (quote, backslash, control characters); the bytes
    /// are checked as they are copied, in one pass.
    func string(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { quoted(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(text.utf8).withUnsafeBytes { quoted($0) } }
    }

    /// `"bytes"` from UTF-8 bytes, escaped.
    func quoted(_ utf8: UnsafeRawBufferPointer) {
        let n = utf8.count
        reserve(n + 2)
        let out = base + count
        out[0] = UInt8(ascii: "\"")
        if let source = utf8.baseAddress?.assumingMemoryBound(to: UInt8.self) {
            // Copied while checked, one byte at a time: names and values are short.
            var i = 0
            while i < n {
                let b = source[i]
                if JSONEscape.needed(b) {
                    // The rare string with escapes: the rest is escaped byte by byte.
                    count += 1 + i
                    escaped(UnsafeRawBufferPointer(rebasing: utf8[i...]))
                    byte(UInt8(ascii: "\""))
                    return
                }
                out[1 + i] = b
                i += 1
            }
        }
        out[1 + n] = UInt8(ascii: "\"")
        count += n + 2
    }

    private func escaped(_ utf8: UnsafeRawBufferPointer) {
        for b in utf8 {
            if JSONEscape.needed(b) { JSONEscape.write(b, byte) } else { byte(b) }
        }
    }

    /// Decimal digits, written straight into the buffer.
    func int(_ v: Int64) {
        if v < 0 {
            byte(UInt8(ascii: "-"))
            uint(v.magnitude)
        } else {
            uint(UInt64(v))
        }
    }

    func uint(_ v: UInt64) {
        reserve(20)
        var cursor = DigitCursor(base: base, count: count)
        cursor.digits(v, width: 1)
        count = cursor.count
    }

    /// The shortest text that reads back to the same double (Swift's `description`), whole
    /// numbers without ".0"; non-finite values as the strings "NaN", "Infinity", "-Infinity".
    func double(_ d: Double) {
        guard d.isFinite else {
            raw(d.isNaN ? "\"NaN\"" : d < 0 ? "\"-Infinity\"" : "\"Infinity\"")
            return
        }
        if let whole = ShortDecimal.wholeNumber(d) {
            int(whole)
            return
        }
        reserve(ShortDecimal.maxLength)
        if let n = ShortDecimal.write(d, to: base + count) {
            count += n
            return
        }
        var text = d.description
        text.withUTF8 { raw(UnsafeRawBufferPointer($0)) }
    }

    /// Standard base64 in quotes.
    func base64(_ bytes: [UInt8]) {
        reserve((bytes.count + 2) / 3 * 4 + 2)
        byte(UInt8(ascii: "\""))
        var out: [UInt8] = []
        Base64.encode(bytes, into: &out)
        out.withUnsafeBytes { raw($0) }
        byte(UInt8(ascii: "\""))
    }

}
