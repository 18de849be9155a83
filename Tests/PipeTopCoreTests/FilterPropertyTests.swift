import PipeTopCore
import PropertyBased
import Testing

/// A random expression with a batch of random records to run it on.
private let cases = Generator<(String, [ScoredEvent]), Shrink.None<(String, [ScoredEvent])>>(run: { rng in
    (FilterSamples.expression(&rng), FilterSamples.records(&rng))
})

/// Two random expressions and records.
private let pairs = Generator<(String, String, [ScoredEvent]), Shrink.None<(String, String, [ScoredEvent])>>(run: { rng in
    (FilterSamples.expression(&rng, depth: 2), FilterSamples.expression(&rng, depth: 2), FilterSamples.records(&rng))
})

private func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> RecordFilter? {
    do throws(FilterError) {
        return try RecordFilter(parsing: text)
    } catch {
        Issue.record("\(text): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

@Test func notMatchesExactlyTheComplement() async {
    await propertyCheck(count: 400, input: cases) { text, records in
        guard let e = parse(text), let notE = parse("not (\(text))"), let bang = parse("!(\(text))") else { return }
        for record in records {
            let matched = e.matches(record)
            #expect(notE.matches(record) == !matched, "\(text) on \(record)")
            #expect(bang.matches(record) == !matched)
        }
    }
}

@Test func anExpressionOrItsNegationAlwaysMatchesAndNeverBoth() async {
    await propertyCheck(count: 200, input: cases) { text, records in
        guard let either = parse("(\(text)) or not (\(text))"), let both = parse("(\(text)) and not (\(text))") else {
            return
        }
        for record in records {
            #expect(either.matches(record), "\(text) on \(record)")
            #expect(!both.matches(record), "\(text) on \(record)")
        }
    }
}

@Test func deMorganAndPrecedenceHold() async {
    await propertyCheck(count: 200, input: pairs) { a, b, records in
        guard let notAnd = parse("not ((\(a)) and (\(b)))"), let orNots = parse("not (\(a)) or not (\(b))"),
              let notOr = parse("not ((\(a)) or (\(b)))"), let andNots = parse("not (\(a)) and not (\(b))"),
              let loose = parse("not (\(a)) and (\(b)) or (\(a))"),
              let grouped = parse("((not (\(a))) and (\(b))) or (\(a))")
        else { return }
        for record in records {
            #expect(notAnd.matches(record) == orNots.matches(record), "\(a) / \(b) on \(record)")
            #expect(notOr.matches(record) == andNots.matches(record), "\(a) / \(b) on \(record)")
            #expect(loose.matches(record) == grouped.matches(record), "\(a) / \(b) on \(record)")
        }
    }
}

/// Every comparison on an optional field (and its has()), as `(text, negated text)` pairs.
private let absentFieldTests: [(RecordFilter, RecordFilter)] = {
    var pairs: [(RecordFilter, RecordFilter)] = []
    for field in ["label", "prediction", "latency_us", "strategy", "features.amount"] {
        let value = field == "strategy" ? "\"ab\"" : "1"
        let ops = field == "strategy" ? ["==", "!="] : ["==", "!=", "<", "<=", ">", ">="]
        var texts = ops.map { "\(field) \($0) \(value)" } + ["has(\(field))", "\(field) ~ /a/"]
        if field != "strategy" { texts += ops.map { "\(field) \($0) score" } + ["1 < \(field)"] }
        for text in texts where !(field.hasPrefix("features") || field == "latency_us") || !text.contains("~") {
            pairs.append((try! RecordFilter(parsing: text), try! RecordFilter(parsing: "not \(text)")))
        }
    }
    return pairs
}()

private let records = Generator<[ScoredEvent], Shrink.None<[ScoredEvent]>>(run: { rng in FilterSamples.records(&rng) })

@Test func comparisonsOnAnAbsentFieldAreFalseAndTheirNegationsTrue() async {
    await propertyCheck(count: 100, input: records) { records in
        for var record in records {
            record.label = nil
            record.prediction = nil
            record.latencyUs = nil
            record.strategy = nil
            record.features.removeAll { $0.name == "amount" }
            for (c, notC) in absentFieldTests {
                #expect(!c.matches(record) && notC.matches(record), "\(c.text) on \(record)")
            }
        }
    }
}

/// Guards the generators: random expressions match some records and miss others, so the
/// properties above are not checked on constant filters only.
@Test func randomExpressionsAreNotConstant() {
    var rng = SeededGenerator(seed: 42)
    var matched = 0, total = 0
    for _ in 0..<200 {
        guard let e = parse(FilterSamples.expression(&rng)) else { return }
        for record in FilterSamples.records(&rng, count: 20) {
            total += 1
            if e.matches(record) { matched += 1 }
        }
    }
    let share = Double(matched) / Double(total)
    #expect(share > 0.2 && share < 0.8, "share matched: \(share)")
}

/// The same complement property on a fixed seed, so one stream of cases is checked on every run.
@Test func notMatchesTheComplementOnASeededStream() {
    var rng = SeededGenerator(seed: 0x5EED_F11E)
    for _ in 0..<500 {
        let text = FilterSamples.expression(&rng, depth: 5)
        guard let e = parse(text), let notE = parse("not (\(text))") else { return }
        for record in FilterSamples.records(&rng, count: 20) {
            #expect(notE.matches(record) == !e.matches(record), "\(text) on \(record)")
        }
    }
}
