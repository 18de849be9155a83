import Testing
import PipeTopCore
@testable import PipeTopUI

/// Valid events with the most hostile values the contract lets through (counters at UInt64's
/// end, versions and lags at Int64's, doubles at Double's) reach every screen without a trap.
@Suite struct HostileEventsTests {
    static let events = [
        #"{"type":"model","pipeline":"p","ts_ms":1764000000000,"model":"m","version":9223372036854775807,"event":"promoted"}"#,
        #"{"type":"model","pipeline":"p","ts_ms":1764000000000,"model":"m","version":-9223372036854775808,"event":"candidate","parent":9223372036854775807}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1764000000000,"instance":"a","stage":"score","records_in":18446744073709551615,"records_out":18446744073709551615,"errors":18446744073709551615,"lag":9223372036854775807,"latency_le_us":[1e308,1.7976931348623157e308],"latency_counts":[18446744073709551615,18446744073709551615]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1764000000000,"instance":"b","stage":"score","records_in":18446744073709551615,"records_out":0,"errors":0,"lag":9223372036854775807,"latency_le_us":[100],"latency_counts":[18446744073709551615]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1764000001000,"instance":"a","stage":"score","records_in":0,"records_out":0,"errors":0,"lag":-9223372036854775808,"latency_le_us":[100],"latency_counts":[0]}"#,
        #"{"type":"metrics","pipeline":"p","ts_ms":1764000002000,"instance":"a","stage":"score","records_in":18446744073709551615,"records_out":1,"errors":5,"lag":9223372036854775807,"latency_le_us":[100],"latency_counts":[18446744073709551615]}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1764000002000,"key":"k","model":"m","version":9223372036854775807,"score":1e308,"latency_us":1.7976931348623157e308,"features":{"a":-1.7976931348623157e308}}"#,
        #"{"type":"scored","pipeline":"p","ts_ms":1764000002000,"key":"k","model":"m","version":-9223372036854775808,"role":"shadow","score":-1e308}"#,
        #"{"type":"label","pipeline":"p","ts_ms":1764000002500,"key":"k","label":1e308}"#,
        #"{"type":"control","pipeline":"p","ts_ms":1764000003000,"id":"c","action":"rollback","model":"m","version":-9223372036854775808,"from_version":9223372036854775807,"requested_by":"x"}"#,
        #"{"type":"ack","pipeline":"p","ts_ms":1764000003000,"id":"c","status":"applied"}"#,
    ]

    @Test func everyScreenDrawsThem() throws {
        var s = StoreState(settings: EngineSettings(), basis: .eventTime)
        var decoder = EventDecoder()
        for line in Self.events { s.ingest(try decoder.decode(Array(line.utf8)), source: "replay", arrivalMs: 0) }
        let snapshot = s.snapshot(arrivalMs: 0)
        let p = try #require(snapshot.pipeline(named: "p"))
        // Two instances at Int64.max: the sum saturates rather than wrapping negative.
        #expect(p.lag == Int64.max)
        let ctx = try Fixtures.context(snapshot)
        for (width, height) in [(80, 24), (200, 60)] {
            for screen in Screen.allCases {
                for open in [false, true] {
                    var state = AppState()
                    state.screen = screen
                    state.showRecord = open
                    var buffer = Buffer(width: width, height: height)
                    Dashboard.render(state, ctx, into: &buffer)
                    #expect(buffer.lines.joined().contains("Overview"), "\(screen) at \(width)×\(height)")
                }
            }
        }
    }
}
