import Foundation
import Testing
import PipeTopCore

/// Hostile Avro bytes, made by cutting and patching what fastavro wrote: each must be an
/// error for that message, at once, without a crash or a large allocation.
@Suite struct AvroHostileInputTests {
    private func expectError(
        _ fixture: String, _ bytes: (AvroFixture) -> [UInt8], _ expected: ValueDecodeError,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let f = try AvroFixtures.named(fixture)
        let schema = try f.compiled()
        #expect(throws: expected, sourceLocation: sourceLocation) { try schema.decode(bytes(f)) }
    }

    @Test func everyTruncationOfEveryCaseIsAnErrorInsideTheInput() throws {
        var checked = 0
        for f in try AvroFixtures.all() {
            let schema = try f.compiled()
            // Every cut of the small cases; about 300 of the big ones.
            for cut in stride(from: 0, to: f.bytes.count, by: max(1, f.bytes.count / 300)) {
                let prefix = Array(f.bytes[..<cut])
                do {
                    let v = try schema.decode(prefix)
                    Issue.record("\(f.name) cut at \(cut) decoded: \(v.jsonText)")
                } catch {
                    #expect((0...cut).contains(error.offset ?? -1), "\(f.name) cut at \(cut): \(error)")
                }
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }

    @Test func truncatedAndOverlongVarintsAreErrors() throws {
        // fastavro writes Int64.min as 10 bytes ending 01; an 11th byte makes it too long.
        try expectError("long-min", { Array($0.bytes.dropLast()) }, ValueDecodeError("message ends inside a varint", at: 0))
        try expectError("long-min", { $0.bytes.dropLast() + [0x81, 0x01] }, ValueDecodeError("varint longer than 10 bytes", at: 0))
        try expectError("bare-int", { _ in [0x80, 0x80, 0x80, 0x80, 0x10] }, ValueDecodeError("int value 2147483648 out of 32-bit range", at: 0))
    }

    @Test func negativeAndPastTheEndLengthsAreErrors() throws {
        // "just a string": length 13 (0x1a).
        try expectError("bare-string", { [0x01] + $0.bytes.dropFirst() }, ValueDecodeError("negative string length -1", at: 0))
        try expectError("bare-string", { [0x7E] + $0.bytes.dropFirst() }, ValueDecodeError("string length 63 exceeds the 13 bytes left", at: 0))
        try expectError("primitives", { f in
            // The bytes field's length (6, zig-zag 0x0C) patched to 0x7F: -64.
            var b = f.bytes
            let at = b.firstIndex(of: 0x0C)!  // zig-zag 6
            b[at] = 0x7F
            return b
        }, ValueDecodeError("negative bytes length -64", at: 44))
    }

    /// The length is checked against what is left before anything is allocated or read.
    @Test func aHundredMegabyteLengthPrefixIsRefusedBeforeAnythingIsRead() throws {
        let schema = try AvroSchema(parsing: #""bytes""#)
        var prefix: [UInt8] = []
        var n: UInt64 = 100_000_000 << 1  // zig-zag
        while n >= 0x80 {
            prefix.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        prefix.append(UInt8(n))
        let message = prefix + [UInt8](repeating: 0x41, count: 20)
        #expect(throws: ValueDecodeError("bytes length 100000000 exceeds the 20 bytes left", at: 0)) { try schema.decode(message) }
    }

    @Test func badBlockCountsAreErrors() throws {
        // [1, -2, 300]: 06 02 03 d8 04 00.
        try expectError("long-array", { [0x05, 0x01] + $0.bytes.dropFirst() }, ValueDecodeError("negative block length -1", at: 1))
        try expectError("long-array", { [0x05, 0x7E] + $0.bytes.dropFirst() }, ValueDecodeError("block length 63 exceeds the 5 bytes left", at: 1))
        try expectError("long-array", { [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] + $0.bytes.dropFirst() },
            ValueDecodeError("block count -9223372036854775808 out of range", at: 0))
        try expectError("long-array", { [0x80, 0xA8, 0xD6, 0xB9, 0x07] + $0.bytes.dropFirst() },
            ValueDecodeError("block of 1000000000 items cannot fit in the 5 bytes left", at: 0))
    }

    @Test func zeroByteItemsAreCappedPerMessage() throws {
        // 3 nulls: 06 00. 2^21 nulls claim nothing in the bytes, but more than the cap.
        try expectError("null-array", { _ in [0x80, 0x80, 0x80, 0x02, 0x00] }, ValueDecodeError("more than 1048576 items of a zero-byte type in one message", at: 0))
        // Two blocks that pass alone but not together.
        try expectError("empty-record-array", { _ in [0x80, 0x80, 0x80, 0x01, 0x80, 0x80, 0x80, 0x01, 0x02, 0x00] },
            ValueDecodeError("more than 1048576 items of a zero-byte type in one message", at: 4))
        let f = try AvroFixtures.named("null-array")
        #expect(try f.compiled().decode([0xD0, 0x0F, 0x00]) == .array(Array(repeating: .null, count: 1_000)))
        // A map of zero-size fixed still pays one byte per key.
        try expectError("zero-fixed-map", { _ in [0x80, 0xA8, 0xD6, 0xB9, 0x07, 0x02, 0x61, 0x00] },
            ValueDecodeError("block of 1000000000 items cannot fit in the 3 bytes left", at: 0))
    }

    @Test func aSchemaNestingEmptyRecordsByNameCannotMakeAnEmptyMessageExpensive() throws {
        // Level k has four fields of level k-1: 4^12 records of nothing, zero bytes to read.
        var types = [#"{"type":"record","name":"L0","fields":[{"name":"n","type":"null"}]}"#]
        for k in 1...12 {
            types.append(#"{"type":"record","name":"L\#(k)","fields":[{"name":"a","type":"L\#(k - 1)"},{"name":"b","type":"L\#(k - 1)"},{"name":"c","type":"L\#(k - 1)"},{"name":"d","type":"L\#(k - 1)"}]}"#)
        }
        let schema = try AvroSchema(parsing: #""L12""#, references: types)
        #expect(throws: ValueDecodeError("more than 1048576 items of a zero-byte type in one message", at: 0)) { try schema.decode([]) }
        // Four levels (256 records) are fine.
        let small = try AvroSchema(parsing: #""L4""#, references: Array(types.prefix(5)))
        #expect(try small.decode([]).jsonText.count > 256)
    }

    @Test func unionAndEnumIndexesOutOfRangeAreErrors() throws {
        // Unions: field a's branch index (0) first; Complex: color BLUE (index 2) first.
        try expectError("unions", { [0x04] + $0.bytes.dropFirst() }, ValueDecodeError("union branch 2 out of range (2 branches)", at: 0))
        try expectError("unions", { [0x01] + $0.bytes.dropFirst() }, ValueDecodeError("union branch -1 out of range (2 branches)", at: 0))
        try expectError("complex", { [0x06] + $0.bytes.dropFirst() }, ValueDecodeError("enum index 3 out of range (3 symbols)", at: 0))
    }

    @Test func invalidUTF8InAStringIsAnError() throws {
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80], [0x80]] {
            try expectError("bare-string", { f in
                var b = f.bytes
                b.replaceSubrange(3..<3 + bad.count, with: bad)
                return b
            }, ValueDecodeError("string is not valid UTF-8", at: 1))
        }
    }

    @Test func bytesLeftOverAreAnErrorNamingHowMany() throws {
        try expectError("bare-long", { $0.bytes + [0x00] }, ValueDecodeError("1 byte left over after the Avro datum", at: 1))
        try expectError("scored", { $0.bytes + [0x00, 0x00, 0x00] }, ValueDecodeError("3 bytes left over after the Avro datum", at: 139))
        try expectError("bare-boolean", { _ in [0x02] }, ValueDecodeError("boolean byte 2 (must be 0 or 1)", at: 0))
    }

    @Test func anOversizedDecimalIsAnError() throws {
        let schema = try AvroSchema(parsing: #"{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}"#)
        let bytes: [UInt8] = [0xA0, 0x1F] + [UInt8](repeating: 0x7F, count: 2_000)
        #expect(throws: ValueDecodeError("decimal of 2000 bytes (at most 1024)", at: 2)) { try schema.decode(bytes) }
    }
}
