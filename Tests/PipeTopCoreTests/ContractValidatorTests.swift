import Testing
import PipeTopCore

/// `ContractValidator`: bad lines named by number, field, expectation and value, in bounded memory.
@Suite struct ContractValidatorTests {
    static func validate(_ chunks: [String], maxReported: Int = 20, maxLineBytes: Int = 1 << 20) -> (reports: [String], validator: ContractValidator) {
        var validator = ContractValidator(maxReported: maxReported, maxLineBytes: maxLineBytes)
        var reports: [String] = []
        for chunk in chunks {
            Array(chunk.utf8).withUnsafeBytes { validator.feed($0) { reports.append($0) } }
        }
        validator.finish { reports.append($0) }
        return (reports, validator)
    }

    static let scored = #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":0.5}"#

    @Test func validLinesAcrossChunksAreCounted() {
        let text = Self.scored + "\n\n" + EventSamples.all.joined(separator: "\n")
        let middle = text.utf8.count / 2
        let (reports, validator) = Self.validate([String(text.prefix(middle)), String(text.dropFirst(middle))])
        #expect(reports.isEmpty)
        #expect(validator.checked == 8 && validator.invalid == 0)
        #expect(validator.summary == "8 events: all valid")
    }

    @Test func nestedFieldsAreNamedFromTheMessage() {
        let lines = [
            #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","serving":[{"model":"m","version":"two"}]}"#,
            #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":1,"event":"published","artifact":{"format":"f","bytes":-2}}"#,
            #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":1,"event":"published","reference":{"edges":[1],"counts":[1],"n":1}}"#,
            #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","latency_le_us":[1,2,3],"latency_counts":[1]}"#,
            #"{"type":"control","pipeline":"p","ts_ms":1,"id":"c","action":"undo","model":"m","version":1,"requested_by":"a"}"#,
            #"{"type":"scored","type":"label"}"#,
            #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":"\#(String(repeating: "x", count: 60))"}"#,
            #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":[{"model":"m","version":1,"features":{"amount":[4,-1]}}]}"#,
        ]
        let (reports, validator) = Self.validate([lines.joined(separator: "\n")])
        #expect(reports == [
            #"line 1: metrics.serving[0].version: expected an integer, got "two""#,
            "line 2: model.artifact.bytes: expected a non-negative integer, got -2",
            "line 3: model.reference.counts: expected 2 non-negative counts (one more than edges), got [1]",
            "line 4: metrics.latency_counts: expected 3 or 4 counts (one per bound of latency_le_us, maybe one more for +Inf), got [1]",
            #"line 5: control.action: expected one of "promote", "rollback", "retire", got "undo""#,
            #"line 6: scored.type: expected "scored", as the first "type", got "label""#,
            #"line 7: scored.score: expected a number, got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…"#,
            "line 8: metrics.histograms[0].features.amount: expected an integer from 0 to 18446744073709551615, got -1",
        ])
        #expect(validator.summary == "8 events: 0 valid, 8 invalid")
    }

    @Test func reportsAreCappedAndOverlongLinesSaidToBe() {
        let bad = #"{"type":"ack"}"#
        let long = #"{"type":"label","key":""# + String(repeating: "k", count: 200) + #""}"#
        let (reports, validator) = Self.validate([[bad, long, bad, bad].joined(separator: "\n")], maxReported: 2, maxLineBytes: 100)
        #expect(reports == ["line 1: ack.pipeline: missing", "line 2: longer than 100 bytes"])
        #expect(validator.invalid == 4 && validator.unreported == 2)
    }
}
