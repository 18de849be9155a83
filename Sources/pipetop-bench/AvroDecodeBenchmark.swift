import Foundation
import PipeTopCore

/// Avro decoding throughput on a typical scored record (10 fields: strings, long, int,
/// double, a `[null, string]` label, an enum, a map of 8 double features): decode alone,
/// and decode plus `writeJSON`, records/s on one core. The records are generated here
/// (seeded), or read from a file of length-prefixed datums (`scripts/avro-c-compare`
/// writes one with fastavro, so avro-c and this decoder read the same bytes).
struct AvroDecodeBenchmark {
    static let schemaText = """
        {"type":"record","name":"ScoredRecord","namespace":"ml.serving","fields":[
         {"name":"id","type":"string"},{"name":"model","type":"string"},{"name":"ts","type":"long"},
         {"name":"version","type":"int"},{"name":"score","type":"double"},
         {"name":"label","type":["null","string"],"default":null},
         {"name":"decision","type":{"type":"enum","name":"Decision","symbols":["APPROVE","REVIEW","DECLINE"]}},
         {"name":"features","type":{"type":"map","values":"double"}},
         {"name":"region","type":"string"},{"name":"latency_us","type":"long"}]}
        """

    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []

    /// `count` records generated with a minimal encoder for this one schema.
    init(count: Int, seed: UInt64 = 7) {
        var rng = SplitMix64(seed: seed)
        let models = ["fraud-lr", "fraud-gbm", "churn-xgb"]
        let regions = ["eu-west-1", "us-east-1", "ap-south-1"]
        for n in 0..<count {
            let start = bytes.count
            string("tx\(10_000_000 + n)")
            string(models[n % 3])
            long(1_764_000_000_000 + Int64(n))
            long(Int64(1 + n % 5))
            double(Double(rng.next() % 10_000) / 10_000)
            if n % 7 == 0 {
                long(1)
                string(n % 2 == 0 ? "fraud" : "legit")
            } else {
                long(0)
            }
            long(Int64(n % 3))
            long(8)
            for f in 0..<8 {
                string("feature_\(f)")
                double(Double(rng.next() % 1_000_000) / 1_000)
            }
            long(0)
            string(regions[n % 3])
            long(Int64(200 + rng.next() % 2_000))
            ranges.append(start..<bytes.count)
        }
    }

    /// The datums in `path`: each a 4-byte little-endian length, then the bytes.
    init(file path: String) throws {
        bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var at = 0
        var starts: [Range<Int>] = []
        while at + 4 <= bytes.count {
            let n = Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
            guard at + 4 + n <= bytes.count else { break }
            starts.append(at + 4..<at + 4 + n)
            at += 4 + n
        }
        ranges = starts
    }

    func run() {
        let schema: AvroSchema
        do {
            schema = try AvroSchema(parsing: Self.schemaText)
        } catch {
            print("avro: \(error)")
            exit(1)
        }
        var failed = 0
        var checksum = 0
        let decodeOnly = Stopwatch.median(runs: 3) {
            Stopwatch.time {
                bytes.withUnsafeBytes { all in
                    for r in ranges {
                        if case .object(let m)? = try? schema.decode(UnsafeRawBufferPointer(rebasing: all[r])) { checksum &+= m.count } else { failed += 1 }
                    }
                }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 12)
        var written = 0
        let withJSON = Stopwatch.median(runs: 3) {
            Stopwatch.time {
                bytes.withUnsafeBytes { all in
                    for r in ranges {
                        guard let value = try? schema.decode(UnsafeRawBufferPointer(rebasing: all[r])) else { continue }
                        out.removeAll(keepingCapacity: true)
                        value.writeJSON(into: &out)
                        written &+= out.count
                    }
                }
            }
        }
        // writeJSON alone, on the first 100,000 records decoded beforehand: where the rest goes.
        let decoded = bytes.withUnsafeBytes { all in ranges.prefix(100_000).compactMap { try? schema.decode(UnsafeRawBufferPointer(rebasing: all[$0])) } }
        let jsonOnly = Stopwatch.median(runs: 3) {
            Stopwatch.time {
                var buffer: [UInt8] = []
                buffer.reserveCapacity(1 << 12)
                for value in decoded {
                    buffer.removeAll(keepingCapacity: true)
                    value.writeJSON(into: &buffer)
                    written &+= buffer.count
                }
            }
        }
        precondition(failed == 0 && checksum > 0 && written > 0, "avro decoder failed on \(failed) records")
        print(String(format: "avro decode:          %.0f records/s (%d records, %.1f bytes each)", Double(ranges.count) / decodeOnly, ranges.count, Double(bytes.count) / Double(max(1, ranges.count))))
        print(String(format: "avro decode + JSON:   %.0f records/s (%d JSON bytes for the first)", Double(ranges.count) / withJSON, decoded.first?.jsonBytes().count ?? 0))
        print(String(format: "writeJSON alone:      %.0f records/s", Double(decoded.count) / jsonOnly))
    }

    private mutating func long(_ v: Int64) {
        var z = UInt64(bitPattern: (v << 1) ^ (v >> 63))
        while z >= 0x80 {
            bytes.append(UInt8(z & 0x7F) | 0x80)
            z >>= 7
        }
        bytes.append(UInt8(z))
    }

    private mutating func string(_ s: String) {
        long(Int64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func double(_ d: Double) {
        withUnsafeBytes(of: d.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
