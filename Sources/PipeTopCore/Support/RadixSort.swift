/// LSD radix sort of 64-bit keys, a byte at a time, skipping bytes all keys share.
///
/// For the quality window's AUC and the drift windows' KS, which the store computes under its
/// lock every second of store time: a few thousand keys sort in a tenth of the time a
/// comparison sort takes, with no mispredicted branches. `scratch` is resized as needed and its contents are garbage after.
enum RadixSort {
    static func sort(_ keys: inout [UInt64], scratch: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        if scratch.count < n { scratch = [UInt64](repeating: 0, count: n) }
        // `scratch` may be longer than `keys`: only its first `n` are used.
        // All eight byte histograms in one pass.
        var counts = [Int](repeating: 0, count: 8 * 256)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for key in k {
                    for b in 0..<8 { c[b << 8 | Int(truncatingIfNeeded: key >> UInt64(8 * b)) & 0xFF] += 1 }
                }
            }
        }
        var inKeys = true
        for b in 0..<8 {
            let first = Int(truncatingIfNeeded: keys[0] >> UInt64(8 * b)) & 0xFF
            // Every key has the same byte here: the pass would not move anything.
            if counts[b << 8 | first] == n { continue }
            var offsets = [Int](repeating: 0, count: 256)
            var sum = 0
            for d in 0..<256 {
                offsets[d] = sum
                sum += counts[b << 8 | d]
            }
            let shift = UInt64(8 * b)
            func scatter(_ from: UnsafeBufferPointer<UInt64>, _ to: UnsafeMutableBufferPointer<UInt64>) {
                offsets.withUnsafeMutableBufferPointer { o in
                    for key in from {
                        let d = Int(truncatingIfNeeded: key >> shift) & 0xFF
                        to[o[d]] = key
                        o[d] += 1
                    }
                }
            }
            if inKeys {
                keys.withUnsafeBufferPointer { k in scratch.withUnsafeMutableBufferPointer { s in scatter(k, s) } }
            } else {
                scratch.withUnsafeBufferPointer { s in
                    keys.withUnsafeMutableBufferPointer { k in scatter(UnsafeBufferPointer(rebasing: s[..<n]), k) }
                }
            }
            inKeys.toggle()
        }
        if !inKeys {
            keys.withUnsafeMutableBufferPointer { k in
                scratch.withUnsafeBufferPointer { s in k.baseAddress!.update(from: s.baseAddress!, count: n) }
            }
        }
    }

    /// A key whose unsigned order is the numeric order of finite doubles, with −0 equal to +0.
    @inline(__always) static func key(_ x: Double) -> UInt64 {
        let bits = (x == 0 ? 0.0 : x).bitPattern
        return bits >> 63 == 1 ? ~bits : bits | 1 << 63
    }

    /// The double a `key` stands for (−0 comes back as +0).
    @inline(__always) static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }
}
