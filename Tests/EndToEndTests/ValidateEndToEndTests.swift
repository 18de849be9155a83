import Foundation
import PipeTopTestSupport
import Testing

/// `pipetop validate FILE|-`: NDJSON checked against the contract by the decoder, each bad line
/// said in terms of field, expectation and value, with a summary and an exit status to script on.
@Suite(.enabled(if: BuiltPipetop.isBuilt, "pipetop is not built next to the tests"))
struct ValidateEndToEndTests {
    static let good = #"{"type":"label","pipeline":"p","ts_ms":1,"key":"k","label":1}"#

    @Test func aValidFileExitsZeroWithItsCount() throws {
        let path = try temporaryFile([Self.good, "", Self.good, Self.good].joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try BuiltPipetop.run(["validate", path])
        #expect(run.status == 0)
        #expect(run.stdout == "3 events: all valid\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func eachBadLineSaysWhereWhatWasExpectedAndWhatCame() throws {
        let lines = [
            Self.good,
            "",
            #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":"high"}"#,
            #"{"type":"scored","pipeline":"p","ts_ms":1,"model":"m","version":1,"score":1}"#,
            #"{"type":"scores","pipeline":"p","ts_ms":1}"#,
            #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","serving":[{"model":"m","version":1},{"model":"m","version":2,"role":"backup"}]}"#,
            #"{"type":"model","pipeline":"p","ts_ms":1,"model":"m","version":1,"event":"published","reference":{"edges":[1],"counts":[1,2],"n":3,"features":{"amount":{"edges":[1,2],"counts":[1],"n":1}}}}"#,
            #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","records_in":-4}"#,
            #"{"type":"label","pipeline":"p","ts_ms":1,"key":"k","label":1"#,
            Self.good,
        ]
        let path = try temporaryFile(lines.joined(separator: "\n") + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try BuiltPipetop.run(["validate", path])
        #expect(run.status == 1)
        #expect(run.stdout == """
            line 3: scored.score: expected a number, got "high"
            line 4: scored.key: missing
            line 5: type: expected one of "metrics", "model", "scored", "label", "control", "ack", got "scores"
            line 6: metrics.serving[1].role: expected one of "primary", "shadow", got "backup"
            line 7: model.reference.features.amount.counts: expected 3 non-negative counts (one more than edges), got [1]
            line 8: metrics.records_in: expected an integer from 0 to 18446744073709551615, got -4
            line 9: not a JSON event: message ends inside a value at byte 60
            9 events: 2 valid, 7 invalid

            """)
    }

    @Test func standardInputIsReadWithADash() throws {
        let path = try temporaryFile(Self.good + "\n" + #"{"type":"ack","pipeline":"p","ts_ms":1,"id":"c","status":"done"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try BuiltPipetop.runShell(#""$PIPETOP" validate - < '\#(path)'"#)
        #expect(run.status == 1)
        #expect(run.stdout == """
            line 2: ack.status: expected one of "applied", "rejected", got "done"
            2 events: 1 valid, 1 invalid

            """)
    }

    @Test func printedErrorsAreCappedAndTheRestCounted() throws {
        let bad = #"{"type":"label","pipeline":"p","ts_ms":"now","key":"k","label":1}"#
        let path = try temporaryFile(Array(repeating: bad, count: 30).joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try BuiltPipetop.run(["validate", "--max-errors", "3", path])
        #expect(run.status == 1)
        #expect(run.stdout == """
            line 1: label.ts_ms: expected an integer, got "now"
            line 2: label.ts_ms: expected an integer, got "now"
            line 3: label.ts_ms: expected an integer, got "now"
            … and 27 more
            30 events: 0 valid, 30 invalid

            """)
    }

    @Test func aMissingFileIsOneLineAndExitTwo() throws {
        let run = try BuiltPipetop.run(["validate", "/nonexistent/events.ndjson"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "pipetop: cannot read /nonexistent/events.ndjson: No such file or directory\n")
    }
}
