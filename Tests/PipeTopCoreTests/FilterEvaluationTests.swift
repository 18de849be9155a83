import Testing
import PipeTopCore

/// Whether `text` parses and matches `record`; a parse error fails the test.
private func match(_ text: String, _ record: ScoredEvent = FilterSamples.full,
                   sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    do throws(FilterError) {
        return try RecordFilter(parsing: text).matches(record)
    } catch {
        Issue.record("\(text): \(error)", sourceLocation: sourceLocation)
        return false
    }
}

@Test func everyComparisonOperatorOnScore() {
    // full.score == 0.93
    #expect(match("score == 0.93") && !match("score == 0.9"))
    #expect(match("score != 0.9") && !match("score != 0.93"))
    #expect(match("score < 1") && !match("score < 0.93"))
    #expect(match("score <= 0.93") && !match("score <= 0.92"))
    #expect(match("score > 0.9") && !match("score > 0.93"))
    #expect(match("score >= 0.93") && !match("score >= 0.94"))
}

@Test func contractFieldsByName() {
    #expect(match("version == 7") && !match("version == 8"))
    #expect(match("model == \"fraud-lr\"") && !match("model == \"fraud\""))
    #expect(match("pipeline == \"fraud\"") && match("key == \"txn-000123\""))
    #expect(match("strategy == \"canary\"") && match("strategy != \"ab\""))
    #expect(match("latency_us > 5000") && !match("latency_us > 6200"))
    #expect(match("ts_ms == 1764000000123") && match("ts_ms > 1.7e12"))
    #expect(match("v == 1"))
    #expect(match("role == primary") && match("role == \"primary\"") && match("role != shadow"))
    #expect(match("role == shadow", FilterSamples.bare) && match("role == \"shadow\"", FilterSamples.bare))
}

@Test func numberLiterals() {
    #expect(match("score > -1") && match("score>-1") && match("-1 < score"))
    #expect(match("features.amount == 1.2345e3") && match("features.amount == 12345E-1"))
    #expect(match("features.amount < 1e+4") && match("score > .5"))
    #expect(match("label == false") && match("prediction == true"))
}

@Test func literalOnTheLeftMirrorsTheComparison() {
    #expect(match("0.9 < score") && !match("0.9 > score"))
    #expect(match("7 == version") && match("\"fraud-lr\" == model"))
    #expect(match("shadow != role"))
}

@Test func featuresByNameQuotedAndStartingWithADigit() {
    #expect(match("features.amount >= 1000") && !match("features.amount >= 2000"))
    #expect(match("features.age_days == 37"))
    #expect(match("features.7d_count == 3"))
    #expect(match("features.\"amount\" > 1"))
    #expect(match("features.amount > features.age_days") && !match("features.amount < features.age_days"))
    #expect(!match("features.missing > 0") && !match("features.missing <= 0"))
}

@Test func fieldAgainstField() {
    #expect(match("label != prediction") && !match("label == prediction"))
    #expect(match("latency_us > features.amount") && match("version < features.age_days"))
    #expect(match("score < prediction"))
}

@Test func andOrNotAndTheirSymbolSpellings() {
    #expect(match("score > 0.9 and version == 7") && !match("score > 0.9 and version == 8"))
    #expect(match("score > 0.99 or version == 7") && !match("score > 0.99 or version == 8"))
    #expect(match("not score > 0.99") && !match("not score > 0.9"))
    #expect(match("score > 0.9 && version == 7") && match("score > 0.99 || version == 7") && match("!(score > 0.99)"))
    #expect(match("not not score > 0.9") && match("! ! score > 0.9"))
}

@Test func precedenceIsNotThenAndThenOr() {
    // a or b and c == a or (b and c): true or (false and false)
    #expect(match("version == 7 or version == 8 and version == 9"))
    #expect(!match("(version == 7 or version == 8) and version == 9"))
    // not a and b == (not a) and b: (not false) and true
    #expect(match("not version == 8 and version == 7"))
    #expect(!match("not (version == 7 and version == 7)"))
    // not binds tighter than or: (not true) or true
    #expect(match("not version == 7 or version == 7"))
    #expect(!match("not (version == 7 or version == 7)"))
}

@Test func parenthesesNestAndGroup() {
    #expect(match("((score > 0.9))"))
    #expect(match("(version == 8 or (version == 7 and (score > 0.9)))"))
    #expect(!match("(version == 8 or version == 7) and (score > 0.99 or not has(label))"))
}

