import Foundation
import PipeTopCore

/// Protobuf decoding of typical scored records into the natural tree, then to JSON text, on
/// one core: `pipetop-bench protobuf [N]`. The schema is the test suite's `Scored`
/// (Tests/PipeTopCoreTests/Fixtures/proto/pipetop/test/everything.proto), given here as
/// descriptors so the benchmark needs no protoc; the records are written by a minimal
/// encoder (the decoder's agreement with protobuf's own encoder is what the tests check).
struct ProtobufDecodeBenchmark {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    let decoder: ProtobufMessageDecoder

    init(count: Int, seed: UInt64 = 42) throws {
        let common = ProtobufFileDescriptor(
            name: "pipetop/test/common.proto", package: "pipetop.test.common",
            enums: [.init(name: "Color", values: [("COLOR_UNSPECIFIED", 0), ("RED", 1), ("GREEN", 2), ("BLUE", 300)])], syntax: .proto3)
        var label = ProtobufFileDescriptor.Field(name: "label", number: 5, type: 9, oneofIndex: 0, proto3Optional: true)
        label.jsonName = "label"
        let scored = ProtobufFileDescriptor.Message(
            name: "Scored",
            fields: [
                .init(name: "id", number: 1, type: 9), .init(name: "model", number: 2, type: 9),
                .init(name: "version", number: 3, type: 5), .init(name: "score", number: 4, type: 1), label,
                .init(name: "color", number: 6, type: 14, typeName: ".pipetop.test.common.Color"),
                .init(name: "ts", number: 7, type: 3),
                .init(name: "features", number: 8, label: 3, type: 11, typeName: ".pipetop.test.Scored.FeaturesEntry"),
                .init(name: "at", number: 9, type: 11, typeName: ".google.protobuf.Timestamp"),
            ],
            nested: [.init(name: "FeaturesEntry", fields: [.init(name: "key", number: 1, type: 9), .init(name: "value", number: 2, type: 1)],
                           isMapEntry: true)],
            oneofNames: ["_label"])
        let file = ProtobufFileDescriptor(
            name: "pipetop/test/everything.proto", package: "pipetop.test",
            dependencies: ["google/protobuf/timestamp.proto", "pipetop/test/common.proto"], messages: [scored], syntax: .proto3)
        decoder = try ProtobufDescriptorPool(files: [common, file], mainFile: file.name).decoder(forMessage: "pipetop.test.Scored")

        var rng = SplitMix64(seed: seed)
        let models = ["fraud-lr", "churn-gbm", "ctr-dnn"]
        let featureNames = ["amount", "risk", "age_days", "country_score", "velocity_1h", "velocity_24h", "device_trust", "merchant_rank"]
        bytes.reserveCapacity(count * 220)
        ranges.reserveCapacity(count)
        var w = Writer()
        for n in 0..<count {
            w.out.removeAll(keepingCapacity: true)
            w.string(1, "tx\(10_000_000 + n)")
            w.string(2, models[n % models.count])
            w.varint(3, UInt64(3 + n % 2))
            w.double(4, Double(rng.next() % 10_000) / 10_000)
            if n % 7 == 0 { w.string(5, rng.next() % 2 == 0 ? "fraud" : "ok") }
            w.varint(6, rng.next() % 3)
            let ts = 1_764_000_000_000 + UInt64(n)
            w.varint(7, ts)
            for name in featureNames {
                var entry = Writer()
                entry.string(1, name)
                entry.double(2, Double(rng.next() % 1_000_000) / 1_000)
                w.bytes(8, entry.out)
            }
            var at = Writer()
            at.varint(1, ts / 1_000)
            at.varint(2, ts % 1_000 * 1_000_000)
            w.bytes(9, at.out)
            let start = bytes.count
            bytes.append(contentsOf: w.out)
            ranges.append(start..<bytes.count)
        }
    }

    /// Records/s for decoding alone, and for decoding plus `writeJSON`.
    func run() -> (decode: Double, decodeAndJSON: Double) {
        var checksum = 0
        let decodeOnly = Stopwatch.time {
            bytes.withUnsafeBytes { all in
                for r in ranges {
                    if case .object(let members)? = try? decoder.decode(UnsafeRawBufferPointer(rebasing: all[r])) { checksum &+= members.count }
                }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        let withJSON = Stopwatch.time {
            bytes.withUnsafeBytes { all in
                for r in ranges {
                    out.removeAll(keepingCapacity: true)
                    (try? decoder.decode(UnsafeRawBufferPointer(rebasing: all[r])))?.writeJSON(into: &out)
                    checksum &+= out.count
                }
            }
        }
        precondition(checksum > ranges.count * 9, "the decoder produced nothing")
        return (Double(ranges.count) / decodeOnly, Double(ranges.count) / withJSON)
    }

    /// Records/s for `writeJSON` alone, on up to 100,000 trees decoded beforehand: the
    /// shared JSON writer's share of (b).
    func writeOnly() -> Double {
        let trees: [DecodedValue] = bytes.withUnsafeBytes { all in
            ranges.prefix(100_000).compactMap { try? decoder.decode(UnsafeRawBufferPointer(rebasing: all[$0])) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        var checksum = 0
        let seconds = Stopwatch.time {
            for tree in trees {
                out.removeAll(keepingCapacity: true)
                tree.writeJSON(into: &out)
                checksum &+= out.count
            }
        }
        precondition(checksum > 0, "nothing written")
        return Double(trees.count) / seconds
    }

    func sample() -> String {
        guard let r = ranges.first else { return "" }
        return bytes.withUnsafeBytes { all in
            (try? decoder.decode(UnsafeRawBufferPointer(rebasing: all[r])).jsonText) ?? "undecodable"
        }
    }

    static func report(count: Int) {
        let bench: ProtobufDecodeBenchmark
        do {
            bench = try ProtobufDecodeBenchmark(count: count)
        } catch {
            print("protobuf: \(error)")
            return
        }
        print(String(format: "protobuf decode: %d scored records, %.0f bytes on average, e.g.", count, Double(bench.bytes.count) / Double(max(1, count))))
        print("  " + bench.sample())
        let runs = (0..<3).map { _ in bench.run() }
        let decode = runs.map(\.decode).sorted()[1]
        let json = runs.map(\.decodeAndJSON).sorted()[1]
        print("  " + "(a) decode to tree".padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: " %12.0f records/s", decode))
        let write = Stopwatch.median(runs: 3) { bench.writeOnly() }
        print("  " + "(c) writeJSON alone".padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: " %12.0f records/s", write))
        print("  " + "(b) decode + writeJSON".padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: " %12.0f records/s", json)
            + "   target (b) >= 1,000,000 records/s: " + (json >= 1_000_000 ? "met" : "MISSED"))
    }

    /// The few wire-format writes the corpus needs.
    private struct Writer {
        var out: [UInt8] = []

        mutating func raw(_ v: UInt64) {
            var v = v
            while v >= 0x80 {
                out.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
        }

        mutating func varint(_ field: Int, _ v: UInt64) {
            raw(UInt64(field << 3))
            raw(v)
        }

        mutating func double(_ field: Int, _ v: Double) {
            raw(UInt64(field << 3 | 1))
            withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        }

        mutating func bytes(_ field: Int, _ b: [UInt8]) {
            raw(UInt64(field << 3 | 2))
            raw(UInt64(b.count))
            out.append(contentsOf: b)
        }

        mutating func string(_ field: Int, _ s: String) { bytes(field, Array(s.utf8)) }
    }
}
