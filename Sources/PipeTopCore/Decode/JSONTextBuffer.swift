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

    /// (Unchecked sums here and in the writers: counts are sizes of memory, far from overflowing.)
    @inline(__always) func reserve(_ n: Int) {
        if count &+ n > capacity { grow(count &+ n) }
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
        count &+= write(base + count)
    }

    @inline(__always) func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count &+= 1
    }

    /// Appends `bytes` as they are (they are to be JSON already).
    public func append(_ bytes: UnsafeRawBufferPointer) { raw(bytes) }

    func raw(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count += bytes.count
    }

    /// The most bytes `appendPadded` copies with two word stores.
    static let shortCopy = 16

    /// Appends the `count` bytes at `source`, which may be read `shortCopy` bytes ahead
    /// whatever `count` is: a short text is copied two words at a time, without a call.
    @inline(__always) func appendPadded(_ source: UnsafeRawPointer, count n: Int) {
        guard n <= Self.shortCopy else {
            raw(UnsafeRawBufferPointer(start: source, count: n))
            return
        }
        reserve(Self.shortCopy)
        let to = UnsafeMutableRawPointer(base + count)
        to.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
        to.storeBytes(of: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        count &+= n
    }

    func raw(_ text: StaticString) {
        raw(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"text"`, escaped as JSON requires (quote, backslash, control characters); the bytes
    /// are checked as they are copied, in one pass (a `String` is UTF-8 already: it is written).
    func string(_ text: String) {
        let done: Bool? = text.utf8.withContiguousStorageIfAvailable { quotedIfValidUTF8(UnsafeRawBufferPointer($0)) }
        if done == nil { _ = Array(text.utf8).withUnsafeBytes { quotedIfValidUTF8($0) } }
    }

    /// `"bytes"` when `utf8` is valid UTF-8, escaped, in one pass that copies, escapes and
    /// checks: eight plain ASCII bytes at a time, byte by byte from the first byte that is
    /// not (the rest then checked whole). False, with nothing written, when it is not UTF-8.
    func quotedIfValidUTF8(_ utf8: UnsafeRawBufferPointer) -> Bool {
        let n = utf8.count
        reserve(n + 2)
        let out = base + count
        out[0] = UInt8(ascii: "\"")
        var i = 0
        if let source = utf8.baseAddress {
            while i + 8 <= n {
                let w = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                guard Self.notPlain(w) == 0 else { break }
                UnsafeMutableRawPointer(out + 1 + i).storeBytes(of: w, as: UInt64.self)
                i += 8
            }
            while i < n {
                let b = source.load(fromByteOffset: i, as: UInt8.self)
                // Below 0x20 or from 0x80 (wrapped, both are 0x60 or more), a quote, a backslash.
                if b &- 0x20 >= 0x60 || b == 0x22 || b == 0x5C {
                    let rest = UnsafeRawBufferPointer(rebasing: utf8[i...])
                    guard UTF8Validation.isValid(rest) else { return false }
                    count += 1 + i
                    escaped(rest)
                    byte(UInt8(ascii: "\""))
                    return true
                }
                out[1 + i] = b
                i += 1
            }
        }
        out[1 + n] = UInt8(ascii: "\"")
        count &+= n &+ 2
        return true
    }

    /// `quotedIfValidUTF8(utf8)` for a string inside a larger buffer whose bytes from `floor`
    /// on may be read: one of at most 16 bytes is checked and copied with two word loads and
    /// stores, without a loop or a call (up to 8 bytes, the word ending where it ends).
    @inline(__always) func quotedIfValidUTF8(_ utf8: UnsafeRawBufferPointer, readableFrom floor: UnsafeRawPointer) -> Bool {
        let n = utf8.count
        guard n > 0, n <= 16, let start = utf8.baseAddress, start + n - 8 >= floor else { return quotedIfValidUTF8(utf8) }
        reserve(18)
        let out = UnsafeMutableRawPointer(base + count)
        if n <= 8 {
            // The string's bytes are the word's top n; shifted down, zeros come in on top,
            // and the test looks at the low n bytes only (the bytes above them cannot make a
            // low byte look special: the tests' borrows run upwards).
            let w = (start + n - 8).loadUnaligned(as: UInt64.self) &>> UInt64(64 &- 8 &* n)
            guard Self.notPlain(w) & (UInt64.max &>> UInt64(64 &- 8 &* n)) == 0 else { return quotedIfValidUTF8(utf8) }
            out.storeBytes(of: w, toByteOffset: 1, as: UInt64.self)
        } else {
            let low = start.loadUnaligned(as: UInt64.self)
            let high = (start + n - 8).loadUnaligned(as: UInt64.self)
            guard Self.notPlain(low) | Self.notPlain(high) == 0 else { return quotedIfValidUTF8(utf8) }
            out.storeBytes(of: low, toByteOffset: 1, as: UInt64.self)
            out.storeBytes(of: high, toByteOffset: n - 7, as: UInt64.self)
        }
        out.storeBytes(of: UInt8(ascii: "\""), as: UInt8.self)
        out.storeBytes(of: UInt8(ascii: "\""), toByteOffset: n + 1, as: UInt8.self)
        count &+= n &+ 2
        return true
    }

    /// The high bit of each byte of `w` that may not be plain ASCII, which stands in a JSON
    /// string as it is (non-ASCII, a control character, a quote or a backslash are not): at
    /// least every one that is not, and none below the lowest that is not (the tests for a byte
    /// below a bound and for a zero byte, a word at a time, are exact up to that byte).
    @inline(__always)
    private static func notPlain(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (w &- 0x20 &* ones) & ~w
        let quote = w ^ 0x22 &* ones
        let backslash = w ^ 0x5C &* ones
        return (w | control | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs
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
    /// (Inlined where it is called: short decimals, the commonest; the rest is `otherDouble`'s.)
    @inline(__always) func double(_ d: Double) {
        reserve(ShortDecimal.maxLength)
        if let n = ShortDecimal.write(d, to: base + count) {
            count &+= n
            return
        }
        otherDouble(d)
    }

    /// A double that is not a short decimal: whole, non-finite, or of more digits.
    private func otherDouble(_ d: Double) {
        guard d.isFinite else {
            raw(d.isNaN ? "\"NaN\"" : d < 0 ? "\"-Infinity\"" : "\"Infinity\"")
            return
        }
        if let whole = ShortDecimal.wholeNumber(d) {
            int(whole)
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
