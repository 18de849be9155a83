import Testing

@testable import PipeTopCore

@Test(arguments: [
    ("1970-01-01T00:00:00Z", Int64(0)),
    ("2024-05-01T12:00:00Z", 1_714_564_800_000),
    ("2024-05-01T12:00:00.250Z", 1_714_564_800_250),
    ("2024-05-01T14:00:00.250+02:00", 1_714_564_800_250),
    ("2024-05-01T07:30:00-04:30", 1_714_564_800_000),
    ("2024-05-01t12:00:00z", 1_714_564_800_000),
    ("2024-05-01 12:00:00Z", 1_714_564_800_000),
    ("2024-05-01T12:00:00.123456789Z", 1_714_564_800_123),
    ("2024-05-01T12:00:00.5Z", 1_714_564_800_500),
    ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ("1969-12-31T23:59:59Z", -1_000),
    ("1714564800250", 1_714_564_800_250),
    ("0", 0),
])
func timestampsParseToEpochMilliseconds(text: String, expected: Int64) throws {
    #expect(try TimestampText.parseEpochMilliseconds(text) == expected)
}

@Test(arguments: [
    ("2024-05-01T12:00:00", "missing time zone offset"),
    ("2024-13-01T12:00:00Z", "month 13 out of range 1…12"),
    ("2023-02-29T12:00:00Z", "day 29 out of range 1…28"),
    ("2024-05-01T24:00:00Z", "hour 24 out of range"),
    ("2024-05-01", "'T' between date and time"),
    ("yesterday", "expected 4 digits for the year"),
    ("2024-05-01T12:00:00Zjunk", "unexpected text after the offset"),
    ("2024-05-01T12:00:00.Z", "expected digits after '.'"),
    ("", "empty"),
    ("-5", "missing the year"),
    ("99999999999999999999", "too large"),
])
func invalidTimestampsSayWhy(text: String, reason: String) {
    #expect {
        try TimestampText.parseEpochMilliseconds(text)
    } throws: { error in
        let message = String(describing: error)
        return message.hasPrefix("invalid timestamp \"\(text)\"") && message.contains(reason)
    }
}

@Test func timestampsFormatAsRFC3339UTCAndParseBack() throws {
    let millis: Int64 = 1_714_564_800_250
    let text = TimestampText.format(epochMilliseconds: millis)
    #expect(text == "2024-05-01T12:00:00.250Z")
    #expect(try TimestampText.parseEpochMilliseconds(text) == millis)
    #expect(TimestampText.format(epochMilliseconds: -1_000) == "1969-12-31T23:59:59.000Z")
    #expect(TimestampText.format(epochMilliseconds: -1) == "1969-12-31T23:59:59.999Z")
    #expect(TimestampText.format(epochMilliseconds: -86_400_000) == "1969-12-31T00:00:00.000Z")
    #expect(TimestampText.format(epochMilliseconds: -86_400_001) == "1969-12-30T23:59:59.999Z")
}

@Test func anyTimestampAProducerSendsFormatsWithoutTrapping() {
    // ts_ms and record timestamps are whatever a producer wrote: the extremes are far-off years.
    let extremes: [Int64] = [.min, .min + 1, .max, .max - 1, -86_400_000 * 146_097 * 100]
    for millis in extremes {
        let text = TimestampText.format(epochMilliseconds: millis)
        #expect(text.hasSuffix("Z") && text.count >= 24, "\(millis): \(text)")
    }
    #expect(TimestampText.format(epochMilliseconds: Int64.max).hasSuffix("T07:12:55.807Z"))
}

@Test func theDateAndTimeOfDayAreTheTextsPartsBefore1970AndAtTheExtremesToo() {
    #expect(TimestampText.date(epochMilliseconds: 1_796_388_942_724) == "2026-12-04")
    #expect(TimestampText.timeOfDay(epochMilliseconds: 1_796_388_942_724) == "12:55:42.724")
    #expect(TimestampText.timeOfDay(epochMilliseconds: 1_796_388_942_724, milliseconds: false) == "12:55:42")
    // The millisecond before the epoch is the last of the day before, not a negative time.
    #expect(TimestampText.date(epochMilliseconds: -1) == "1969-12-31")
    #expect(TimestampText.timeOfDay(epochMilliseconds: -1) == "23:59:59.999")
    var rng = SystemRandomNumberGenerator()
    for millis in [Int64.min, .max, 0, -86_400_000] + (0..<1_000).map({ _ in Int64.random(in: .min ... .max, using: &rng) }) {
        let text = TimestampText.format(epochMilliseconds: millis)
        #expect(text == TimestampText.date(epochMilliseconds: millis) + "T" + TimestampText.timeOfDay(epochMilliseconds: millis) + "Z")
        #expect(TimestampText.timeOfDay(epochMilliseconds: millis, milliseconds: false) == String(text.suffix(13).prefix(8)), "\(millis)")
    }
}
