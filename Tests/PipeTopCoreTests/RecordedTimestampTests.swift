import Testing
import PipeTopCore

/// Replay paces by the recorder's `_source.timestamp`, read from the line without decoding it.
@Suite struct RecordedTimestampTests {
    static func scan(_ line: String) -> Int64? {
        Array(line.utf8).withUnsafeBytes { RecordedTimestamp.milliseconds(in: $0) }
    }

    @Test func readsTheTimestampOfTheSourceObject() {
        #expect(Self.scan(#"{"type":"scored","ts_ms":5,"_source":{"topic":"s","partition":0,"offset":9,"timestamp":1764000000123}}"#) == 1_764_000_000_123)
        #expect(Self.scan(#"{"_source" : { "timestamp" : -42 }, "ts_ms": 1}"#) == -42)
    }

    @Test(arguments: [
        #"{"type":"scored","ts_ms":5}"#,
        #"{"ts_ms":5,"_source":{"topic":"s","partition":0,"offset":9}}"#,
        #"{"key":"\"_source\"","timestamp":7}"#,
        #"{"_source":{"timestamp":"soon"}}"#,
        #"{"_source":{"timestamp""#,
        "",
    ])
    func nothingWithoutOne(_ line: String) {
        #expect(Self.scan(line) == nil)
    }
}
