import Testing

@testable import PipeTopCore

@Test(arguments: [
    ("500ms", Duration.milliseconds(500)),
    ("10s", .seconds(10)),
    ("5m", .seconds(300)),
    ("1h", .seconds(3_600)),
    ("1.5s", .milliseconds(1_500)),
    ("0.1s", .milliseconds(100)),
    ("30", .seconds(30)),
    ("2.25", .milliseconds(2_250)),
    ("1h30m", .seconds(5_400)),
    (" 10s ", .seconds(10)),
    ("0", .zero),
    ("250us", .microseconds(250)),
])
func durationsParseExactly(text: String, expected: Duration) throws {
    #expect(try DurationText.parse(text) == expected)
}

@Test(arguments: [
    ("-5s", "must not be negative"),
    ("", "empty"),
    ("abc", "expected a number with a unit"),
    ("10x", "unknown unit \"x\""),
    ("1h30", "missing unit after 30"),
    ("s", "expected a number with a unit"),
    ("99999999999999999999h", "too large"),
    ("9999999999h", "too large"),
])
func invalidDurationsSayWhy(text: String, reason: String) {
    #expect {
        try DurationText.parse(text)
    } throws: { error in
        let message = String(describing: error)
        return message.hasPrefix("invalid duration \"\(text)\"") && message.contains(reason)
    }
}

@Test func durationsFormatInTheLargestExactUnit() {
    #expect(DurationText.format(.seconds(10)) == "10s")
    #expect(DurationText.format(.seconds(300)) == "5m")
    #expect(DurationText.format(.seconds(7_200)) == "2h")
    #expect(DurationText.format(.milliseconds(1_500)) == "1500ms")
    #expect(DurationText.format(.zero) == "0s")
}

@Test func formattedDurationsParseBack() throws {
    for text in ["10s", "5m", "1500ms", "90s", "250us"] {
        #expect(DurationText.format(try DurationText.parse(text)) == text)
    }
}

@Test func durationMillisecondsTruncate() {
    #expect(DurationText.milliseconds(.milliseconds(1_500)) == 1_500)
    #expect(DurationText.milliseconds(.microseconds(2_999)) == 2)
}
