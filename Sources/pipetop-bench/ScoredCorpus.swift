import PipeTopCore

/// A million realistic scored records as JSON, in one buffer, generated in-process and seeded.
///
/// Like a real scored topic: three pipelines interleaved record by record, each record key
/// unique, every record scored by the pipeline's primary version and one in four also by a
/// candidate in shadow (same key, next record), one in seven carrying its label inline.
struct ScoredCorpus {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []

    init(count: Int, seed: UInt64 = 42, pipelines: [String] = ["fraud", "churn", "ctr"]) {
        var rng = SplitMix64(seed: seed)
        bytes.reserveCapacity(count * 200)
        ranges.reserveCapacity(count)
        var out: [UInt8] = []
        var n = 0
        while ranges.count < count {
            let pipeline = pipelines[n % pipelines.count]
            let features = [
                NamedValue(name: "amount", value: Double(rng.next() % 500_000) / 100),
                NamedValue(name: "risk", value: Double(rng.next() % 1_000) / 1_000),
            ]
            for role in n % 4 == 0 ? [Role.primary, .shadow] : [.primary] where ranges.count < count {
                let score = Double(rng.next() % 10_000) / 10_000
                let e = ScoredEvent(
                    pipeline: pipeline, tsMs: 1_764_000_000_000 + Int64(n / 10), key: "tx\(10_000_000 + n)",
                    model: "\(pipeline)-lr", version: role == .primary ? 3 : 4, role: role, score: score,
                    prediction: .number(score >= 0.5 ? 1 : 0), label: n % 7 == 0 ? .number(Double(rng.next() % 2)) : nil,
                    latencyUs: Double(200 + rng.next() % 2_000), features: features)
                out.removeAll(keepingCapacity: true)
                EventEncoder.encode(.scored(e), into: &out)
                let start = bytes.count
                bytes.append(contentsOf: out)
                ranges.append(start..<bytes.count)
            }
            n += 1
        }
    }

    var averageSize: Double { Double(bytes.count) / Double(max(1, ranges.count)) }
}
