import Testing

@testable import PipeTopCore

// The encoder's shortcuts, checked against the plain forms they replace.
@Test func integersAreWrittenAsTheirDescription() {
    // Digits are counted from the bit length: every power of ten and its neighbours.
    var powers: [Int64] = []
    var p: Int64 = 1
    for _ in 0...18 {
        powers += [p - 1, p, p + 1, -p, -(p - 1)]
        if p <= Int64.max / 10 { p *= 10 }
    }
    let values: [Int64] = [0, 1, -1, 9, 10, -10, 1_764_000_000_000, Int64.max, Int64.min, Int64.min + 1] + powers
    let buffer = JSONTextBuffer()
    for u in [UInt64.max, UInt64.max / 10, 10_000_000_000_000_000_000, 9_999_999_999_999_999_999] + powers.map(\.magnitude) {
        buffer.reset()
        buffer.uint(u)
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == u.description)
    }
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
    let buffer = JSONTextBuffer()
    for i in 0..<200_000 {
        let magnitude = [1e-5, 1e-3, 0.5, 7, 1_234, 5e5, 2e6, 3e9][i % 8]
        let raw = Double(rng.next() % 2_000_000_000) / 1e9 * magnitude * (i % 3 == 0 ? -1 : 1)
        let d = i % 2 == 0 ? (raw * 1e4).rounded() / 1e4 : raw
        var w = JSONWriter([])
        w.double(d)
        let text = String(decoding: w.out, as: UTF8.self)
        let expected = d == d.rounded(.towardZero) && abs(d) < 1e15 && !(d == 0 && d.sign == .minus) ? String(Int64(d)) : d.description
        buffer.reset()
        buffer.double(d)
        let natural = String(decoding: buffer.bytes, as: UTF8.self)
        #expect(text == expected, "\(d)")
        #expect(natural == expected, "\(d)")
        if text != expected || natural != expected { return }
    }
}

@Test func aTemplateWritesTheEncodersBytes() {
    let names = ["amount", "we\"ird\n", "x"]
    let template = ScoredRecordTemplate(pipeline: "fr\\aud", model: "m-1", features: names, strategy: "canary")
    let bare = ScoredRecordTemplate(pipeline: "p", model: "m", features: [], strategy: nil)
    var rng = SplitMix64(seed: 3)
    for i in 0..<2_000 {
        let values = (0..<3).map { _ in Double(rng.next() % 2_000_000) / 997 - 1_000 }
        let e = ScoredEvent(
            pipeline: "fr\\aud", tsMs: 1_764_000_000_000 + Int64(i), key: "k-\(i)", model: "m-1", version: i % 7,
            role: i % 3 == 0 ? .shadow : .primary, score: Double(rng.next() % 1_000_000) / 1e6,
            prediction: i % 4 == 0 ? nil : .number(Double(i % 2)), label: i % 5 == 0 ? .text("yes") : nil,
            latencyUs: i % 6 == 0 ? nil : Double(i), features: i % 3 == 0 ? [] : zip(names, values).map { NamedValue(name: $0, value: $1) },
            strategy: "canary")
        var expected: [UInt8] = [7]
        EventEncoder.encode(scored: e, into: &expected)
        var written: [UInt8] = [7]
        template.write(tsMs: e.tsMs, key: e.key, version: e.version, role: e.role, score: e.score, prediction: e.prediction,
                       label: e.label, latencyUs: e.latencyUs, features: e.features.map(\.value), into: &written)
        #expect(written == expected, "\(String(decoding: written, as: UTF8.self))")
        if written != expected { return }
    }
    var expected: [UInt8] = []
    EventEncoder.encode(scored: ScoredEvent(pipeline: "p", tsMs: 5, key: "k", model: "m", version: 1, score: 0.5), into: &expected)
    var written: [UInt8] = []
    bare.write(tsMs: 5, key: "k", version: 1, role: .primary, score: 0.5, prediction: nil, label: nil, latencyUs: nil, features: [], into: &written)
    #expect(written == expected)
}
