/// The text of Avro's date and time logical types: dates as `YYYY-MM-DD`, times of day as
/// `HH:MM:SS.fff…`, timestamps as RFC 3339 (`Z` for UTC, nothing for local timestamps), in
/// the proleptic Gregorian calendar, before 1970 as well (floor division, Howard Hinnant's
/// days-from-civil inverse). Years outside 0…9999 keep their sign and all their digits.
enum AvroTimeText {
    static let secondsPerDay: Int64 = 86_400

    /// `days` since 1970-01-01.
    static func date(days: Int64) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(12)
        appendDate(days, &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A time of day, `value` in units of 1/`unitsPerSecond` second since midnight, with
    /// `digits` fraction digits; nil when it is not within one day.
    static func time(_ value: Int64, unitsPerSecond: Int64, digits: Int) -> String? {
        guard value >= 0, value < secondsPerDay * unitsPerSecond else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(16)
        appendTime(value, unitsPerSecond: unitsPerSecond, digits: digits, &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// An instant, `value` in units of 1/`unitsPerSecond` second since 1970-01-01T00:00:00,
    /// with `digits` fraction digits and a `Z` when `utc`.
    static func timestamp(_ value: Int64, unitsPerSecond: Int64, digits: Int, utc: Bool) -> String {
        let perDay = secondsPerDay * unitsPerSecond
        var days = value / perDay
        var rest = value % perDay
        if rest < 0 {
            days -= 1
            rest += perDay
        }
        var out: [UInt8] = []
        out.reserveCapacity(32)
        appendDate(days, &out)
        out.append(UInt8(ascii: "T"))
        appendTime(rest, unitsPerSecond: unitsPerSecond, digits: digits, &out)
        if utc { out.append(UInt8(ascii: "Z")) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The civil date of `days` since the epoch (Hinnant's `civil_from_days`).
    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func appendDate(_ days: Int64, _ out: inout [UInt8]) {
        let (year, month, day) = civil(days)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(year.magnitude, width: 4, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(UInt64(month), width: 2, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(UInt64(day), width: 2, &out)
    }

    private static func appendTime(_ value: Int64, unitsPerSecond: Int64, digits: Int, _ out: inout [UInt8]) {
        let seconds = value / unitsPerSecond
        appendDigits(UInt64(seconds / 3_600), width: 2, &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(UInt64(seconds / 60 % 60), width: 2, &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(UInt64(seconds % 60), width: 2, &out)
        out.append(UInt8(ascii: "."))
        appendDigits(UInt64(value % unitsPerSecond), width: digits, &out)
    }

    /// `n` in decimal, zero-padded to at least `width` digits.
    private static func appendDigits(_ n: UInt64, width: Int, _ out: inout [UInt8]) {
        var buffer: [UInt8] = []
        var m = n
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        } while m > 0
        for _ in buffer.count..<max(width, buffer.count) { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: buffer.reversed())
    }
}
