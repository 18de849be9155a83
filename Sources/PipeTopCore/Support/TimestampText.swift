/// Parses timestamps as every subcommand accepts them: RFC 3339 (`2024-05-01T12:00:00.250+02:00`, `…Z`)
/// or epoch milliseconds (`1714557600250`), into epoch milliseconds.
///
/// Hand-written because Foundation's date formatters are slow and locale-dependent.
public enum TimestampText {
    private static let usage =
        "expected RFC 3339 (2024-05-01T12:00:00Z, 2024-05-01T12:00:00.5+02:00) or epoch milliseconds"

    /// Parses `text` into milliseconds since 1970-01-01T00:00:00Z.
    public static func parseEpochMilliseconds(_ text: String) throws(ArgumentValueError) -> Int64 {
        let input = text.trimmingSpaces()
        let bytes = Array(input.utf8)
        guard !bytes.isEmpty else {
            throw .invalidTimestamp(input: text, reason: "empty; " + usage)
        }
        if bytes.allSatisfy(isDigit) {
            guard let millis = Int64(input) else {
                throw .invalidTimestamp(input: text, reason: "too large")
            }
            return millis
        }
        return try parseRFC3339(bytes, original: text)
    }

    /// The event times pipetop takes (1970-01-01 to 9999-12-31 in epoch milliseconds): any two
    /// differ by far less than Int64 holds.
    public static let supportedMilliseconds: ClosedRange<Int64> = 0...253_402_300_799_999
    static let supportedText = "epoch milliseconds from 1970 to 9999 (0…253402300799999)"

    /// Prints epoch milliseconds as RFC 3339 in UTC with millisecond precision.
    /// Any Int64 (a producer's ts_ms or a record's timestamp may be anything): the day and the
    /// time of day come from the quotient and remainder, which cannot overflow.
    public static func format(epochMilliseconds millis: Int64) -> String {
        "\(date(epochMilliseconds: millis))T\(timeOfDay(epochMilliseconds: millis))Z"
    }

    /// The UTC date of epoch milliseconds, `YYYY-MM-DD` (any Int64, as `format`).
    public static func date(epochMilliseconds millis: Int64) -> String {
        let (year, month, day) = civil(fromDays: split(millis).days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The UTC time of day of epoch milliseconds, `HH:MM:SS.mmm`, or `HH:MM:SS` without
    /// `milliseconds` (any Int64, as `format`).
    public static func timeOfDay(epochMilliseconds millis: Int64, milliseconds: Bool = true) -> String {
        let msOfDay = split(millis).msOfDay
        let seconds = "\(pad(msOfDay / 3_600_000, 2)):\(pad(msOfDay / 60_000 % 60, 2)):\(pad(msOfDay / 1_000 % 60, 2))"
        return milliseconds ? seconds + "." + pad(msOfDay % 1_000, 3) : seconds
    }

    /// Days since 1970-01-01 and milliseconds into that day (0 ..< 86,400,000), before 1970 too.
    private static func split(_ millis: Int64) -> (days: Int64, msOfDay: Int64) {
        let days = millis / 86_400_000
        let msOfDay = millis % 86_400_000
        return msOfDay < 0 ? (days - 1, msOfDay + 86_400_000) : (days, msOfDay)
    }

    private static func parseRFC3339(_ b: [UInt8], original: String) throws(ArgumentValueError)
        -> Int64
    {
        var i = 0
        func fail(_ reason: String) -> ArgumentValueError {
            .invalidTimestamp(input: original, reason: reason)
        }
        func digits(_ count: Int, _ what: String) throws(ArgumentValueError) -> Int64 {
            guard i + count <= b.count else { throw fail("missing \(what); " + usage) }
            var value: Int64 = 0
            for k in i..<(i + count) {
                guard isDigit(b[k]) else {
                    throw fail("expected \(count) digits for \(what); " + usage)
                }
                value = value * 10 + Int64(b[k] - 48)
            }
            i += count
            return value
        }
        func expect(_ chars: String, _ what: String) throws(ArgumentValueError) {
            guard i < b.count, chars.utf8.contains(b[i]) else {
                throw fail("expected \(what); " + usage)
            }
            i += 1
        }
        let year = try digits(4, "the year")
        try expect("-", "'-' after the year")
        let month = try digits(2, "the month")
        try expect("-", "'-' after the month")
        let day = try digits(2, "the day")
        try expect("Tt ", "'T' between date and time")
        let hour = try digits(2, "the hour")
        try expect(":", "':' after the hour")
        let minute = try digits(2, "the minutes")
        try expect(":", "':' after the minutes")
        let second = try digits(2, "the seconds")
        var millis: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var count = 0
            while i < b.count, isDigit(b[i]) {
                // Digits past milliseconds are truncated, not rounded, so a time never moves forward.
                if count < 3 { millis = millis * 10 + Int64(b[i] - 48) }
                count += 1
                i += 1
            }
            guard count > 0 else { throw fail("expected digits after '.'") }
            for _ in count..<max(count, 3) { millis *= 10 }
        }
        guard i < b.count else { throw fail("missing time zone offset (Z or ±HH:MM)") }
        var offsetMinutes: Int64 = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            let oh = try digits(2, "the offset hours")
            try expect(":", "':' in the offset")
            let om = try digits(2, "the offset minutes")
            guard oh <= 23, om <= 59 else { throw fail("offset out of range") }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            throw fail("missing time zone offset (Z or ±HH:MM)")
        }
        guard i == b.count else { throw fail("unexpected text after the offset") }
        guard (1...12).contains(month) else { throw fail("month \(month) out of range 1…12") }
        let monthDays = daysIn(month: month, year: year)
        guard day >= 1, day <= monthDays else {
            throw fail("day \(day) out of range 1…\(monthDays)")
        }
        guard hour <= 23 else { throw fail("hour \(hour) out of range 0…23") }
        guard minute <= 59 else { throw fail("minutes \(minute) out of range 0…59") }
        // 60 is a leap second in RFC 3339; it lands on the next minute's first millisecond.
        guard second <= 60 else { throw fail("seconds \(second) out of range 0…60") }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
        return seconds * 1_000 + millis
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isLeap(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// a / b rounded down (b > 0), for every a.
    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return a % b < 0 ? q - 1 : q
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian (year, month, day) of `days` since 1970-01-01 (Howard
    /// Hinnant's `civil_from_days`), before 1970 as well.
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
