import Foundation
import Testing
import PipeTopCore

/// Decodes inputs through both paths and checks the invariants every input must keep:
/// an event or a `DecodeError` inside the input, and the hot path agreeing with the generic one.
private struct FuzzHarness {
    let seed: UInt64
    var rng: SplitMix64
    var decoder = EventDecoder()
    var scratch = ScoredEvent()
    var failures = 0
    var accepted = 0

    init(seed: UInt64) {
        self.seed = seed
        rng = SplitMix64(seed: seed)
    }

    mutating func fail(_ what: String, _ bytes: [UInt8]) {
        failures += 1
        guard failures <= 5 else { return }
        let shown = String(decoding: bytes.prefix(300), as: UTF8.self)
        Issue.record("fuzz seed \(seed) (rerun with PIPETOP_FUZZ_SEED=\(seed)): \(what); input \(bytes.count) bytes: \(shown)")
    }

    /// Decodes `bytes` both ways; returns the generic result.
    @discardableResult
    mutating func check(_ bytes: [UInt8]) -> Result<Event, DecodeError> {
        let generic = Result { () throws(DecodeError) in try decoder.decode(bytes) }
        let hot = Result { () throws(DecodeError) in try decoder.decode(bytes, scoredInto: &scratch) }
        switch (generic, hot) {
        case (.success(let e), .success(.scored)):
            if e != .scored(scratch) { fail("hot path decoded a different scored event", bytes) }
        case (.success(let e), .success(.other(let o))):
            if e != o { fail("hot path decoded a different event", bytes) }
        case (.failure(let a), .failure(let b)):
            if a != b { fail("paths disagree: \(a) vs \(b)", bytes) }
            if a.offset < 0 || a.offset > bytes.count { fail("offset \(a.offset) outside the input", bytes) }
        default:
            fail("one path failed, the other did not", bytes)
        }
        if case .success = generic { accepted += 1 }
        return generic
    }

    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &rng) }

    static let tokens: [[UInt8]] = [
        "\"s\"", "123", "-1", "1.5", "true", "false", "null", "{}", "[]", "[1,2]", "{\"a\":[{}]}", "1e400", "-1e400", "1e-400",
        "-0", "NaN", "Infinity", "-Infinity", "18446744073709551616", "9223372036854775808", "0.1e+309", "01", "1.", ".5", "1e",
        "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\u12\"", "\"\\x\"", String(repeating: "9", count: 400),
        "\"" + String(repeating: "é", count: 20) + "\"",
    ].map { Array($0.utf8) } + [[0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF5, 0x22], [0x22, 0xE2, 0x82, 0x22], [0x22, 0x01, 0x22]]

    static let structural: [UInt8] = Array(#"{}[]",:\-0123456789eE.tfn "#.utf8) + [0x00, 0x80, 0xFF, 0xC3, 0xA9]

    /// One mutation of a valid message: truncation, bit flips, insertions/deletions, or a value swapped for another type.
    mutating func mutate(_ base: [UInt8]) -> [UInt8] {
        var b = base
        switch int(0..<4) {
        case 0:
            b.removeLast(int(0..<max(1, b.count)))
        case 1:
            for _ in 0..<int(1..<4) where !b.isEmpty {
                b[int(0..<b.count)] ^= 1 << UInt8(int(0..<8))
            }
        case 2:
            for _ in 0..<int(1..<4) {
                if Bool.random(using: &rng), !b.isEmpty {
                    b.remove(at: int(0..<b.count))
                } else {
                    let byte = Self.structural.randomElement(using: &rng) ?? 0
                    b.insert(byte, at: int(0..<b.count + 1))
                }
            }
        default:
            // Replace the value after a random ':' up to the next ',' or '}' (roughly: strings may contain them too).
            let colons = b.indices.filter { b[$0] == UInt8(ascii: ":") }
            guard let colon = colons.randomElement(using: &rng) else { break }
            var end = colon + 1
            while end < b.count && b[end] != UInt8(ascii: ",") && b[end] != UInt8(ascii: "}") { end += 1 }
            b.replaceSubrange(colon + 1..<end, with: Self.tokens.randomElement(using: &rng) ?? [])
        }
        return b
    }

    /// A random, syntactically valid JSON number (possibly huge or tiny).
    mutating func numberText() -> String {
        var s = Bool.random(using: &rng) ? "-" : ""
        let intDigits = int(1..<(int(0..<10) == 0 ? 400 : 20))
        s += intDigits == 1 || Bool.random(using: &rng) ? String(int(0..<10)) : String(int(1..<10))
        if s.last != "0" { for _ in 1..<intDigits { s += String(int(0..<10)) } }
        if Bool.random(using: &rng) { s += "." + (0..<int(1..<25)).map { _ in String(int(0..<10)) }.joined() }
        if Bool.random(using: &rng) { s += ["e", "E"][int(0..<2)] + ["", "+", "-"][int(0..<3)] + String(int(0..<(int(0..<4) == 0 ? 400 : 30))) }
        return s
    }
}

