import PipeTopCore

/// Realistic messages and random valid events shared by the decoder, encoder and fuzz tests.
enum EventSamples {
    static let scored = #"{"type":"scored","pipeline":"fraud","ts_ms":1764000000123,"key":"txn-000123456","model":"fraud-lr","version":7,"role":"primary","score":0.8731,"prediction":1,"latency_us":412,"features":{"amount":1234.5,"age_days":37,"country_risk":0.12}}"#

    static let metrics = #"{"type":"metrics","pipeline":"fraud","ts_ms":1764000000000,"instance":"scorer-1","stage":"score","records_in":120034,"records_out":120001,"errors":3,"lag":42,"latency_le_us":[100,250,500,1000],"latency_counts":[10,80,115,119,120],"serving":[{"model":"fraud-lr","version":7,"role":"primary"},{"model":"fraud-lr","version":8,"role":"shadow"}]}"#

    static let model = #"{"type":"model","pipeline":"fraud","ts_ms":1764000000500,"model":"fraud-lr","version":8,"description":"weekly retrain","event":"candidate","parent":7,"cause":"c-1","metrics":{"auc":0.91,"logloss":0.31},"artifact":{"format":"lr-json","sha256":"ab12","bytes":2048,"data":"{\"w\":[0.1,0.2]}"},"reference":{"edges":[0.2,0.5],"counts":[400,350,250],"n":1000,"sample":[0.1,0.4,0.9],"features":{"amount":{"edges":[100],"counts":[600,400],"n":1000}}}}"#

    static let label = #"{"type":"label","pipeline":"fraud","ts_ms":1764000090000,"key":"txn-000123456","label":true}"#

    static let control = #"{"type":"control","pipeline":"fraud","ts_ms":1764000100000,"id":"7f1c7e2a-0b8e-4a0e-9d1a-2b3c4d5e6f70","action":"promote","model":"fraud-lr","version":8,"from_version":7,"requested_by":"alice","reason":"auc +0.02"}"#

    static let ack = #"{"type":"ack","pipeline":"fraud","ts_ms":1764000100250,"id":"7f1c7e2a-0b8e-4a0e-9d1a-2b3c4d5e6f70","status":"applied","detail":"duplicate"}"#

    /// The contract's example of a scorer that counts its versions' values (`histograms`), as the encoder writes it.
    static let metricsWithHistograms = #"{"type":"metrics","pipeline":"fraud","ts_ms":1764000000000,"instance":"scorer-1","stage":"score","records_in":120034,"records_out":120001,"errors":3,"serving":[{"model":"fraud-lr","version":7,"role":"primary"},{"model":"fraud-lr","version":8,"role":"shadow"}],"histograms":[{"model":"fraud-lr","version":7,"score":[120,118,95,101,66],"features":{"amount":[300,200],"age_days":[250,250]}},{"model":"fraud-lr","version":8,"score":[130,110,90,100,70]}]}"#

    static let all = [scored, metrics, metricsWithHistograms, model, label, control, ack]

    // MARK: Random valid events

    static func string<R: RandomNumberGenerator>(_ rng: inout R) -> String {
        let pieces = ["a", "b", "z", "fraud", "-", "_", " ", "é", "日本", "😀", "\"", "\\", "/", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "\u{2028}", "0", "9"]
        let n = Int.random(in: 0...8, using: &rng)
        return (0..<n).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined()
    }