@Test func regexMatchesAnywhereWithAnchorsClassesAndFlags() {
    #expect(match("key ~ /txn/") && match("key ~ /^txn-/") && match("key ~ /123$/") && match("key ~ /^txn-000123$/"))
    #expect(!match("key ~ /^000/") && !match("key ~ /txn$/") && !match("key ~ /^txn$/") && !match("key ~ /xyz/"))
    #expect(match("key ~ /\\d{6}$/") && match("key ~ /^[a-z]+-0+1/") && !match("key ~ /^\\d/"))
    #expect(match("model ~ /lr|gbm/") && match("pipeline ~ /^fr/") && match("strategy ~ /nar/"))
    #expect(match("model ~ /FRAUD/i") && !match("model ~ /FRAUD/"))
    #expect(match("key ~ //"))
    let slashed = ScoredEvent(key: "a/b.c")
    #expect(match("key ~ /a\\/b/", slashed) && match("key ~ /^a\\/b\\.c$/", slashed) && !match("key ~ /^a\\/b\\.d/", slashed))
    #expect(match("key ~ /b.c/", slashed) && match("key ~ /b.c/", ScoredEvent(key: "abxc")))
    #expect(!match("key ~ /b\\.c/", ScoredEvent(key: "abxc")))
}

@Test func regexOnMissingOrNumericFieldsIsFalse() {
    #expect(!match("strategy ~ //", FilterSamples.bare) && match("not strategy ~ /x/", FilterSamples.bare))
    #expect(!match("label ~ //") && !match("label ~ //", FilterSamples.bare))
    var texty = FilterSamples.full
    texty.label = .text("fraud")
    #expect(match("label ~ /^fr/", texty))
}

@Test func hasTellsWhichOptionalFieldsArePresent() {
    for field in ["label", "prediction", "latency_us", "strategy", "features.amount", "features.7d_count"] {
        #expect(match("has(\(field))"), "\(field)")
    }
    for field in ["label", "latency_us", "strategy", "features.amount"] {
        #expect(!match("has(\(field))", FilterSamples.bare), "\(field)")
    }
    #expect(match("has(score) and has(key) and has(role)", FilterSamples.bare))
    #expect(match("has (label)") && !match("has(features.nope)"))
}

@Test func comparisonsOnMissingFieldsAreFalseWhateverTheOperator() {
    let bare = FilterSamples.bare
    for op in ["==", "!=", "<", "<=", ">", ">="] {
        #expect(!match("label \(op) 1", bare) && !match("latency_us \(op) 0", bare) && !match("features.amount \(op) 0", bare))
        #expect(!match("label \(op) prediction", bare) && !match("prediction \(op) label", bare))
        #expect(match("not label \(op) 1", bare))
    }
    #expect(!match("strategy == \"ab\"", bare) && !match("strategy != \"ab\"", bare))
}

@Test func notIsPlainNegationAsTheIssueSpells() {
    let unlabelled = FilterSamples.bare
    #expect(match("not (label == prediction)", unlabelled))
    #expect(!match("has(label) and label != prediction", unlabelled))
    #expect(!match("label != prediction", unlabelled))
    // With a label, both forms agree.
    #expect(match("not (label == prediction)") && match("has(label) and label != prediction"))
}

@Test func outcomesCompareAsNumbersTextsOrClasses() {
    var e = FilterSamples.full
    e.label = .number(1)
    e.prediction = .number(1)
    #expect(match("label == 1", e) && match("label == prediction", e) && match("label >= 0.5", e))
    e.label = .text("fraud")
    e.prediction = .text("fraud")
    #expect(match("label == prediction", e) && match("label == \"fraud\"", e) && !match("label != \"fraud\"", e))
    // A text that is no class name equals no number: == is false, != true, ordering false.
    #expect(!match("label == 1", e) && match("label != 1", e) && !match("label > 0", e) && !match("label <= 1", e))
    e.prediction = .text("legit")
    #expect(match("label != prediction", e) && !match("label < prediction", e))
    // Class names read as 1/0 against numbers, as Outcome.isPositive reads them.
    e.label = .text("TRUE")
    e.prediction = .number(1)
    #expect(match("label == 1", e) && match("label == prediction", e) && match("label > 0.5", e) && match("label == true", e))
    e.label = .text("no")
    #expect(match("label == 0", e) && match("label < prediction", e))
    // Two texts compare exactly with == (no class reading), both as classes when ordered.
    e.label = .text("yes")
    e.prediction = .text("true")
    #expect(!match("label == prediction", e) && match("label >= prediction", e) && !match("label < prediction", e))
    // A number outcome against a text literal.
    e.label = .number(1)
    #expect(match("label == \"true\"", e) && match("label != \"cat\"", e) && !match("label == \"cat\"", e))
}

@Test func labelEventsHaveKeyLabelAndTime() throws {
    let event = LabelEvent(pipeline: "fraud", tsMs: 5, key: "txn-1", label: .number(1))
    #expect(try RecordFilter(parsing: "key ~ /^txn/ and label == 1 and ts_ms == 5").matches(event))
    #expect(try !RecordFilter(parsing: "score > 0").matches(event))
    #expect(try RecordFilter(parsing: "not has(prediction)").matches(event))
}

@Test func textIsKeptAsGiven() throws {
    let filter = try RecordFilter(parsing: "  score > 0.9 ")
    #expect(filter.text == "  score > 0.9 " && filter.description == filter.text)
    #expect(try filter == RecordFilter(parsing: "  score > 0.9 "))
}