private func fuzzSeed() -> UInt64 {
    ProcessInfo.processInfo.environment["PIPETOP_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_F00D
}

private func fuzzIterations() -> Int {
    ProcessInfo.processInfo.environment["PIPETOP_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 100_000
}

@Test func decoderFuzzNeverCrashesAndRoundTripsValidEvents() {
    var h = FuzzHarness(seed: fuzzSeed())
    let corpus = (0..<256).map { _ in Array(EventEncoder.encode(EventSamples.event(&h.rng)).utf8) } + EventSamples.all.map { Array($0.utf8) }
    let scoredHead = #"{"type":"scored","pipeline":"p","ts_ms":1,"key":"k","model":"m","version":1,"score":"#
    let iterations = fuzzIterations()
    for i in 0..<iterations {
        switch i % 8 {
        case 0:
            let n = h.int(0..<96)
            let structured = Bool.random(using: &h.rng)
            let bytes = (0..<n).map { _ in
                structured ? (FuzzHarness.structural.randomElement(using: &h.rng) ?? 0) : UInt8.random(in: 0...255, using: &h.rng)
            }
            h.check(bytes)
        case 1:
            // A valid random event: must decode to itself on both paths.
            let event = EventSamples.event(&h.rng)
            let bytes = Array(EventEncoder.encode(event).utf8)
            if case .success(let decoded) = h.check(bytes), decoded == event { continue }
            h.fail("valid event did not round-trip", bytes)
        case 2:
            // Numbers must read exactly as `Double(String)` does, or be rejected as out of range.
            let text = h.numberText()
            let bytes = Array((scoredHead + text + "}").utf8)
            let expected = Double(text) ?? .nan
            switch h.check(bytes) {
            case .success(.scored(let s)) where s.score == expected && expected.isFinite: break
            case .failure(let e) where !expected.isFinite && e.kind == .numberOutOfRange(field: "scored.score", expected: "a finite number"): break
            default: h.fail("number \(text) not read as \(expected)", bytes)
            }
        default:
            h.check(h.mutate(corpus[h.int(0..<corpus.count)]))
        }
        if h.failures > 20 { break }
    }
    #expect(h.failures == 0, "fuzz seed \(h.seed)")
    // Every round-trip case must be accepted; a harness that rejects everything would test nothing.
    #expect(h.accepted >= iterations / 8)
}

@Test func decoderFuzzDeepNestingIsRejectedWithoutRecursion() {
    var h = FuzzHarness(seed: fuzzSeed())
    let deepArray = Array(#"{"type":"scored","x":"#.utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    let deepObject = Array(#"{"type":"scored","x":"#.utf8) + Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
    for bytes in [deepArray, deepObject, [UInt8](repeating: UInt8(ascii: "["), count: 100_000)] {
        guard case .failure(let e) = h.check(bytes) else { Issue.record("deep input accepted"); continue }
        #expect(e.kind == .nestingTooDeep || e.kind == .notAnObject)
    }
    // With a huge limit the skipper walks all 100k levels iteratively and then runs out of input.
    var permissive = EventDecoder(maxDepth: 1_000_000)
    #expect(throws: DecodeError(.unexpectedEnd, at: deepArray.count)) { try permissive.decode(deepArray) }
    #expect(h.failures == 0)
}

@Test func decoderFuzzHugeStringsDecodeOrFailCleanly() {
    var h = FuzzHarness(seed: fuzzSeed())
    let big = String(repeating: "a", count: 10 << 20)
    let head = #"{"type":"label","pipeline":"p","ts_ms":1,"label":1,"key":""#
    let valid = Array((head + big + #""}"#).utf8)
    guard case .success(.label(let l)) = h.check(valid) else { Issue.record("10 MB key rejected"); return }
    #expect(l.key.utf8.count == 10 << 20)
    #expect(throws: DecodeError(.unexpectedEnd, at: valid.count - 2)) { try h.decoder.decode(Array(valid.dropLast(2))) }
    var bad = valid
    bad[bad.count - 10] = 0xFF
    #expect(throws: DecodeError(.invalidUTF8, at: bad.count - 10)) { try h.decoder.decode(bad) }
    #expect(h.failures == 0)
}