    static func double<R: RandomNumberGenerator>(_ rng: inout R) -> Double {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return Double.random(in: 0...1, using: &rng)
        case 1: return Double(Int.random(in: -1_000_000...1_000_000, using: &rng))
        case 2: return [1e-7, 2.5e3, -0.0, 0, .leastNonzeroMagnitude, 1.7976931348623157e308, 2.2250738585072014e-308, 1e15, 1e22, 1e23, 0.1, -123.456].randomElement(using: &rng) ?? 0
        case 3:
            let d = Double(bitPattern: rng.next())
            return d.isFinite ? d : 1
        default: return Double.random(in: -1e6...1e6, using: &rng)
        }
    }

    static func optional<T, R: RandomNumberGenerator>(_ rng: inout R, _ make: (inout R) -> T) -> T? {
        Bool.random(using: &rng) ? make(&rng) : nil
    }

    static func outcome<R: RandomNumberGenerator>(_ rng: inout R) -> Outcome {
        Bool.random(using: &rng) ? .number(double(&rng)) : .text(string(&rng))
    }

    static func named<R: RandomNumberGenerator>(_ rng: inout R) -> [NamedValue] {
        (0..<Int.random(in: 0...5, using: &rng)).map { _ in NamedValue(name: string(&rng), value: double(&rng)) }
    }

    static func histogram<R: RandomNumberGenerator>(_ rng: inout R) -> ReferenceHistogram {
        let edges = (0..<Int.random(in: 0...4, using: &rng)).map { _ in double(&rng) }
        let counts = (0...edges.count).map { _ in Double(Int.random(in: 0...1000, using: &rng)) }
        return ReferenceHistogram(edges: edges, counts: counts, n: Int.random(in: 0...100_000, using: &rng),
                                  sample: optional(&rng) { r in (0..<3).map { _ in double(&r) } })
    }

    /// Up to three versions' counts (distinct versions, distinct feature names, 2 to 6 bins).
    static func histograms<R: RandomNumberGenerator>(_ rng: inout R) -> [VersionHistograms] {
        func counts(_ r: inout R) -> [UInt64] { (0..<Int.random(in: 2...6, using: &r)).map { _ in UInt64.random(in: 0...1 << 40, using: &r) } }
        return (0..<Int.random(in: 0...3, using: &rng)).map { k in
            let names = Set((0..<Int.random(in: 0...3, using: &rng)).map { _ in string(&rng) })
            return VersionHistograms(model: string(&rng), version: k, score: optional(&rng) { counts(&$0) },
                                     features: names.sorted().map { BinCounts(name: $0, counts: counts(&rng)) })
        }
    }

    static func event<R: RandomNumberGenerator>(_ rng: inout R) -> Event {
        let pipeline = string(&rng)
        let ts = Int64.random(in: TimestampText.supportedMilliseconds, using: &rng)
        let v = Bool.random(using: &rng) ? 1 : Int.random(in: -5...1000, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            let le = (0..<Int.random(in: 0...5, using: &rng)).map { _ in double(&rng) }
            let counts = (0..<(le.count + Int.random(in: 0...1, using: &rng))).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) }
            let serving = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                ServingEntry(model: string(&rng), version: Int.random(in: -9...Int.max, using: &rng), role: Role.allCases.randomElement(using: &rng) ?? .primary)
            }
            return .metrics(MetricsEvent(pipeline: pipeline, tsMs: ts, contractVersion: v, instance: string(&rng), stage: string(&rng),
                                         recordsIn: .random(in: 0...UInt64.max, using: &rng), recordsOut: .random(in: 0...9, using: &rng),
                                         errors: .random(in: 0...9, using: &rng), lag: optional(&rng) { r in Int64.random(in: -9...Int64.max, using: &r) },
                                         latencyLeUs: le, latencyCounts: counts, serving: serving, histograms: histograms(&rng)))
        case 1:
            let artifact = optional(&rng) { r in
                Artifact(format: string(&r), sha256: string(&r), bytes: .random(in: 0...Int64.max, using: &r),
                         data: optional(&r) { string(&$0) }, uri: optional(&r) { string(&$0) })
            }
            let reference = optional(&rng) { r in
                Reference(score: histogram(&r), features: Dictionary((0..<Int.random(in: 0...2, using: &r)).map { _ in (string(&r), histogram(&r)) }, uniquingKeysWith: { a, _ in a }))
            }
            return .model(ModelEvent(pipeline: pipeline, tsMs: ts, contractVersion: v, model: string(&rng), version: .random(in: 0...1000, using: &rng),
                                     event: ModelEventKind.allCases.randomElement(using: &rng) ?? .published,
                                     description: optional(&rng) { string(&$0) }, parent: optional(&rng) { Int.random(in: 0...99, using: &$0) },
                                     toVersion: optional(&rng) { Int.random(in: 0...99, using: &$0) }, cause: optional(&rng) { string(&$0) },
                                     detail: optional(&rng) { string(&$0) }, instance: optional(&rng) { string(&$0) }, metrics: named(&rng),
                                     artifact: artifact, reference: reference))
        case 2:
            return .scored(ScoredEvent(pipeline: pipeline, tsMs: ts, contractVersion: v, key: string(&rng), model: string(&rng),
                                       version: .random(in: Int.min...Int.max, using: &rng), role: Role.allCases.randomElement(using: &rng) ?? .primary,
                                       score: double(&rng), prediction: optional(&rng) { outcome(&$0) }, label: optional(&rng) { outcome(&$0) },
                                       latencyUs: optional(&rng) { double(&$0) }, features: named(&rng), strategy: optional(&rng) { string(&$0) }))
        case 3:
            return .label(LabelEvent(pipeline: pipeline, tsMs: ts, contractVersion: v, key: string(&rng), label: outcome(&rng)))
        case 4:
            return .control(ControlCommand(pipeline: pipeline, tsMs: ts, contractVersion: v, id: string(&rng),
                                           action: ControlAction.allCases.randomElement(using: &rng) ?? .promote, model: string(&rng),
                                           version: .random(in: 0...99, using: &rng), fromVersion: optional(&rng) { Int.random(in: 0...99, using: &$0) },
                                           requestedBy: string(&rng), reason: optional(&rng) { string(&$0) }))
        default:
            return .ack(Ack(pipeline: pipeline, tsMs: ts, contractVersion: v, id: string(&rng),
                            status: AckStatus.allCases.randomElement(using: &rng) ?? .applied, detail: optional(&rng) { string(&$0) }))
        }
    }
}
