import PipeTopCore

/// Random filter expressions and scored records for the filter's property tests. The
/// pools are small so that comparisons are often true, often false, and often on missing fields.
enum FilterSamples {
    /// A record with every optional field set: the unit tests' default.
    static let full = ScoredEvent(
        pipeline: "fraud", tsMs: 1_764_000_000_123, key: "txn-000123", model: "fraud-lr", version: 7, role: .primary,
        score: 0.93, prediction: .number(1), label: .number(0), latencyUs: 6200,
        features: [NamedValue(name: "amount", value: 1234.5), NamedValue(name: "age_days", value: 37),
                   NamedValue(name: "7d_count", value: 3)],
        strategy: "canary")

    /// `full` without label, latency, features or strategy.
    static let bare = ScoredEvent(
        pipeline: "fraud", tsMs: 1_764_000_000_123, key: "txn-000124", model: "fraud-lr", version: 7, role: .shadow,
        score: 0.2, prediction: .number(0))

    static let numberFields = ["score", "version", "ts_ms", "latency_us", "features.amount", "features.age", "label",
                               "prediction", "v"]
    static let numbers = ["0", "0.5", "1", "7", "-1", "1e3", "2.5E-1", "true", "false"]
    static let operators = ["==", "!=", "<", "<=", ">", ">="]

    static func pick<T, R: RandomNumberGenerator>(_ items: [T], _ rng: inout R) -> T {
        items[Int.random(in: 0..<items.count, using: &rng)]
    }

    /// One comparison, regex test or has().
    static func atom<R: RandomNumberGenerator>(_ rng: inout R) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1, 2:
            return "\(pick(numberFields, &rng)) \(pick(operators, &rng)) \(pick(numbers, &rng))"
        case 3:
            return "\(pick(numbers, &rng)) \(pick(operators, &rng)) \(pick(numberFields, &rng))"
        case 4:
            return "\(pick(numberFields, &rng)) \(pick(operators, &rng)) \(pick(numberFields, &rng))"
        case 5:
            let field = pick(["model", "key", "strategy", "pipeline", "label", "prediction"], &rng)
            let value = pick(["\"fraud-lr\"", "\"churn\"", "\"k1\"", "\"ab\"", "\"true\"", "\"cat\""], &rng)
            return "\(field) \(pick(["==", "!="], &rng)) \(value)"
        case 6:
            let value = pick(["shadow", "primary", "\"shadow\"", "\"primary\""], &rng)
            return "role \(pick(["==", "!="], &rng)) \(value)"
        case 7:
            return pick(["key ~ /^k1/", "model ~ /lr$/", "strategy ~ /a|b/", "label ~ /^t/i", "key ~ /\\d$/",
                         "pipeline ~ /fraud/", "prediction ~ /at/"], &rng)
        case 8:
            return "has(\(pick(["label", "prediction", "latency_us", "strategy", "features.amount", "features.age", "score"], &rng)))"
        default:
            return pick(["label == prediction", "label != prediction", "label == 1", "prediction == \"true\""], &rng)
        }
    }

    /// A random expression: atoms joined by and/or/not (spelt either way), parenthesised at random.
    static func expression<R: RandomNumberGenerator>(_ rng: inout R, depth: Int = 4) -> String {
        guard depth > 0, Int.random(in: 0..<3, using: &rng) > 0 else { return atom(&rng) }
        let sub = { (rng: inout R) -> String in
            let e = expression(&rng, depth: depth - 1)
            return Bool.random(using: &rng) ? "(\(e))" : e
        }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return "\(pick(["not", "!"], &rng)) (\(expression(&rng, depth: depth - 1)))"
        case 1, 2: return "\(sub(&rng)) \(pick(["and", "&&"], &rng)) \(sub(&rng))"
        default: return "\(sub(&rng)) \(pick(["or", "||"], &rng)) \(sub(&rng))"
        }
    }

    static func outcome<R: RandomNumberGenerator>(_ rng: inout R) -> Outcome? {
        pick([nil, .number(0), .number(1), .number(0.5), .text("true"), .text("cat"), .text("TRUE")], &rng)
    }

    /// A random record; each optional field is absent about a third of the time.
    static func record<R: RandomNumberGenerator>(_ rng: inout R) -> ScoredEvent {
        var features: [NamedValue] = []
        for name in ["amount", "age"] where Int.random(in: 0..<3, using: &rng) > 0 {
            features.append(NamedValue(name: name, value: pick([0, 1, 7, 1000, -1, 0.25], &rng)))
        }
        if Bool.random(using: &rng) { features.shuffle(using: &rng) }
        return ScoredEvent(
            pipeline: pick(["fraud", "churn"], &rng), tsMs: pick([0, 1, 1_764_000_000_000], &rng),
            contractVersion: pick([1, 2], &rng), key: pick(["k1", "k12", "x9", "k"], &rng),
            model: pick(["fraud-lr", "churn", "fraud-gbm"], &rng), version: Int.random(in: 0...8, using: &rng),
            role: pick([.primary, .shadow], &rng),
            score: Bool.random(using: &rng) ? pick([0, 0.5, 1, 7], &rng) : Double.random(in: -1...2, using: &rng),
            prediction: outcome(&rng), label: outcome(&rng),
            latencyUs: pick([nil, 0, 7, 1000, 2.5], &rng), features: features,
            strategy: pick([nil, "ab", "canary", "b"], &rng))
    }

    static func records<R: RandomNumberGenerator>(_ rng: inout R, count: Int = 40) -> [ScoredEvent] {
        (0..<count).map { _ in record(&rng) }
    }
}
