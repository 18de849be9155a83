import Testing

@testable import PipeTopCore

// The encoder's shortcuts, checked against the plain forms they replace.
@Test func integersAreWrittenAsTheirDescription() {
    let values: [Int64] = [0, 1, -1, 9, 10, -10, 1_764_000_000_000, Int64.max, Int64.min, Int64.min + 1]
    for v in values {
        var w = JSONWriter([])
        w.int64(v)
        #expect(String(decoding: w.out, as: UTF8.self) == v.description)
    }
    var w = JSONWriter([])
    w.int(UInt64.max)
    w.int(Int32.min)
    #expect(String(decoding: w.out, as: UTF8.self) == UInt64.max.description + Int32.min.description)
}

@Test func aScoredRecordEncodesTheSameWithOrWithoutAnEvent() {
    let records = [
        ScoredEvent(pipeline: "fraud", tsMs: 1_764_000_000_000, key: "tx\"1", model: "m", version: 3, role: .shadow,
                    score: 0.9572, prediction: .number(1), label: .text("yes"), latencyUs: 1450.5,
                    features: [NamedValue(name: "amount", value: -2754.13)], strategy: "canary"),
        ScoredEvent(pipeline: "p", tsMs: -5, contractVersion: 2, key: "", model: "m", version: -1, score: -0.0),
    ]
    for e in records {
        var viaEvent: [UInt8] = [1]
        var direct: [UInt8] = [1]
        EventEncoder.encode(.scored(e), into: &viaEvent)
        EventEncoder.encode(scored: e, into: &direct)
        #expect(viaEvent == direct)
    }
}

@Test func doublesAreWrittenAsTheirDescription() {
    // Short decimals (what scores and features mostly are) take ShortDecimal's path, the rest
    // `description`'s: the text is the same either way, across magnitudes and precisions.
    var rng = SplitMix64(seed: 11)
    for i in 0..<200_000 {
        let magnitude = [1e-5, 1e-3, 0.5, 7, 1_234, 5e5, 2e6, 3e9][i % 8]
        let raw = Double(rng.next() % 2_000_000_000) / 1e9 * magnitude * (i % 3 == 0 ? -1 : 1)
        let d = i % 2 == 0 ? (raw * 1e4).rounded() / 1e4 : raw
        var w = JSONWriter([])
        w.double(d)
        let text = String(decoding: w.out, as: UTF8.self)
        let expected = d == d.rounded(.towardZero) && abs(d) < 1e15 && !(d == 0 && d.sign == .minus) ? String(Int64(d)) : d.description
        #expect(text == expected, "\(d)")
        if text != expected { return }
    }
}
