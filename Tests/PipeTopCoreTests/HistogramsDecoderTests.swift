import Testing
import PipeTopCore

/// `metrics.histograms`: decoded as written, encoded back the same, and hostile input refused
/// with an error naming the value, before it can cost more than the contract's limits.
@Suite struct HistogramsDecoderTests {
    static let head = #"{"type":"metrics","pipeline":"p","ts_ms":1,"instance":"i","histograms":"#

    static func failure(_ text: String) -> DecodeError? {
        var decoder = EventDecoder()
        do throws(DecodeError) {
            _ = try decoder.decode(text)
            return nil
        } catch {
            return error
        }
    }

    static func offset(of marker: String, in text: String) -> Int {
        let t = Array(text.utf8), m = Array(marker.utf8)
        for i in 0...(t.count - m.count) where Array(t[i..<i + m.count]) == m { return i }
        return -1
    }

    @Test func theContractsExampleDecodesAndEncodesBack() throws {
        var decoder = EventDecoder()
        guard case .metrics(let m) = try decoder.decode(EventSamples.metricsWithHistograms) else {
            Issue.record("not metrics")
            return
        }
        #expect(m.histograms == [
            VersionHistograms(model: "fraud-lr", version: 7, score: [120, 118, 95, 101, 66],
                              features: [BinCounts(name: "amount", counts: [300, 200]), BinCounts(name: "age_days", counts: [250, 250])]),
            VersionHistograms(model: "fraud-lr", version: 8, score: [130, 110, 90, 100, 70]),
        ])
        #expect(EventEncoder.encode(.metrics(m)) == EventSamples.metricsWithHistograms)
    }

    @Test func nullsAreAbsentAndARepeatedFeatureKeepsItsLastCounts() throws {
        var decoder = EventDecoder()
        let text = Self.head + #"[{"model":"m","version":1,"score":null,"features":{"a":[1,2],"b":[3,4],"a":[5,6]},"x":{}},{"model":"m","version":2,"features":null}]}"#
        guard case .metrics(let m) = try decoder.decode(text) else { Issue.record("not metrics"); return }
        #expect(m.histograms == [VersionHistograms(model: "m", version: 1, features: [BinCounts(name: "a", counts: [5, 6]), BinCounts(name: "b", counts: [3, 4])]),
                                 VersionHistograms(model: "m", version: 2)])
        guard case .metrics(let none) = try decoder.decode(Self.head + "null}") else { Issue.record("not metrics"); return }
        #expect(none.histograms.isEmpty)
    }

    @Test func hostileHistogramsAreRefusedWithTheValueNamed() {
        let range = "an integer from 0 to 18446744073709551615"
        let expectedCounts = "2 to 1000 counts: one per bin of the version's reference, one more than its edges"
        let tooManyVersions = Self.head + "[" + (0...32).map { #"{"model":"m","version":\#($0)}"# }.joined(separator: ",") + "]}"
        let tooManyFeatures = Self.head + #"[{"model":"m","version":1,"features":{"# + (0...32).map { #""f\#($0)":[1,1]"# }.joined(separator: ",") + "}}]}"
        let tooManyCounts = Self.head + #"[{"model":"m","version":1,"score":["# + Array(repeating: "0", count: 1_001).joined(separator: ",") + "]}]}"
        let cases: [(String, DecodeError.Kind, String)] = [
            (Self.head + #"{"model":"m"}}"#, .wrongType(field: "metrics.histograms", expected: "an array of objects"), "{\"model"),
            (Self.head + #"[7]}"#, .wrongType(field: "metrics.histograms", expected: "an array of objects"), "7]"),
            (Self.head + #"[{"version":1}]}"#, .missingField("metrics.histograms[0].model"), "}]}"),
            (Self.head + #"[{"model":"m","version":1,"score":[1,-2]}]}"#, .numberOutOfRange(field: "metrics.histograms[0].score", expected: range), "-2"),
            (Self.head + #"[{"model":"m","version":1,"score":[1,2.5]}]}"#, .wrongType(field: "metrics.histograms[0].score", expected: "an integer"), "2.5"),
            (Self.head + #"[{"model":"m","version":1,"score":"1,2"}]}"#, .wrongType(field: "metrics.histograms[0].score", expected: "an array of counts"), "\"1,2"),
            (Self.head + #"[{"model":"m","version":1,"features":{"amount":[3]}}]}"#, .invalidValue(field: "metrics.histograms[0].features.amount", expected: expectedCounts), "[3]"),
            (Self.head + #"[{"model":"m","version":1,"features":{"amount":[1,"x"]}}]}"#, .wrongType(field: "metrics.histograms[0].features.amount", expected: "an integer"), "\"x\""),
            (Self.head + #"[{"model":"m","version":1,"features":[1,2]}]}"#, .wrongType(field: "metrics.histograms[0].features", expected: "an object of arrays of counts"), "[1,2]}]"),
            (Self.head + #"[{"model":"m","version":1,"score":[9007199254740992,1]}]}"#, .invalidValue(field: "metrics.histograms[0].score", expected: "counts summing to at most 2^53"), ",1]"),
            (Self.head + #"[{"model":"m","version":1,"score":[18446744073709551615,18446744073709551615]}]}"#,
             .invalidValue(field: "metrics.histograms[0].score", expected: "counts summing to at most 2^53"), "18446744073709551615,"),
            (Self.head + #"[{"model":"m","version":1},{"model":"m","version":1}]}"#,
             .invalidValue(field: "metrics.histograms[1].version", expected: "a version not counted earlier in the same message"), "1}]}"),
            (tooManyVersions, .invalidValue(field: "metrics.histograms", expected: "at most 32 entries, one per model version"), #"{"model":"m","version":32}"#),
            (tooManyFeatures, .invalidValue(field: "metrics.histograms[0].features", expected: "at most 32 features"), #"{"f0""#),
            (tooManyCounts, .invalidValue(field: "metrics.histograms[0].score", expected: expectedCounts), "0]}]}"),
        ]
        for (text, kind, marker) in cases {
            // The error points at the marker (",1]": at the value after the comma).
            let at = Self.offset(of: marker, in: text) + (marker == ",1]" ? 1 : 0)
            #expect(Self.failure(text) == DecodeError(kind, at: at), "\(text.prefix(160))")
        }
    }

    @Test func histogramsAtTheLimitsDecode() throws {
        var decoder = EventDecoder()
        let counts = "[" + Array(repeating: "1", count: 1_000).joined(separator: ",") + "]"
        let features = (0..<32).map { #""f\#($0)":\#(counts)"# }.joined(separator: ",")
        let entries = (0..<32).map { #"{"model":"m","version":\#($0),"score":\#(counts),"features":{\#(features)}}"# }
        let text = Self.head + "[" + entries.joined(separator: ",") + "]}"
        guard case .metrics(let m) = try decoder.decode(text) else { Issue.record("not metrics"); return }
        #expect(m.histograms.count == 32 && m.histograms.allSatisfy { $0.features.count == 32 && $0.score?.count == 1_000 })
    }
}
