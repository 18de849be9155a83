import Testing
import PipeTopCore

/// Columns of scored records for the Tail screen and `pipetop tail --columns`.
@Suite struct ScoredColumnTests {
    static let record = ScoredEvent(
        pipeline: "fraud", tsMs: 1_764_000_000_123, key: "k-1", model: "fraud-lr", version: 7, role: .shadow, score: 0.91234,
        prediction: .number(1), label: .number(0), latencyUs: 812.6, features: [NamedValue(name: "amount", value: 1250), NamedValue(name: "x", value: 0.5)],
        strategy: "speculative")

    @Test func namesAliasesAndFeaturesParseAndDuplicatesCollapse() throws {
        #expect(try ScoredColumn.list(parsing: "time, KEY,score features.amount,lat,pred,ver,ts_ms,time") ==
            [.time, .key, .score, .feature("amount"), .latency, .prediction, .version, .tsMs])
        for column in ScoredColumn.fields + [.feature("Amount.x")] {
            #expect(try ScoredColumn(name: column.name) == column, "every name reads back")
        }
    }

    @Test(arguments: ["", " , ", "served", "features.", "features"])
    func badListsAreRefusedWithTheKnownNames(_ text: String) {
        #expect(throws: ScoredColumnError.self) { try ScoredColumn.list(parsing: text) }
        do {
            _ = try ScoredColumn.list(parsing: text)
        } catch {
            #expect(error.description.contains("known: time, ts_ms"))
        }
    }

    @Test func valuesAsText() {
        let e = Self.record
        let texts = (ScoredColumn.fields + [.feature("amount"), .feature("x"), .feature("missing")]).map { $0.text(e) }
        #expect(texts == ["16:00:00.123", "1764000000123", "fraud", "k-1", "fraud-lr", "7", "shadow", "0.9123", "1", "0", "miss", "813",
                          "speculative", "1250", "0.5", "-"])
        var unlabelled = e
        unlabelled.label = nil
        unlabelled.latencyUs = nil
        #expect(ScoredColumn.outcome.text(unlabelled) == "-" && ScoredColumn.latency.text(unlabelled) == "-")
        unlabelled.label = .number(1)
        #expect(ScoredColumn.outcome.text(unlabelled) == "hit")
    }
}
