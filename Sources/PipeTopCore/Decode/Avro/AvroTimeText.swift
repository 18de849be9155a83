/// The text of Avro's date and time logical types: dates as `YYYY-MM-DD`, times of day as
/// `HH:MM:SS.fff…`, timestamps as RFC 3339 (`Z` for UTC, nothing for local timestamps), in
/// the proleptic Gregorian calendar, before 1970 as well (floor division, Howard Hinnant's
/// days-from-civil inverse). Years outside 0…9999 keep their sign and all their digits.
enum AvroTimeText {
    static let secondsPerDay: Int64 = 86_400

    /// `days` since 1970-01-01.
    static func date(days: Int64) -> String {
        text { appendDate(days, &$0) }
    }

    /// A time of day, `value` in units of 1/`unitsPerSecond` second since midnight, with
    /// `digits` fraction digits; nil when it is not within one day.
    static func time(_ value: Int64, unitsPerSecond: Int64, digits: Int) -> String? {
        guard value >= 0, value < secondsPerDay * unitsPerSecond else { return nil }
        return text { appendTime(value, unitsPerSecond: unitsPerSecond, digits: digits, &$0) }
    }

    /// An instant, `value` in units of 1/`unitsPerSecond` second since 1970-01-01T00:00:00,
    /// with `digits` fraction digits and a `Z` when `utc`.
    static func timestamp(_ value: Int64, unitsPerSecond: Int64, digits: Int, utc: Bool) -> String {
        text { appendTimestamp(value, unitsPerSecond: unitsPerSecond, digits: digits, utc: utc, &$0) }
    }

    /// The same instant's text as a JSON string, written in place at the end of `out`.
    static func writeTimestamp(_ value: Int64, unitsPerSecond: Int64, digits: Int, utc: Bool, to out: JSONTextBuffer) {
        out.append(upTo: maxText + 2) { base in
            var cursor = DigitCursor(base: base)
            cursor.byte(UInt8(ascii: "\""))
            appendTimestamp(value, unitsPerSecond: unitsPerSecond, digits: digits, utc: utc, &cursor)
            cursor.byte(UInt8(ascii: "\""))
            return cursor.count
        }
    }

    private static func appendTimestamp(_ value: Int64, unitsPerSecond: Int64, digits: Int, utc: Bool, _ out: inout DigitCursor) {
        let perDay = secondsPerDay * unitsPerSecond
        var days = value / perDay
        var rest = value % perDay
        if rest < 0 {
            days -= 1
            rest += perDay
        }
        appendDate(days, &out)
        out.byte(UInt8(ascii: "T"))
        appendTime(rest, unitsPerSecond: unitsPerSecond, digits: digits, &out)
        if utc { out.byte(UInt8(ascii: "Z")) }
    }

    /// The longest text: a 20-digit year, 9 fraction digits.
    private static let maxText = 64

    private static func text(_ write: (inout DigitCursor) -> Void) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxText) { buffer in
            var cursor = DigitCursor(base: buffer.baseAddress!)
            write(&cursor)
            return String(decoding: UnsafeBufferPointer(start: buffer.baseAddress, count: cursor.count), as: UTF8.self)
        }
    }

    private static func appendDate(_ days: Int64, _ out: inout DigitCursor) {
        let (year, month, day) = TimestampText.civil(fromDays: days)
        if year < 0 { out.byte(UInt8(ascii: "-")) }
        out.digits(year.magnitude, width: 4)
        out.byte(UInt8(ascii: "-"))
        out.digits(UInt64(month), width: 2)
        out.byte(UInt8(ascii: "-"))
        out.digits(UInt64(day), width: 2)
    }

    private static func appendTime(_ value: Int64, unitsPerSecond: Int64, digits: Int, _ out: inout DigitCursor) {
        let seconds = value / unitsPerSecond
        out.digits(UInt64(seconds / 3_600), width: 2)
        out.byte(UInt8(ascii: ":"))
        out.digits(UInt64(seconds / 60 % 60), width: 2)
        out.byte(UInt8(ascii: ":"))
        out.digits(UInt64(seconds % 60), width: 2)
        out.byte(UInt8(ascii: "."))
        out.digits(UInt64(value % unitsPerSecond), width: digits)
    }
}
