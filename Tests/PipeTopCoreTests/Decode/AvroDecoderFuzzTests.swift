import Foundation
import Testing
import PipeTopCore

/// Seeded random mutations of fastavro's bytes (and of the schemas' text): decoding returns
/// or throws an error inside the input, never crashes, and whatever it returns writes as
/// valid JSON. `make fuzz` runs it with `PIPETOP_FUZZ_ITERATIONS` inputs.
@Suite struct AvroDecoderFuzzTests {
    private var seed: UInt64 {
        ProcessInfo.processInfo.environment["PIPETOP_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0xA7_0F00D
    }

    private var iterations: Int {
        ProcessInfo.processInfo.environment["PIPETOP_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 30_000
    }

    /// Bytes that matter to Avro: varint continuation and sign bits, zero, large lengths.
    private static let interesting: [UInt8] = [0x00, 0x01, 0x02, 0x7E, 0x7F, 0x80, 0x81, 0xFE, 0xFF, 0xC0, 0xED]

    private static func mutate(_ base: [UInt8], _ other: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = base
        func at(_ extra: Int = 0) -> Int { Int.random(in: 0..<max(1, b.count + extra), using: &rng) }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0:
            b.removeLast(min(b.count, Int.random(in: 0...max(1, b.count), using: &rng)))
        case 1:
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !b.isEmpty { b[at()] ^= 1 << UInt8.random(in: 0..<8, using: &rng) }
        case 2:
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !b.isEmpty { b[at()] = interesting.randomElement(using: &rng)! }
        case 3:
            let i = at(1)
            b.insert(contentsOf: (0..<Int.random(in: 1...10, using: &rng)).map { _ in interesting.randomElement(using: &rng)! }, at: min(i, b.count))
        case 4:
            if !b.isEmpty {
                let start = at()
                b.removeSubrange(start..<min(b.count, start + 1 + Int.random(in: 0..<4, using: &rng)))
            }
        default:
            // Splice in a piece of another case's bytes.
            guard !other.isEmpty else { break }
            let start = Int.random(in: 0..<other.count, using: &rng)
            let piece = other[start..<min(other.count, start + Int.random(in: 1...16, using: &rng))]
            b.insert(contentsOf: piece, at: min(at(1), b.count))
        }
        return b
    }

    @Test func mutatedFastavroBytesDecodeOrFailInsideTheInput() throws {
        let fixtures = try AvroFixtures.all()
        let schemas = try fixtures.map { try $0.compiled() }
        var rng = SplitMix64(seed: seed)
        var parser = JSONTreeParser(maxDepth: 1_000)
        var failures = 0
        var accepted = 0
        var rejected = 0
        for i in 0..<iterations {
            let k = i % fixtures.count
            let bytes = i < fixtures.count
                ? fixtures[k].bytes
                : Self.mutate(fixtures[k].bytes, fixtures[Int.random(in: 0..<fixtures.count, using: &rng)].bytes, &rng)
            let direct = directJSON(bytes) { (b, out) throws(ValueDecodeError) in try schemas[k].writeJSON(b, to: out) }
            do {
                let value = try schemas[k].decode(bytes)
                accepted += 1
                let json = value.jsonBytes()
                if direct != .success(String(decoding: json, as: UTF8.self)) {
                    failures += 1
                    Issue.record("seed \(seed) case \(fixtures[k].name): writeJSON is not the tree's JSON: \(direct)")
                }
                let reparsed = json.withUnsafeBytes { b in Result { () throws(ValueDecodeError) in try parser.parse(b) } }
                if case .failure(let e) = reparsed {
                    failures += 1
                    Issue.record("seed \(seed) case \(fixtures[k].name): output is not JSON (\(e)): \(String(decoding: json.prefix(200), as: UTF8.self))")
                }
            } catch {
                rejected += 1
                if direct != .failure(error) {
                    failures += 1
                    Issue.record("seed \(seed) case \(fixtures[k].name): writeJSON did not fail as decode did (\(error)): \(direct)")
                }
                if !(0...bytes.count).contains(error.offset ?? -1) {
                    failures += 1
                    Issue.record("seed \(seed) case \(fixtures[k].name): error offset outside the input: \(error)")
                }
            }
            if failures > 10 { break }
        }
        // The unmutated cases decode (bar the too-deep list), and mutations are mostly caught.
        #expect(accepted >= fixtures.count - 1)
        #expect(rejected > iterations / 4)
    }

    @Test func mutatedSchemaTextsCompileOrFailWithAReason() throws {
        let fixtures = try AvroFixtures.all()
        var rng = SplitMix64(seed: seed)
        var compiled = 0
        for i in 0..<max(1_000, iterations / 10) {
            let f = fixtures[i % fixtures.count]
            var text = Array(f.schema.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) where !text.isEmpty {
                let at = Int.random(in: 0..<text.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: text.remove(at: at)
                case 1: text[at] = Array(#"{}[]",:"0aZ."#.utf8).randomElement(using: &rng)!
                default: text.insert(contentsOf: Array(#""null","#.utf8), at: at)
                }
            }
            do {
                let schema = try AvroSchema(parsing: String(decoding: text, as: UTF8.self), references: f.references)
                compiled += 1
                _ = try? schema.decode(f.bytes)
            } catch {
                #expect(!error.reason.isEmpty && !error.reason.contains("\n"))
            }
        }
        #expect(compiled > 0)
    }
}
