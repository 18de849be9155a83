import Testing

@testable import PipeTopCore

@Test(arguments: [
    ("beginning", StartPosition.beginning),
    ("end", .end),
    ("0", .offset(0)),
    ("42", .offset(42)),
    ("-10", .lastPerPartition(10)),
    ("@2024-05-01T12:00:00Z", .timestamp(1_714_564_800_000)),
    ("@1714564800250", .timestamp(1_714_564_800_250)),
    ("group:fraud-scorer", .committed(group: "fraud-scorer")),
    ("group:scorers v2", .committed(group: "scorers v2")),
])
func startPositionsParse(text: String, expected: StartPosition) throws {
    let position = try StartPosition(parsing: text)
    #expect(position == expected)
    #expect(try StartPosition(parsing: position.description) == expected)
}

@Test(arguments: [
    ("latest", "expected beginning, end, an offset"),
    ("", "expected beginning, end, an offset"),
    ("-", "expected beginning, end, an offset"),
    ("-0", "-N needs N ≥ 1"),
    ("-x", "expected beginning, end, an offset"),
    ("4.5", "expected beginning, end, an offset"),
    ("@tomorrow", "invalid timestamp \"tomorrow\""),
    ("99999999999999999999", "expected beginning, end, an offset"),
    ("group:", "group:NAME needs a consumer group's name"),
    ("group:a\u{7}b", "group:NAME needs a consumer group's name"),
])
func invalidStartPositionsSayWhy(text: String, reason: String) {
    #expect {
        try StartPosition(parsing: text)
    } throws: { error in
        let message = String(describing: error)
        return message.hasPrefix("invalid start position \"\(text)\"") && message.contains(reason)
    }
}
