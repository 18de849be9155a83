/// Parses and prints durations the way every subcommand and the config file spell them
/// (`500ms`, `10s`, `1.5s`, `5m`, `1h`, `1h30m`; a bare number means seconds).
public enum DurationText {
    private static let usage = "expected a number with a unit, like 500ms, 10s, 1.5s, 5m or 1h"

    private static let unitNanoseconds: [(suffix: String, nanos: Int64)] = [
        ("ns", 1),
        ("us", 1_000),
        ("ms", 1_000_000),
        ("s", 1_000_000_000),
        ("m", 60_000_000_000),
        ("h", 3_600_000_000_000),
    ]

    /// Parses `text` into a non-negative `Duration`.
    public static func parse(_ text: String) throws(ArgumentValueError) -> Duration {
        let nanos = try parseNanoseconds(text)
        return .nanoseconds(nanos)
    }

    /// Parses `text` into whole nanoseconds; exact, so `0.1s` equals `100ms`.
    public static func parseNanoseconds(_ text: String) throws(ArgumentValueError) -> Int64 {
        let input = text.trimmingSpaces()
        guard !input.isEmpty else { throw .invalidDuration(input: text, reason: "empty; " + usage) }
        if input.hasPrefix("-") {
            throw .invalidDuration(input: text, reason: "must not be negative")
        }
        let bytes = Array(input.utf8)
        var index = 0
        var total: Int64 = 0
        var segments = 0
        while index < bytes.count {
            let number = try readNumber(bytes, &index, original: text)
            let unitStart = index
            while index < bytes.count, isLetter(bytes[index]) { index += 1 }
            let unit = String(decoding: bytes[unitStart..<index], as: UTF8.self)
            let nanosPerUnit: Int64
            if unit.isEmpty {
                // A bare number means seconds, but only on its own: "1h30" is a typo, not 1h30s.
                guard segments == 0, index == bytes.count else {
                    throw .invalidDuration(
                        input: text, reason: "missing unit after \(number.text); " + usage)
                }
                nanosPerUnit = 1_000_000_000
            } else if let match = unitNanoseconds.first(where: { $0.suffix == unit }) {
                nanosPerUnit = match.nanos
            } else {
                throw .invalidDuration(input: text, reason: "unknown unit \"\(unit)\"; " + usage)
            }
            let value = try scaled(number, by: nanosPerUnit, original: text)
            let (sum, overflow) = total.addingReportingOverflow(value)
            if overflow { throw .invalidDuration(input: text, reason: "too large") }
            total = sum
            segments += 1
        }
        return total
    }

    /// Prints `duration` in the largest unit that represents it exactly (`10s`, `5m`, `1500ms`).
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let (secondNanos, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return "\(seconds)s" }
        let nanos = secondNanos + attoseconds / 1_000_000_000
        if nanos == 0 { return "0s" }
        for (suffix, unit) in unitNanoseconds.reversed() where nanos % unit == 0 {
            return "\(nanos / unit)\(suffix)"
        }
        return "\(nanos)ns"
    }

    /// Whole milliseconds in `duration`, truncated.
    public static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (millis, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
        return overflow ? (seconds < 0 ? .min : .max) : millis + attoseconds / 1_000_000_000_000_000
    }

    private struct Number {
        var whole: Int64
        var fraction: Int64
        var fractionDigits: Int
        var text: String
    }

    private static func readNumber(_ bytes: [UInt8], _ index: inout Int, original: String)
        throws(ArgumentValueError) -> Number
    {
        let start = index
        var whole: Int64 = 0
        var digits = 0
        while index < bytes.count, isDigit(bytes[index]) {
            let (product, o1) = whole.multipliedReportingOverflow(by: 10)
            let (sum, o2) = product.addingReportingOverflow(Int64(bytes[index] - 48))
            if o1 || o2 { throw .invalidDuration(input: original, reason: "too large") }
            whole = sum
            digits += 1
            index += 1
        }
        var fraction: Int64 = 0
        var fractionDigits = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                // Beyond nanosecond precision further digits cannot change the result.
                if fractionDigits < 9 {
                    fraction = fraction * 10 + Int64(bytes[index] - 48)
                    fractionDigits += 1
                }
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else {
            throw .invalidDuration(input: original, reason: usage)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        return Number(whole: whole, fraction: fraction, fractionDigits: fractionDigits, text: text)
    }

    private static func scaled(_ number: Number, by unit: Int64, original: String)
        throws(ArgumentValueError) -> Int64
    {
        let (wholeNanos, overflow) = number.whole.multipliedReportingOverflow(by: unit)
        if overflow { throw .invalidDuration(input: original, reason: "too large") }
        var divisor: Int64 = 1
        for _ in 0..<number.fractionDigits { divisor *= 10 }
        // fraction · unit can overflow (1e9 · 3.6e12); fraction < divisor, so split unit instead.
        let fractionNanos =
            number.fraction * (unit / divisor)
            + (number.fraction * (unit % divisor)) / divisor
        let (sum, overflow2) = wholeNanos.addingReportingOverflow(fractionNanos)
        if overflow2 { throw .invalidDuration(input: original, reason: "too large") }
        return sum
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }
}
