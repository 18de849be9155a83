/// Appends compact JSON to a byte array: objects with members, escaped strings, round-trip numbers.
struct JSONWriter {
    var out: [UInt8]
    /// Whether the object being written still has no member (no comma before the next one).
    private var empty = true

    init(_ out: [UInt8]) {
        self.out = out
    }

    mutating func open() {
        out.append(UInt8(ascii: "{"))
        empty = true
    }

    mutating func close() {
        out.append(UInt8(ascii: "}"))
        empty = false
    }

    /// Starts a member: comma if needed, the quoted name and a colon.
    mutating func key(_ name: StaticString) {
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
    }

    /// Starts a member whose name is data (feature and metric names), escaped.
    mutating func key(_ name: String) {
        if !empty { out.append(UInt8(ascii: ",")) }
        empty = false
        string(name)
        out.append(UInt8(ascii: ":"))
    }

    mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        // Most strings (names, keys) need no escape: copy them in one go.
        var s = s
        let plain = s.withUTF8 { bytes in
            for b in bytes where JSONEscape.needed(b) { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            if JSONEscape.needed(b) { JSONEscape.write(b) { out.append($0) } } else { out.append(b) }
        }
        out.append(UInt8(ascii: "\""))
    }

    mutating func int(_ v: Int) {
        int64(Int64(v))
    }

    mutating func int(_ v: some BinaryInteger) {
        if let i = Int64(exactly: v) { int64(i) } else { append(v.description) }
    }

    /// Decimal digits written straight into `out`, without a `String` in between.
    mutating func int64(_ v: Int64) {
        // 19 digits and a sign at most.
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &text) { b in
            let base = b.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let sign = v < 0 ? 1 : 0
            base[0] = UInt8(ascii: "-")
            let n = DecimalDigits.count(v.magnitude)
            DecimalDigits.write(v.magnitude, width: n, endingAt: base + sign + n)
            out.append(contentsOf: UnsafeRawBufferPointer(start: base, count: sign + n))
        }
    }

    /// Shortest text that reads back to the same `Double` (Swift's `description` guarantees
    /// that, and `ShortDecimal` writes it for short decimals without a `String`); integral
    /// values print without ".0". Non-finite values have no JSON form and
    /// are written as `null`, so a receiver rejects or drops them rather than reading a made-up number.
    mutating func double(_ d: Double) {
        guard d.isFinite else {
            append("null")
            return
        }
        if let whole = ShortDecimal.wholeNumber(d) {
            int64(whole)
            return
        }
        let written = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ShortDecimal.maxLength) { text -> Bool in
            guard let base = text.baseAddress, let n = ShortDecimal.write(d, to: base) else { return false }
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: n))
            return true
        }
        if !written { append(d.description) }
    }

    /// `[…]` of `values`, each written by `element`.
    mutating func array<T>(_ values: [T], _ element: (inout JSONWriter, T) -> Void) {
        out.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            element(&self, v)
        }
        out.append(UInt8(ascii: "]"))
    }

    mutating func doubles(_ values: [Double]) {
        array(values) { $0.double($1) }
    }

    /// `[count, ...]` of unsigned integers.
    mutating func counts(_ values: [UInt64]) {
        array(values) { $0.int($1) }
    }

    mutating func outcome(_ o: Outcome) {
        switch o {
        case .number(let x): double(x)
        case .text(let s): string(s)
        }
    }

    /// `{name: number, ...}` in the given order.
    mutating func namedValues(_ values: [NamedValue]) {
        open()
        for v in values {
            key(v.name)
            double(v.value)
        }
        close()
    }

    /// Bytes already in JSON form (a template's fixed members), copied as they are.
    mutating func raw(_ bytes: [UInt8]) {
        out.append(contentsOf: bytes)
    }

    mutating func raw(_ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ s: String) {
        out.append(contentsOf: s.utf8)
    }
}
