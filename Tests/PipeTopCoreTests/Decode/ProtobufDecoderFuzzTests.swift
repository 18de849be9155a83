import Foundation
import Testing
import PipeTopCore

// Seeded mutations of real messages (ProtobufTestFixtures) and of a real descriptor set:
// decoding returns a value or throws a ValueDecodeError inside the input, never crashes
// or hangs. `make fuzz` runs it with PIPETOP_FUZZ_ITERATIONS (and PIPETOP_FUZZ_SEED).

private func fuzzSeed() -> UInt64 {
    ProcessInfo.processInfo.environment["PIPETOP_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x9B0F_5EED
}

private func fuzzIterations() -> Int {
    ProcessInfo.processInfo.environment["PIPETOP_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 20_000
}

/// One mutation of `base`: bit flips, byte changes, cuts, insertions (random bytes, long
/// varints, huge lengths, group tags), deletions, a range duplicated, another message appended.
private func mutate(_ base: [UInt8], other: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var b = base
    func at(_ extra: Int = 0) -> Int { Int.random(in: 0..<(b.count + extra), using: &rng) }
    for _ in 0..<Int.random(in: 1...3, using: &rng) {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0 where !b.isEmpty: b[at()] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !b.isEmpty: b[at()] = UInt8.random(in: 0...255, using: &rng)
        case 2: b = Array(b.prefix(at(1)))
        case 3: b.insert(contentsOf: (0..<Int.random(in: 1...8, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at(1))
        case 4: b.insert(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], at: at(1))
        case 5: b.insert(contentsOf: [0x0A, 0x80, 0x80, 0x80, 0x80, 0x01], at: at(1))  // a 256 MB length
        case 6: b.insert(contentsOf: [[0x0B], [0x0C], [0xA3, 0x01], [0xA4, 0x01], [0x00]][Int.random(in: 0..<5, using: &rng)], at: at(1))
        case 7 where !b.isEmpty:
            let start = at()
            b.removeSubrange(start..<min(b.count, start + Int.random(in: 1...16, using: &rng)))
        case 8 where !b.isEmpty:
            let start = at()
            b.insert(contentsOf: b[start..<min(b.count, start + Int.random(in: 1...32, using: &rng))], at: at(1))
        default: b += other
        }
    }
    return b
}

/// The text a direct decode-to-JSON path writes after a prefix (which it must leave alone),
/// or its error, or, when it failed but left bytes behind, those bytes.
func directJSON(_ bytes: [UInt8], _ write: (UnsafeRawBufferPointer, JSONTextBuffer) throws(ValueDecodeError) -> Void) -> Result<String, ValueDecodeError> {
    let out = JSONTextBuffer(capacity: 64)
    let prefix = Array("prefix ".utf8)
    prefix.withUnsafeBytes { out.append($0) }
    let result = bytes.withUnsafeBytes { b in Result { () throws(ValueDecodeError) in try write(b, out) } }
    let written = String(decoding: out.bytes, as: UTF8.self)
    guard written.hasPrefix("prefix ") else { return .success(written) }
    return result.map { String(written.dropFirst(prefix.count)) }.flatMapError { error in
        out.count == prefix.count ? .failure(error) : .success(written)
    }
}

/// Writes the same JSON as the tree, or fails as it does, without it: on every case and on
/// their concatenations (a Protobuf merge: fields repeated and out of order), so that both
/// the streamed and the declined paths are compared.
@Test func protobufWriteJSONIsTheTreesJSON() throws {
    let g = try ProtobufTestFixtures.load()
    let pool = try ProtobufDescriptorPool(descriptorSet: g.descriptorSet)
    for c in g.cases {
        let decoder = try pool.decoder(forMessage: c.type)
        for other in g.cases where other.type == c.type {
            for bytes in [c.bytes, c.bytes + other.bytes] {
                let tree = Result { () throws(ValueDecodeError) in try decoder.decode(bytes).jsonText }
                let direct = directJSON(bytes) { (b, out) throws(ValueDecodeError) in try decoder.writeJSON(b, to: out) }
                #expect(direct == tree, "\(c.name) + \(other.name)")
            }
        }
    }
}

@Test func protobufDecoderFuzzNeverCrashesOnMutatedMessages() throws {
    let g = try ProtobufTestFixtures.load()
    let pool = try ProtobufDescriptorPool(descriptorSet: g.descriptorSet)
    let decoders = try Dictionary(g.cases.map { ($0.type, try pool.decoder(forMessage: $0.type)) }, uniquingKeysWith: { a, _ in a })
    let all = Array(decoders.values)
    let seed = fuzzSeed()
    var rng = SplitMix64(seed: seed)
    var accepted = 0
    var rejected = 0
    var reported = 0
    for _ in 0..<fuzzIterations() {
        let c = g.cases[Int.random(in: 0..<g.cases.count, using: &rng)]
        let other = g.cases[Int.random(in: 0..<g.cases.count, using: &rng)].bytes
        let bytes = mutate(c.bytes, other: other, &rng)
        // Mostly the message's own type; sometimes another, so every plan sees foreign bytes.
        let decoder = Int.random(in: 0..<4, using: &rng) == 0 ? all[Int.random(in: 0..<all.count, using: &rng)] : decoders[c.type]!
        let direct = directJSON(bytes) { (b, out) throws(ValueDecodeError) in try decoder.writeJSON(b, to: out) }
        do {
            let value = try decoder.decode(bytes)
            if direct != .success(value.jsonText), reported < 5 {
                reported += 1
                Issue.record("seed \(seed): writeJSON of mutated \(c.name) is not the tree's JSON \(value.jsonText): \(direct) bytes \(bytes)")
            }
            accepted += 1
        } catch {
            if direct != .failure(error), reported < 5 {
                reported += 1
                Issue.record("seed \(seed): writeJSON of mutated \(c.name) did not fail as decode did (\(error)): \(direct)")
            }
            rejected += 1
            if let offset = error.offset, !(0...bytes.count).contains(offset), reported < 5 {
                reported += 1
                Issue.record("seed \(seed) (rerun with PIPETOP_FUZZ_SEED=\(seed)): \(error) outside \(bytes.count) bytes of \(c.name)")
            }
            if error.description.contains("\n"), reported < 5 {
                reported += 1
                Issue.record("seed \(seed): a multi-line error: \(error)")
            }
        }
    }
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    #expect(accepted > fuzzIterations() / 20)
    #expect(rejected > fuzzIterations() / 20)
}

@Test func protobufDecoderFuzzNeverCrashesOnMutatedDescriptorSets() throws {
    let g = try ProtobufTestFixtures.load()
    let seed = fuzzSeed()
    var rng = SplitMix64(seed: seed ^ 0xD35C)
    var built = 0
    for _ in 0..<max(1, fuzzIterations() / 50) {
        let set = mutate(g.descriptorSet, other: g.schema.protobufFile, &rng)
        guard let pool = try? ProtobufDescriptorPool(descriptorSet: set) else { continue }
        built += 1
        // Every top-level message of every file, fed a few real messages.
        for file in pool.files {
            for i in file.messages.indices {
                guard let decoder = try? pool.decoder(messageIndexes: [i], inFile: file.name) else { continue }
                for _ in 0..<3 {
                    _ = try? decoder.decode(g.cases[Int.random(in: 0..<g.cases.count, using: &rng)].bytes).jsonBytes()
                }
            }
        }
    }
    #expect(built > 0)
}
