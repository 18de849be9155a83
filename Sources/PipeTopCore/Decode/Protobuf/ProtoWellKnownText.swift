/// The text forms protobuf's JSON mapping gives Timestamp, Duration and FieldMask.
enum ProtoWellKnownText {
    /// RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits ("1972-01-01T10:00:20.021Z"), for
    /// 0001-01-01 … 9999-12-31; outside that (or nanos outside 0 ... 999,999,999), the fields.
    static func timestamp(seconds: Int64, nanos: Int32) -> DecodedValue {
        guard seconds >= -62_135_596_800, seconds <= 253_402_300_799, nanos >= 0, nanos <= 999_999_999 else {
            return fields(seconds, nanos)
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (y, m, d) = TimestampText.civil(fromDays: days)
        let (year, month, day) = (Int(y), Int(m), Int(d))
        // Written straight into the string's storage: one allocation per timestamp.
        let text = String(unsafeUninitializedCapacity: 30) { buffer in
            var w = DigitCursor(base: buffer.baseAddress!)
            w.digits(UInt64(year), width: 4)
            w.byte(UInt8(ascii: "-"))
            w.digits(UInt64(month), width: 2)
            w.byte(UInt8(ascii: "-"))
            w.digits(UInt64(day), width: 2)
            w.byte(UInt8(ascii: "T"))
            w.digits(UInt64(secondOfDay / 3_600), width: 2)
            w.byte(UInt8(ascii: ":"))
            w.digits(UInt64(secondOfDay / 60 % 60), width: 2)
            w.byte(UInt8(ascii: ":"))
            w.digits(UInt64(secondOfDay % 60), width: 2)
            fraction(Int(nanos), &w)
            w.byte(UInt8(ascii: "Z"))
            return w.count
        }
        return .string(text)
    }

    /// ".fff", ".ffffff" or ".fffffffff", the fewest that hold `nanos` exactly; nothing for 0.
    private static func fraction(_ nanos: Int, _ w: inout DigitCursor) {
        guard nanos != 0 else { return }
        w.byte(UInt8(ascii: "."))
        if nanos % 1_000_000 == 0 {
            w.digits(UInt64(nanos / 1_000_000), width: 3)
        } else if nanos % 1_000 == 0 {
            w.digits(UInt64(nanos / 1_000), width: 6)
        } else {
            w.digits(UInt64(nanos), width: 9)
        }
    }

    /// Seconds with 0, 3, 6 or 9 fraction digits and "s" ("-1.000340012s"), for
    /// ±315,576,000,000 s with nanos of the same sign; outside that, the fields.
    static func duration(seconds: Int64, nanos: Int32) -> DecodedValue {
        guard seconds.magnitude <= 315_576_000_000, nanos.magnitude <= 999_999_999,
              !(seconds > 0 && nanos < 0), !(seconds < 0 && nanos > 0) else {
            return fields(seconds, nanos)
        }
        let whole = String(seconds.magnitude)
        let text = String(unsafeUninitializedCapacity: whole.utf8.count + 12) { buffer in
            var w = DigitCursor(base: buffer.baseAddress!)
            if seconds < 0 || nanos < 0 { w.byte(UInt8(ascii: "-")) }
            for b in whole.utf8 { w.byte(b) }
            fraction(Int(nanos.magnitude), &w)
            w.byte(UInt8(ascii: "s"))
            return w.count
        }
        return .string(text)
    }

    /// A FieldMask's paths, each in lowerCamelCase, joined by commas ("a.fooBar,b").
    static func fieldMask(_ paths: DecodedValue) -> DecodedValue {
        guard case .array(let items) = paths else { return .string("") }
        var out = ""
        for (i, item) in items.enumerated() {
            guard case .string(let path) = item else { continue }
            if i > 0 { out += "," }
            var upper = false
            for c in path {
                if c == "_" {
                    upper = true
                } else {
                    out += upper ? c.uppercased() : String(c)
                    upper = false
                }
            }
        }
        return .string(out)
    }

    private static func fields(_ seconds: Int64, _ nanos: Int32) -> DecodedValue {
        .object([DecodedMember("seconds", .int(seconds)), DecodedMember("nanos", .int(Int64(nanos)))])
    }
}
